"""The memorandum of understanding: versions a region publishes, and each side's acceptance."""

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import memorandum_services as mou
from domain.leaders.memorandum_text import TITLE
from domain.leaders.models import Memorandum, MemorandumAcceptance
from domain.leaders.people import AssociationRefused
from domain.organisations.models import Region
from tests import factories

from .helpers import (
    alliance,
    alliance_with_coordinator,
    associated_leader,
    invitation,
    representative_of,
    unassociated_leader,
)

pytestmark = pytest.mark.django_db


def test_the_data_migration_gives_every_region_version_1():
    regions = list(Region.objects.all())
    assert len(regions) == 9
    for region in regions:
        current = mou.memorandum_current(region)
        assert current is not None
        assert (current.version, current.title) == (1, TITLE)
        assert current.body.strip()
    assert Memorandum.objects.count() == 9


def test_publishing_makes_the_next_version_in_that_region_only():
    region = factories.region()
    other = factories.region("London")
    representative = representative_of(region)
    second = mou.memorandum_publish(actor=representative, region=region, title=" New terms ", body=" Text ")
    third = mou.memorandum_publish(actor=representative, region=region, title="Newer", body="More text")
    assert (second.version, second.title, second.body, second.published_by) == (2, "New terms", "Text", representative)
    assert third.version == 3
    assert mou.memorandum_current(region) == third
    assert mou.memorandum_current(other).version == 1
    assert mou.memorandum_current(None) is None
    event = AuditEvent.objects.filter(action="leaders.memorandum.published").latest("id")
    assert event.data == {"region_id": region.pk, "version": 3}


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [("", "Text", "Enter a title"), ("   ", "Text", "Enter a title"), ("Title", "  ", "Enter the text")],
)
def test_publishing_without_a_title_or_text_is_refused(title, body, message):
    region = factories.region()
    with pytest.raises(AssociationRefused, match=message):
        mou.memorandum_publish(actor=representative_of(region), region=region, title=title, body=body)
    assert mou.memorandum_current(region).version == 1


def test_each_side_accepts_and_the_memorandum_is_then_complete():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    state = mou.memorandum_state(association)
    assert state.memorandum.version == 1
    assert not state.complete
    assert state.outstanding_for("leader") and state.outstanding_for("organisation")

    by_leader = mou.memorandum_accept(actor=leader, association=association, party="leader")
    state = mou.memorandum_state(association)
    assert state.leader == by_leader and state.leader.accepted_by == leader
    assert not state.outstanding_for("leader") and state.outstanding_for("organisation")
    assert not state.complete

    mou.memorandum_accept(actor=coordinator, association=association, party="organisation")
    state = mou.memorandum_state(association)
    assert state.complete
    assert not state.outstanding_for("organisation")
    event = AuditEvent.objects.filter(action="leaders.memorandum.accepted").latest("id")
    assert event.data["party"] == "organisation" and event.organisation == tsa


def test_accepting_twice_is_refused():
    leader, association = associated_leader(alliance())
    mou.memorandum_accept(actor=leader, association=association, party="leader")
    with pytest.raises(AssociationRefused, match="Version 1 of the memorandum has already been accepted"):
        mou.memorandum_accept(actor=leader, association=association, party="leader")
    assert MemorandumAcceptance.objects.count() == 1


def test_accepting_an_outdated_version_is_refused_and_a_new_version_is_outstanding_again():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    first = mou.memorandum_current(tsa.region)
    mou.memorandum_accept(actor=leader, association=association, party="leader")
    mou.memorandum_accept(actor=coordinator, association=association, party="organisation")
    second = mou.memorandum_publish(actor=representative_of(tsa.region), region=tsa.region, title="v2", body="Text")
    state = mou.memorandum_state(association)
    assert state.memorandum == second and not state.complete
    assert state.outstanding_for("leader")
    assert mou.memorandum_state(association, first).complete  # earlier acceptances stay on the record
    with pytest.raises(AssociationRefused, match="A newer version of the memorandum \\(version 2\\)"):
        mou.memorandum_accept(actor=leader, association=association, party="leader", memorandum=first)
    accepted = mou.memorandum_accept(actor=leader, association=association, party="leader", memorandum=second)
    assert accepted.memorandum == second


def test_accepting_for_an_open_invitation_or_an_unknown_side_is_refused():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    with pytest.raises(AssociationRefused, match="active association only"):
        mou.memorandum_accept(actor=leader, association=offered, party="leader")
    leader, association = associated_leader(alliance())
    with pytest.raises(AssociationRefused, match="is not a side of the memorandum"):
        mou.memorandum_accept(actor=leader, association=association, party="trustee")
    assert not MemorandumAcceptance.objects.exists()


def test_a_region_without_a_memorandum_has_nothing_to_accept():
    tsa = alliance(region=None)
    leader, association = associated_leader(tsa)
    state = mou.memorandum_state(association)
    assert state.memorandum is None and not state.complete and not state.outstanding_for("leader")
    with pytest.raises(AssociationRefused, match="has not published a memorandum"):
        mou.memorandum_accept(actor=leader, association=association, party="leader")


def test_a_stale_copy_of_an_ended_association_cannot_accept():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    stale = type(association).objects.get(pk=association.pk)
    from domain.leaders.association_services import association_end

    association_end(actor=coordinator, association=association, reason="Ended")
    assert stale.is_active
    with pytest.raises(AssociationRefused, match="active association only"):
        mou.memorandum_accept(actor=leader, association=stale, party="leader")
    assert not MemorandumAcceptance.objects.exists()
