"""A deployment starts from an accepted offer with a first draft of its contract (services.deployment_start)."""

from decimal import Decimal

import pytest

from domain.accounts.roles import Role
from domain.deployments.models import ContractVersion, Party
from domain.deployments.policies import can_see_deployment, parties_of
from domain.deployments.selectors import deployments_for
from domain.deployments.services import deployment_end_early
from domain.deployments.workflows import ContractStatus, DeploymentStatus
from tests.conftest import person_in_role

from . import builders

pytestmark = pytest.mark.django_db


def test_the_deployment_starts_agreeing_a_draft_contract_from_the_request(cast):
    deployment = cast.refresh()
    assert deployment.status == DeploymentStatus.CONTRACTING
    assert deployment.commissioner == deployment.request.referrer_organisation
    (draft,) = ContractVersion.objects.filter(deployment=deployment)
    assert (draft.number, draft.status, draft.days, draft.starts_on, draft.payer, draft.payer_name) == (
        1,
        ContractStatus.DRAFT,
        Decimal(4),
        deployment.request.window_starts,
        "client",
        deployment.client_school.display_name,
    )


def test_a_school_that_asked_itself_has_no_commissioner():
    cast = builders.deployment(commissioned=False)
    assert cast.deployment.commissioner is None
    assert parties_of(cast.client, cast.deployment) == {Party.CLIENT}


def test_each_party_sees_the_deployment_and_nobody_else_does(cast):
    deployment = cast.refresh()
    assert parties_of(cast.leader, deployment) == {Party.LEADER}
    assert parties_of(cast.client, deployment) == {Party.CLIENT}
    assert parties_of(cast.coordinator, deployment) == {Party.ALLIANCE}
    assert parties_of(cast.commissioner, deployment) == {Party.COMMISSIONER}
    stranger = person_in_role(Role.TSA_COORDINATOR)
    assert not can_see_deployment(stranger, deployment)
    assert list(deployments_for(stranger)) == []
    for person in (cast.leader, cast.client, cast.coordinator, cast.commissioner):
        assert list(deployments_for(person)) == [deployment]


def test_the_alliance_ends_a_deployment_early_saying_why(cast):
    ended = deployment_end_early(actor=cast.coordinator, deployment=cast.deployment, reason="The school joined a trust")
    assert ended.status == DeploymentStatus.ENDED


def test_ending_early_releases_the_days_not_logged(cast):
    from domain.deployments.contract_commitments import committed_days

    deployment = cast.refresh()
    assert committed_days(deployment) == Decimal(4)
    deployment_end_early(actor=cast.coordinator, deployment=deployment, reason="The school joined a trust")
    assert committed_days(deployment) == Decimal(0)


def test_a_step_the_table_refuses_is_the_deployments_own_refusal_and_changes_nothing(cast):
    from domain.audit.models import AuditEvent
    from domain.deployments.errors import DeploymentRefused
    from domain.deployments.services import step
    from domain.deployments.workflows import DEPLOYMENT

    before = AuditEvent.objects.count()
    with pytest.raises(DeploymentRefused, match="You cannot complete the deployment when it is agreeing the contract"):
        step(workflow=DEPLOYMENT, obj=cast.deployment, event="complete", actor=cast.coordinator)
    assert cast.refresh().status == DeploymentStatus.CONTRACTING
    assert AuditEvent.objects.count() == before
