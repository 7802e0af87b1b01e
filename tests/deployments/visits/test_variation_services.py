import datetime as dt
from decimal import Decimal

import pytest

from domain.deployments import services
from domain.deployments import variation_services as variations
from domain.deployments import visit_services as visits
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Variation
from domain.deployments.workflows import VariationStatus
from domain.leaders.models import Commitment
from domain.notifications.models import Notification

from .helpers import note, shared_visit

pytestmark = pytest.mark.django_db


def commitments(cast):
    """The commitments variations made (the offer committed the agreed days before)."""
    return Commitment.objects.filter(reference=f"deployment:{cast.deployment.pk}", purpose__contains="more day")


def test_the_leader_asks_and_the_alliance_is_told(active):
    variation = variations.variation_request(
        actor=active.leader, deployment=active.deployment, days="2", reason="The governors asked for training"
    )
    assert variation.status == VariationStatus.REQUESTED and variation.days == Decimal("2")
    assert Notification.objects.filter(user=active.coordinator, title__startswith="2 more days").exists()
    assert not Notification.objects.filter(user=active.leader, title__startswith="2 more days").exists()


def test_one_more_day_is_written_in_the_singular(active):
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    asked = Notification.objects.get(user=active.coordinator, title__contains="asked for")
    assert asked.title.startswith("1 more day asked for at ")
    assert asked.body.endswith("asked for 1 more day: Why")
    variations.variation_approve(actor=active.coordinator, variation=variation)
    approved = Notification.objects.get(user=active.leader, title__contains="approved")
    assert approved.title.startswith("1 more day approved at ")
    assert approved.body.endswith("approved 1 more day: the leader may now log 5 days in all.")
    assert commitments(active).get().purpose.startswith(f"{active.deployment.reference}: 1 more day at ")


@pytest.mark.parametrize(
    ("days", "reason", "message"),
    [
        ("0", "Why", "more than 0"),
        ("1.25", "Why", "whole or half days"),
        ("many", "Why", "as a number"),
        ("66", "Why", "65 or fewer"),
        ("1", " ", "Enter why more days are needed"),
    ],
)
def test_a_request_needs_sensible_days_and_a_reason(active, days, reason, message):
    with pytest.raises(DeploymentRefused, match=message):
        variations.variation_request(actor=active.leader, deployment=active.deployment, days=days, reason=reason)
    assert not Variation.objects.exists()


def test_the_client_cannot_ask_and_one_request_waits_at_a_time(active):
    with pytest.raises(
        DeploymentRefused, match="Only the system leader or the brokering alliance can ask for more days"
    ):
        variations.variation_request(actor=active.client, deployment=active.deployment, days="1", reason="Why")
    variations.variation_request(actor=active.coordinator, deployment=active.deployment, days="1", reason="Why")
    with pytest.raises(DeploymentRefused, match="already waiting"):
        variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")


def test_approving_raises_the_allowed_days_and_commits_them(active, frozen_clock):
    variation = variations.variation_request(
        actor=active.leader, deployment=active.deployment, days="2", reason="More time with middle leaders"
    )
    approved = variations.variation_approve(actor=active.coordinator, variation=variation)
    assert approved.status == VariationStatus.APPROVED and approved.decided_by == active.coordinator
    deployment = active.refresh()
    assert deployment.extra_days == Decimal("2") and deployment.allowed_days == Decimal("6")
    commitment = commitments(active).get()
    assert commitment.days == Decimal("2") and commitment.override_reason == ""
    assert Notification.objects.filter(user=active.leader, title__startswith="2 more days approved").exists()
    # The leader may now log beyond the first 4 days.
    for day in (dt.date(2026, 12, 1), dt.date(2026, 12, 2), dt.date(2026, 12, 3), dt.date(2026, 12, 4)):
        shared_visit(active, frozen_clock, day)
    fifth = shared_visit(active, frozen_clock, dt.date(2026, 12, 7))
    assert fifth.status == "shared"


def test_approving_past_the_leader_s_capacity_needs_an_override_reason(active):
    # The leader offered 10 days this term and 1 is committed (the offer's other 3 days fall in the
    # spring term): 10 more is past what they offered.
    variation = variations.variation_request(
        actor=active.coordinator, deployment=active.deployment, days="10", reason="A second school in the trust"
    )
    with pytest.raises(
        DeploymentRefused, match="has 9 days left in the autumn term 2026 to 2027: committing 10 needs a reason"
    ) as refused:
        variations.variation_approve(actor=active.coordinator, variation=variation)
    assert "Give a reason to approve the extra days anyway" in str(refused.value)
    variation.refresh_from_db()
    assert variation.status == VariationStatus.REQUESTED
    assert active.refresh().extra_days == 0
    assert not commitments(active).exists()
    variations.variation_approve(
        actor=active.coordinator, variation=variation, override_reason="The leader agreed extra time by phone"
    )
    assert active.refresh().allowed_days == Decimal("14")
    assert commitments(active).get().override_reason == "The leader agreed extra time by phone"


def test_only_the_alliance_decides(active):
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    for someone in (active.leader, active.client, active.commissioner):
        with pytest.raises(DeploymentRefused, match="Only the brokering alliance"):
            variations.variation_approve(actor=someone, variation=variation)
        with pytest.raises(DeploymentRefused, match="Only the brokering alliance"):
            variations.variation_refuse(actor=someone, variation=variation, reason="No")


def test_refusing_needs_a_reason_and_tells_the_leader(active):
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    with pytest.raises(DeploymentRefused, match="Enter why"):
        variations.variation_refuse(actor=active.coordinator, variation=variation, reason="")
    refused = variations.variation_refuse(actor=active.coordinator, variation=variation, reason="The budget is spent")
    assert refused.status == VariationStatus.REFUSED and refused.decision_reason == "The budget is spent"
    assert active.refresh().extra_days == 0
    assert Notification.objects.filter(user=active.leader, title__startswith="More days refused").exists()
    with pytest.raises(DeploymentRefused, match="already refused"):
        variations.variation_approve(actor=active.coordinator, variation=variation)


def test_the_extra_days_are_committed_in_the_term_the_work_is_left_in(active, frozen_clock):
    assert variations.commitment_term(active.deployment).key == "2026-autumn"  # not started yet: its first day
    frozen_clock.move_to(dt.datetime(2027, 1, 12, 10, 0))
    assert variations.commitment_term(active.deployment).key == "2026-spring"


def test_nothing_is_decided_on_an_ended_deployment(active):
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    services.deployment_end_early(actor=active.coordinator, deployment=active.deployment, reason="Closed")
    with pytest.raises(DeploymentRefused, match="ended early"):
        variations.variation_approve(actor=active.coordinator, variation=variation)


def test_a_planned_visit_does_not_count_as_time_logged(active):
    visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, 1))
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    assert variation.days == 1
    assert note().days == 1
