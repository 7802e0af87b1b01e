"""Quality assurance of a leader: QA visits and peer reviews (domain.deployments.qa_services) and
the leader's quality record (quality_selectors)."""

import datetime as dt

import pytest

from domain.accounts.roles import Role
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import QaActivity, QaKind, QaOutcome
from domain.deployments.qa_services import qa_record
from domain.deployments.quality_selectors import leader_for_quality, leader_record, leaders_of
from domain.notifications.models import Notification
from tests.commissioning import builders as b
from tests.conftest import person_in_role
from tests.leaders.helpers import representative_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


def record(cast, **changes):
    values = {
        "actor": cast.coordinator,
        "organisation": cast.deployment.organisation,
        "leader": cast.leader,
        "kind": QaKind.QA_VISIT,
        "held_on": TODAY - dt.timedelta(days=3),
        "findings": "Clear plan, well received by the headteacher.",
        "outcome": QaOutcome.EFFECTIVE,
        **changes,
    }
    return qa_record(**values)


def test_the_alliance_records_a_qa_visit_and_the_leader_is_told(cast):
    activity = record(cast, deployment=cast.deployment)
    assert (activity.reviewer, activity.recorded_by, activity.deployment) == (
        cast.coordinator,
        cast.coordinator,
        cast.deployment,
    )
    assert Notification.objects.filter(user=cast.leader, title__contains="quality assurance visit").exists()


def test_the_regions_representative_records_too(cast):
    representative = representative_of(cast.deployment.organisation.region)
    assert record(cast, actor=representative).recorded_by == representative


def test_a_peer_review_names_another_designated_leader_or_a_name(cast):
    peer = b.available_leader(cast.deployment.organisation)
    review = record(cast, kind=QaKind.PEER_REVIEW, reviewer=peer)
    assert review.reviewer == peer
    named = record(cast, kind=QaKind.PEER_REVIEW, reviewer_name="A. Peer from another alliance")
    assert (named.reviewer, named.reviewer_name) == (None, "A. Peer from another alliance")
    with pytest.raises(DeploymentRefused, match="Choose the system leader who carried out the peer review"):
        record(cast, kind=QaKind.PEER_REVIEW)
    with pytest.raises(DeploymentRefused, match="cannot review their own practice"):
        record(cast, kind=QaKind.PEER_REVIEW, reviewer=cast.leader)
    with pytest.raises(DeploymentRefused, match="Choose a designated system leader"):
        record(cast, kind=QaKind.PEER_REVIEW, reviewer=cast.client)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": TODAY + dt.timedelta(days=1)}, "must be today or in the past"),
        ({"held_on": None}, "Enter the date it took place"),
        ({"findings": "  "}, "Enter what it found"),
        ({"outcome": "excellent"}, "Select the outcome"),
        ({"kind": "lesson"}, "quality assurance visit or a peer review"),
    ],
)
def test_bad_records_are_refused(cast, changes, message):
    with pytest.raises(DeploymentRefused, match=message):
        record(cast, **changes)
    assert not QaActivity.objects.exists()


def test_only_an_alliance_that_brokers_the_leader_records(cast):
    other, other_coordinator = b.alliance_with_coordinator()
    with pytest.raises(DeploymentRefused, match="does not broker them or you do not act for it"):
        record(cast, actor=other_coordinator, organisation=other)
    with pytest.raises(DeploymentRefused, match="does not broker them"):
        record(cast, actor=cast.leader)
    stranger = b.available_leader(other)
    with pytest.raises(DeploymentRefused, match="does not broker them"):
        record(cast, leader=stranger)
    assert not QaActivity.objects.exists()


def test_the_leaders_record_is_the_leaders_and_the_brokering_alliances(cast):
    record(cast)
    assert leader_for_quality(cast.leader, cast.leader.pk) == (cast.leader, None)
    leader, organisations = leader_for_quality(cast.coordinator, cast.leader.pk)
    assert organisations == {cast.deployment.organisation_id}
    for outsider in (cast.client, cast.commissioner, person_in_role(Role.TSA_COORDINATOR)):
        assert leader_for_quality(outsider, cast.leader.pk) is None
    mine = leader_record(leader, organisations)
    assert [a.kind for a in mine.activities] == [QaKind.QA_VISIT]
    assert mine.deployments == 1 and mine.reach.schools == 0


def test_the_alliances_leaders_carry_their_latest_outcome(cast):
    record(cast, held_on=TODAY - dt.timedelta(days=30), outcome=QaOutcome.DEVELOPING)
    record(cast, held_on=TODAY - dt.timedelta(days=2), outcome=QaOutcome.STRONG)
    (leader,) = [p for p in leaders_of(cast.deployment.organisation) if p.pk == cast.leader.pk]
    assert (leader.qa_count, leader.latest_outcome) == (2, QaOutcome.STRONG)
