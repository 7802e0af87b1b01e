"""Raising, escalating and resolving causes for concern: who may, what is kept, who is told."""

import pytest

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.deployments.concern_services import concern_escalate, concern_raise, concern_resolve
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Concern, ConcernSeverity, Party
from domain.deployments.services import deployment_end_early
from domain.deployments.workflows import ConcernStatus
from domain.notifications.models import Notification
from tests import factories
from tests.conftest import person_in_role


def raise_one(cast, actor=None, severity=ConcernSeverity.MEDIUM, **changes):
    return concern_raise(
        actor=actor or cast.leader,
        deployment=cast.deployment,
        severity=severity,
        summary=changes.get("summary", "Sessions keep being cancelled"),
        details=changes.get("details", "Three of four sessions were cancelled on the day."),
    )


def told(person) -> list[str]:
    return list(Notification.objects.filter(user=person).values_list("title", flat=True))


@pytest.mark.parametrize(
    ("who", "party"), [("leader", Party.LEADER), ("client", Party.CLIENT), ("coordinator", Party.ALLIANCE)]
)
def test_the_leader_the_client_and_the_alliance_raise_concerns_as_their_party(cast, who, party):
    concern = raise_one(cast, actor=getattr(cast, who))
    assert (concern.raised_as, concern.status, concern.escalated_at) == (party, ConcernStatus.OPEN, None)
    assert AuditEvent.objects.filter(action="deployments.concern.raised", subject_id=str(concern.pk)).exists()


def test_the_quality_lead_is_told_at_once_and_nobody_else(cast):
    Notification.objects.all().delete()
    raise_one(cast)
    assert any("Cause for concern raised" in t for t in told(cast.coordinator))
    assert told(cast.client) == [] and told(cast.commissioner) == [] and told(cast.leader) == []


def test_a_named_quality_lead_is_told_instead_of_every_coordinator(cast):
    other = person_in_role(Role.TSA_COORDINATOR, organisation=cast.deployment.organisation)
    cast.deployment.quality_lead = other
    cast.deployment.save(update_fields=["quality_lead"])
    Notification.objects.all().delete()
    raise_one(cast)
    assert told(other) and not told(cast.coordinator)


def test_the_commissioner_cannot_raise_a_concern(cast):
    with pytest.raises(DeploymentRefused, match="only the system leader, the client school and the brokering"):
        raise_one(cast, actor=cast.commissioner)
    assert not Concern.objects.exists()


def test_a_concern_about_a_closed_deployment_is_refused(cast):
    deployment_end_early(actor=cast.coordinator, deployment=cast.deployment, reason="The head left")
    cast.refresh()
    with pytest.raises(DeploymentRefused, match="cannot change"):
        raise_one(cast)
    assert not Concern.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"summary": "  "}, "Enter a summary of the concern"),
        ({"details": ""}, "Enter the details of the concern"),
        ({"summary": "x" * 201}, "200 characters or fewer"),
    ],
)
def test_a_concern_needs_a_summary_and_details(cast, changes, message):
    with pytest.raises(DeploymentRefused, match=message):
        raise_one(cast, **changes)
    assert not Concern.objects.exists()


def test_an_unknown_severity_is_refused(cast):
    with pytest.raises(DeploymentRefused, match="Select how serious"):
        raise_one(cast, severity="dire")


def test_a_high_concern_is_escalated_at_once(cast):
    representative = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=factories.OrganisationFactory(region=cast.deployment.organisation.region),
    )
    Notification.objects.all().delete()
    concern = raise_one(cast, severity=ConcernSeverity.HIGH)
    assert concern.status == ConcernStatus.ESCALATED and concern.escalated_at is not None
    assert any("escalated" in t for t in told(cast.commissioner))
    assert any("escalated" in t for t in told(representative))
    assert told(cast.client) == []


def test_the_alliance_escalates_saying_why_and_the_commissioner_is_told(cast):
    concern = raise_one(cast)
    Notification.objects.all().delete()
    escalated = concern_escalate(actor=cast.coordinator, concern=concern, reason="The school has not responded")
    assert escalated.status == ConcernStatus.ESCALATED and escalated.escalated_at is not None
    assert any("escalated" in t for t in told(cast.commissioner))
    assert told(cast.client) == []
    event = AuditEvent.objects.get(action="deployments.concern.escalate")
    assert event.reason == "The school has not responded"


@pytest.mark.parametrize("who", ["leader", "client", "commissioner"])
def test_only_the_alliance_escalates(cast, who):
    concern = raise_one(cast)
    with pytest.raises(DeploymentRefused, match="only the brokering alliance escalates"):
        concern_escalate(actor=getattr(cast, who), concern=concern, reason="Because")
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.OPEN


def test_escalating_needs_a_reason_and_an_open_concern(cast):
    concern = raise_one(cast)
    with pytest.raises(DeploymentRefused, match="Enter why you are escalating"):
        concern_escalate(actor=cast.coordinator, concern=concern, reason=" ")
    concern_escalate(actor=cast.coordinator, concern=concern, reason="Because")
    with pytest.raises(DeploymentRefused, match="because it is escalated"):
        concern_escalate(actor=cast.coordinator, concern=concern, reason="Again")


def test_the_resolution_is_kept_and_the_raiser_and_commissioner_are_told(cast):
    concern = raise_one(cast)
    concern_escalate(actor=cast.coordinator, concern=concern, reason="Needs the authority")
    Notification.objects.all().delete()
    resolved = concern_resolve(actor=cast.coordinator, concern=concern, resolution="Cover is now booked a term ahead")
    resolved.refresh_from_db()
    assert (resolved.status, resolved.resolution, resolved.resolved_by) == (
        ConcernStatus.RESOLVED,
        "Cover is now booked a term ahead",
        cast.coordinator,
    )
    assert resolved.resolved_at is not None
    assert any("resolved" in t for t in told(cast.leader))
    assert any("resolved" in t for t in told(cast.commissioner))
    assert told(cast.client) == []


def test_an_unescalated_concern_resolved_is_not_told_to_the_commissioner(cast):
    concern = raise_one(cast)
    Notification.objects.all().delete()
    concern_resolve(actor=cast.coordinator, concern=concern, resolution="Sorted")
    assert told(cast.commissioner) == [] and told(cast.leader)


def test_resolving_is_refused_to_others_without_a_resolution_and_twice(cast):
    concern = raise_one(cast)
    with pytest.raises(DeploymentRefused, match="only the brokering alliance resolves"):
        concern_resolve(actor=cast.leader, concern=concern, resolution="Sorted")
    with pytest.raises(DeploymentRefused, match="Enter how the concern was resolved"):
        concern_resolve(actor=cast.coordinator, concern=concern, resolution="")
    concern_resolve(actor=cast.coordinator, concern=concern, resolution="Sorted")
    with pytest.raises(DeploymentRefused, match="already resolved"):
        concern_resolve(actor=cast.coordinator, concern=concern, resolution="Again")
    concern.refresh_from_db()
    assert concern.resolution == "Sorted"
