"""Moving an alliance to a teaching school hub (seed 003): every leader and member school moves,
the alliance closes, all or nothing."""

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import hub_transfer
from domain.leaders.models import Association
from domain.organisations.models import AllianceMembership, OrganisationKind
from domain.organisations.policies import can_move_alliance_to_hub
from tests import factories
from tests.leaders.helpers import alliance, associated_leader, coordinator_of, representative_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    tsa = alliance(name="Old Alliance")
    hub = alliance(kind=OrganisationKind.HUB, name="New Hub")
    leaders = [associated_leader(tsa) for _ in range(3)]
    members = [factories.SchoolFactory() for _ in range(2)]
    for school in members:
        AllianceMembership.objects.create(alliance=tsa, school=school, is_teaching_school=True)
    return tsa, hub, leaders, members


def test_every_association_and_school_moves_and_the_alliance_closes(setting):
    tsa, hub, leaders, members = setting
    actor = representative_of()
    schools_before = AllianceMembership.objects.filter(alliance=tsa).count()
    assert hub_transfer.hub_move_preview(tsa) == hub_transfer.HubMovePreview(leaders=3, schools=schools_before)

    moved = hub_transfer.alliance_move_to_hub(actor=actor, alliance=tsa, hub=hub)

    assert len(moved.associations) == 3
    for leader, old in leaders:
        old.refresh_from_db()
        assert old.status == "transferred"
        assert Association.objects.get(leader=leader, status="active").organisation == hub
        assert AuditEvent.objects.filter(action="leaders.association.transfer", subject_id=str(old.pk)).exists()
    assert not AllianceMembership.objects.filter(alliance=tsa).exists()
    hub_schools = set(AllianceMembership.objects.filter(alliance=hub).values_list("school_id", flat=True))
    assert {s.pk for s in members} <= hub_schools
    assert moved.schools_moved == schools_before
    tsa.refresh_from_db()
    assert tsa.is_active is False
    closed = AuditEvent.objects.get(action="organisations.organisation.moved_to_hub")
    assert (closed.actor, closed.from_state, closed.to_state) == (actor, "active", "inactive")
    assert closed.data["associations_moved"] == 3
    assert AuditEvent.objects.filter(action="organisations.alliance_membership.moved").count() == 1


def test_nothing_is_kept_when_one_leader_cannot_move(setting, monkeypatch):
    tsa, hub, leaders, _ = setting
    real = hub_transfer.association_transfer
    calls = []

    def fails_on_the_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise hub_transfer.AssociationRefused("This association has already ended")
        return real(**kwargs)

    monkeypatch.setattr(hub_transfer, "association_transfer", fails_on_the_second)
    with pytest.raises(hub_transfer.AssociationRefused, match="This association has already ended"):
        hub_transfer.alliance_move_to_hub(actor=representative_of(), alliance=tsa, hub=hub)
    tsa.refresh_from_db()
    assert tsa.is_active
    assert Association.objects.filter(organisation=tsa, status="active").count() == 3
    assert not Association.objects.filter(organisation=hub).exists()
    assert AllianceMembership.objects.filter(alliance=tsa).count() >= 2
    assert not AuditEvent.objects.filter(
        action__in=["leaders.association.transfer", "organisations.organisation.moved_to_hub"]
    ).exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("closed hub", "is closed: choose an open hub"),
        ("not a hub", "Choose a teaching school hub"),
        ("other region", "is not a hub of Old Alliance's region"),
        ("closed alliance", "Old Alliance is already closed"),
    ],
)
def test_refusals_change_nothing(setting, case, message):
    tsa, hub, _, _ = setting
    if case == "closed hub":
        hub.is_active = False
        hub.save()
    elif case == "not a hub":
        hub = alliance(name="Another Alliance")
    elif case == "other region":
        hub = alliance(kind=OrganisationKind.HUB, region=factories.region("London"))
    else:
        tsa.is_active = False
        tsa.save()
    with pytest.raises(hub_transfer.HubMoveRefused, match=message):
        hub_transfer.alliance_move_to_hub(actor=representative_of(), alliance=tsa, hub=hub)
    assert Association.objects.filter(organisation=tsa, status="active").count() == 3


def test_who_may_move_an_alliance(setting):
    tsa, hub, _, _ = setting
    assert can_move_alliance_to_hub(representative_of(), tsa, hub)
    assert not can_move_alliance_to_hub(representative_of(factories.region("London")), tsa, hub)
    both = coordinator_of(tsa)
    factories.MembershipFactory(user=both, organisation=hub)
    assert can_move_alliance_to_hub(both, tsa, hub)
    assert not can_move_alliance_to_hub(coordinator_of(tsa), tsa, hub)
    assert not can_move_alliance_to_hub(coordinator_of(hub), tsa, hub)
    assert not can_move_alliance_to_hub(representative_of(), hub, hub)
