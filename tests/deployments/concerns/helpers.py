"""Deployments for the concern and review tests: started in the past (so that reviews can be held),
made active on an agreed first contract with impact measures, and NLG ones."""

import datetime as dt

from domain.commissioning.models import SupportRequest
from domain.deployments.models import ContractVersion, Deployment, ImpactMeasure
from domain.deployments.workflows import ContractStatus, DeploymentStatus
from tests.deployments import builders

STARTS = dt.date(2026, 10, 1)
ENDS = dt.date(2027, 1, 29)


def started(**changes) -> builders.Cast:
    """A deployment that started on 1 October 2026 and ends on 29 January 2027 (still contracting)."""
    return builders.deployment(window_starts=STARTS, window_ends=ENDS, **changes)


def activate(cast: builders.Cast, *, measures: int = 2) -> Deployment:
    """Agrees the first contract (as the contract part would) with `measures` impact measures."""
    contract = ContractVersion.objects.get(deployment=cast.deployment, number=1)
    for position in range(measures):
        ImpactMeasure.objects.create(
            contract=contract,
            position=position,
            objective=f"Objective {position + 1}",
            measure=f"Measure {position + 1}",
            baseline="40%",
            target="60%",
            method="Termly data",
            when_measured="Each term",
        )
    ContractVersion.objects.filter(pk=contract.pk).update(status=ContractStatus.AGREED)
    Deployment.objects.filter(pk=cast.deployment.pk).update(status=DeploymentStatus.ACTIVE, current_contract=contract)
    return cast.refresh()


def make_nlg(cast: builders.Cast) -> Deployment:
    SupportRequest.objects.filter(pk=cast.deployment.request_id).update(nlg_package="maintained")
    return cast.refresh()
