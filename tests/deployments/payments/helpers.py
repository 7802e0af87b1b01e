"""Set-ups for the payment and impact tests: an agreed contract and shared notes of visit.

The contract and visits parts have their own services; these tests reach the states they need
directly, so that they test payment alone: a contract agreed by every party (the deployment's
current contract), and visits whose notes are shared (what evidences days)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from domain.deployments.models import ContractVersion, Deployment, Payer, Visit
from domain.deployments.workflows import ContractStatus, VisitStatus


def agree_contract(cast, *, payer=Payer.CLIENT, payer_name="Synthetic Primary School", day_rate="500", rate="350"):
    """Makes the deployment's first contract version agreed and current, with these terms."""
    deployment = cast.deployment
    contract = ContractVersion.objects.get(deployment=deployment, number=1)
    ContractVersion.objects.filter(pk=contract.pk).update(
        status=ContractStatus.AGREED,
        payer=payer,
        payer_name=payer_name,
        day_rate=Decimal(day_rate),
        leader_school_rate=Decimal(rate),
        agreed_at=timezone.now(),
    )
    Deployment.objects.filter(pk=deployment.pk).update(current_contract=contract)
    return cast.refresh()


def share_visit(deployment, days, *, hours="6", on=None) -> Visit:
    """A visit whose note of visit is shared with the school: `days` are evidenced."""
    visited_on = on or deployment.starts_on
    return Visit.objects.create(
        deployment=deployment,
        visited_on=visited_on,
        status=VisitStatus.SHARED,
        days=Decimal(str(days)),
        hours=Decimal(str(hours)),
        activities="Planned the use of pupil premium with the headteacher",
        note_due_on=visited_on + dt.timedelta(days=5),
        shared_at=timezone.now(),
    )
