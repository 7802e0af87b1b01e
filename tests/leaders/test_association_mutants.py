"""The association rules as decision tables (domain/leaders/association_services.py). Written to
kill the mutants `make mutate` found surviving (docs/testing.md); each test states a rule of the
service: who is told what in which words, what the audit trail records (who, which organisation, why),
and which offers expire."""

import datetime as dt
import re

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import association_services as assoc
from domain.leaders.models import Association
from domain.leaders.people import AssociationRefused
from domain.notifications.models import Notification

from .helpers import alliance, alliance_with_coordinator, associated_leader, invitation, unassociated_leader

pytestmark = pytest.mark.django_db


def audited(association, event):
    return AuditEvent.objects.get(action=f"leaders.association.{event}", subject_id=str(association.pk))


# event -> (who answers: "leader" or "alliance", on an invitation, the words the other side is told)
ANSWERS = {
    "decline": ("leader", "declined"),
    "withdraw": ("alliance", "withdrew"),
}


@pytest.mark.parametrize("event", ANSWERS)
def test_closing_an_invitation_is_audited_as_the_person_for_the_alliance_without_a_reason(event):
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    side, words = ANSWERS[event]
    actor = leader if side == "leader" else coordinator
    service = assoc.association_decline if event == "decline" else assoc.association_withdraw
    service(actor=actor, association=offered)
    row = audited(offered, event)
    assert (row.actor, row.organisation, row.reason) == (actor, tsa, "")
    told = coordinator if side == "leader" else leader
    expected = (
        f"{leader.full_name} {words} the association with {tsa.name}"
        if side == "leader"
        else f"{tsa.name} {words} your association"
    )
    assert Notification.objects.filter(user=told).latest("id").title == expected


def test_the_leader_who_declines_a_request_tells_nobody_else_and_the_alliance_is_told_in_those_words():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    assoc.association_decline(actor=coordinator, association=asked, reason="We are full")
    told = Notification.objects.filter(user=leader).latest("id")
    assert (told.title, told.body) == (
        f"{tsa.name} declined your association",
        f"{tsa.name} declined the association with you.",
    )
    assert audited(asked, "decline").reason == "We are full"


def test_inviting_many_invites_each_as_the_coordinator_with_the_message():
    tsa, coordinator = alliance_with_coordinator()
    leaders = [unassociated_leader(), unassociated_leader()]
    made, refused = assoc.association_invite_many(
        actor=coordinator, organisation=tsa, leaders=leaders, message="Join our hub"
    )
    assert refused == []
    assert [(a.leader, a.started_by, a.message) for a in made] == [(x, coordinator, "Join our hub") for x in leaders]


def test_only_open_offers_expire_and_each_expiry_is_audited_for_its_alliance():
    leader = unassociated_leader()
    tsa, coordinator = alliance_with_coordinator()
    invited = invitation(tsa, leader, coordinator)
    declined = invitation(alliance(), unassociated_leader())
    assoc.association_decline(actor=declined.leader, association=declined)
    # Both were due on 20 December; only the one still open expires.
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 21)) == 1
    assert Association.objects.get(pk=declined.pk).status == "declined"
    assert audited(invited, "expire").organisation == tsa


def test_inviting_many_without_a_message_sends_none():
    tsa, coordinator = alliance_with_coordinator()
    made, _ = assoc.association_invite_many(actor=coordinator, organisation=tsa, leaders=[unassociated_leader()])
    assert [a.message for a in made] == [""]


def test_moving_an_association_without_saying_why_is_refused_in_those_words():
    tsa, coordinator = alliance_with_coordinator()
    _, association = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match=f"^{re.escape('Enter why the association is moving')}$"):
        assoc.association_transfer(actor=coordinator, association=association, organisation=alliance(), reason="  ")


# Ending ------------------------------------------------------------------------------------------

S = assoc.AssociationStatus

# the association's status when someone ends it (a page read before it changed), the refusal
NOT_ACTIVE = [
    (S.ENDED, "This association has already ended"),
    (S.TRANSFERRED, "This association has already moved to another alliance, hub or grouping"),
    (S.INVITED, "This association has not started: the invitation has not been accepted"),
    (S.REQUESTED, "This association has not started: the request has not been accepted"),
    (S.DECLINED, "This association is not active"),
]


@pytest.mark.parametrize(("status", "message"), NOT_ACTIVE)
def test_ending_an_association_no_longer_active_says_why(status, message):
    tsa, coordinator = alliance_with_coordinator()
    _, association = associated_leader(tsa)
    Association.objects.filter(pk=association.pk).update(status=status)
    with pytest.raises(AssociationRefused, match=f"^{re.escape(message)}$"):
        assoc.association_end(actor=coordinator, association=association, reason="Moving on")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_an_association_ends_only_with_a_reason(reason):
    tsa, coordinator = alliance_with_coordinator()
    _, association = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match="^Enter why the association is ending$"):
        assoc.association_end(actor=coordinator, association=association, reason=reason)
    assert Association.objects.get(pk=association.pk).status == S.ACTIVE


def test_an_ending_is_audited_as_the_person_for_the_alliance_with_the_reason():
    tsa, coordinator = alliance_with_coordinator()
    _, association = associated_leader(tsa)
    assoc.association_end(actor=coordinator, association=association, reason=" Moving on ")
    row = audited(association, "end")
    assert (row.actor, row.organisation, row.reason) == (coordinator, tsa, "Moving on")


# Asking to associate -----------------------------------------------------------------------------


def test_only_a_designated_leader_may_ask_in_those_words():
    tsa, _ = alliance_with_coordinator()
    from tests.factories import UserFactory

    with pytest.raises(
        AssociationRefused, match="^Only a designated system leader can ask to associate with an alliance or hub$"
    ):
        assoc.association_request(actor=UserFactory(), organisation=tsa)


def test_a_leader_already_associated_with_the_alliance_is_told_so():
    tsa, _ = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match=f"^{re.escape(f'You are already associated with {tsa.name}')}$"):
        assoc.association_request(actor=leader, organisation=tsa)


def test_each_leader_may_ask_once_and_again_after_a_refusal_with_their_message_kept():
    """One open request per leader and alliance: another leader's request does not stand in the way,
    nor does a request of theirs the alliance declined."""
    tsa, coordinator = alliance_with_coordinator()
    first, second = unassociated_leader(), unassociated_leader()
    asked = assoc.association_request(actor=first, organisation=tsa)
    assert asked.message == ""
    assert assoc.association_request(actor=second, organisation=tsa, message="Hello").message == "Hello"
    assoc.association_decline(actor=coordinator, association=asked, reason="We are full")
    again = assoc.association_request(actor=first, organisation=tsa, message="We have room now?")
    assert (again.status, again.message) == (S.REQUESTED, "We have room now?")


# One association at a time (seed 000) -----------------------------------------------------------


def test_a_leader_associated_elsewhere_is_told_to_end_or_transfer_it_and_an_alliance_that_they_would_need_to():
    """Seed 000, "Association": a leader associates with one alliance, hub or grouping at a time."""
    first, _ = alliance_with_coordinator()
    second, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(first)
    rule = "A leader associates with one alliance, hub or grouping at a time"
    to_leader = f"You are already associated with {first.name}. {rule}: end or transfer that association first"
    with pytest.raises(AssociationRefused, match=f"^{re.escape(to_leader)}$"):
        assoc.association_request(actor=leader, organisation=second)
    to_alliance = (
        f"{leader.full_name} is already associated with {first.name}. "
        f"{rule}: they would need to end or transfer it first"
    )
    with pytest.raises(AssociationRefused, match=f"^{re.escape(to_alliance)}$"):
        assoc.association_invite(actor=coordinator, organisation=second, leader=leader)


# Who is told, and where their link goes -----------------------------------------------------------


def test_an_invitation_with_no_message_has_none_and_links_the_leader_to_their_association_page():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = assoc.association_invite(actor=coordinator, organisation=tsa, leader=leader)
    assert offered.message == ""
    told = Notification.objects.filter(user=leader).latest("id")
    assert (told.title, told.link) == (f"{tsa.name} invites you to associate with them", "/home/association/")


def test_an_accepted_invitation_is_audited_as_the_leader_for_the_alliance():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    assoc.association_accept(actor=leader, association=offered)
    row = audited(offered, "accept")
    assert (row.actor, row.organisation) == (leader, tsa)


# who ends it, who is told, the title, the link
ENDINGS = [
    ("alliance", "leader", "{tsa} ended your association", "/home/association/"),
    ("leader", "coordinator", "{leader} ended the association with {tsa}", "/home/leaders/associations/{pk}/"),
]


@pytest.mark.parametrize(("ender", "told", "title", "link"), ENDINGS)
def test_the_other_side_is_told_of_an_ending_with_a_link_to_their_page_of_it(ender, told, title, link):
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    actor = coordinator if ender == "alliance" else leader
    assoc.association_end(actor=actor, association=association, reason="Moving on")
    person = leader if told == "leader" else coordinator
    notice = Notification.objects.filter(user=person).latest("id")
    assert (notice.title, notice.link) == (
        title.format(tsa=tsa.name, leader=leader.full_name),
        link.format(pk=association.pk),
    )


# Answering: who may, in which words ---------------------------------------------------------------


def _refused(message: str):
    return pytest.raises(AssociationRefused, match=f"^{re.escape(message)}$")


def test_only_the_side_an_offer_went_to_answers_it_and_only_its_sender_withdraws_it():
    tsa, coordinator = alliance_with_coordinator()
    invited = invitation(tsa, unassociated_leader(), coordinator)
    with _refused(f"Only {invited.leader.full_name} can accept or decline this invitation"):
        assoc.association_accept(actor=coordinator, association=invited)
    with _refused("Only the side that sent this invitation can withdraw it"):
        assoc.association_withdraw(actor=invited.leader, association=invited)
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    with _refused(f"Only {tsa.name} can accept or decline this request"):
        assoc.association_accept(actor=leader, association=asked)
    with _refused("Only the side that sent this request can withdraw it"):
        assoc.association_withdraw(actor=coordinator, association=asked)
    assert set(Association.objects.filter(pk__in=[invited.pk, asked.pk]).values_list("status", flat=True)) == {
        S.INVITED,
        S.REQUESTED,
    }


def test_an_invitation_from_the_alliance_a_leader_is_already_with_is_refused_as_such():
    """An offer left open from before the leader associated (the database allows it beside the active
    association) cannot be accepted: the leader is told they are already with that alliance."""
    tsa, coordinator = alliance_with_coordinator()
    leader, _ = associated_leader(tsa)
    left_open = Association.objects.create(
        leader=leader,
        organisation=tsa,
        status=S.INVITED,
        origin=assoc.AssociationOrigin.INVITATION,
        expires_on=dt.date(2026, 12, 31),
    )
    with _refused(f"You are already associated with {tsa.name}"):
        assoc.association_accept(actor=leader, association=left_open)


def test_accepting_closes_the_leaders_other_offers_as_the_person_who_accepted():
    """Seed 000: one association at a time. Accepting one invitation withdraws the leader's other
    open invitations and requests, each audited as done by the person who accepted, saying why; the
    association starts today and the leader's school joins the alliance."""
    first, coordinator = alliance_with_coordinator()
    second, third = alliance(), alliance()
    leader = unassociated_leader()
    chosen = invitation(first, leader, coordinator)
    other = invitation(second, leader)
    asked = assoc.association_request(actor=leader, organisation=third)
    assoc.association_accept(actor=leader, association=chosen)
    for closed in (other, asked):
        closed.refresh_from_db()
        assert closed.status == S.WITHDRAWN
        row = audited(closed, "withdraw")
        assert (row.actor, row.organisation, row.reason) == (
            leader,
            closed.organisation,
            f"The leader associated with {first.name}",
        )
    chosen.refresh_from_db()
    assert (chosen.status, chosen.starts_on) == (S.ACTIVE, dt.date(2026, 11, 22))


# Moving an association ----------------------------------------------------------------------------


def test_a_move_is_audited_as_the_leaders_and_the_new_alliance_is_told_with_a_link_to_it():
    first, _ = alliance_with_coordinator()
    second, new_coordinator = alliance_with_coordinator()
    leader, association = associated_leader(first)
    new = assoc.association_transfer(actor=leader, association=association, organisation=second, reason=" Closer ")
    moved = audited(association, "transfer")
    assert (moved.actor, moved.organisation, moved.reason, moved.data) == (
        leader,
        first,
        "Closer",
        {"to_organisation_id": second.pk},
    )
    started = audited(new, "created")
    assert (started.actor, started.organisation, started.to_state) == (leader, second, S.ACTIVE)
    assert (new.organisation, new.previous_id, new.origin) == (second, association.pk, "transfer")
    told = Notification.objects.filter(user=new_coordinator).latest("id")
    assert (told.title, told.body, told.link) == (
        f"{leader.full_name} is now associated with {second.name}",
        f"{leader.full_name} moved their association from {first.name} to {second.name}.",
        f"/home/leaders/associations/{new.pk}/",
    )


@pytest.mark.parametrize("where", ["the same alliance", "no organisation"])
def test_moving_to_the_same_alliance_or_to_no_organisation_is_refused_in_those_words(where):
    tsa, _ = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    to, words = {
        "the same alliance": (tsa, f"The leader is already associated with {tsa.name}"),
        "no organisation": (
            None,
            "That organisation is not a teaching school alliance, hub or strategic grouping, so leaders cannot "
            "associate with it",
        ),
    }[where]
    with _refused(words):
        assoc.association_transfer(actor=leader, association=association, organisation=to, reason="Moving")


def test_a_request_tells_the_alliances_coordinators_with_a_link_to_it():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    told = Notification.objects.filter(user=coordinator).latest("id")
    assert (told.title, told.body, told.link) == (
        f"{leader.full_name} asks to associate with {tsa.name}",
        f"{leader.full_name} asks to associate with {tsa.name}. Accept or decline their request.",
        f"/home/leaders/associations/{asked.pk}/",
    )


def test_after_a_move_the_leaders_school_joins_the_new_alliance_as_the_leaders_doing():
    """Seed 000: an association makes the leader's school a member of the alliance."""
    from tests import factories

    first, _ = alliance_with_coordinator()
    second, _ = alliance_with_coordinator()
    school = factories.SchoolFactory()
    leader, association = associated_leader(first, school=school)
    assoc.association_transfer(actor=leader, association=association, organisation=second, reason="Closer")
    joined = AuditEvent.objects.get(
        action="organisations.alliance_membership.created", subject_id=str(second.pk), data__school_id=school.pk
    )
    assert joined.actor == leader


def test_accepting_an_invitation_whose_association_has_ended_says_it_is_no_longer_open():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    assoc.association_accept(actor=leader, association=offered)
    assoc.association_end(actor=leader, association=Association.objects.get(pk=offered.pk), reason="Moving on")
    with _refused("This invitation is no longer open"):
        assoc.association_accept(actor=leader, association=Association.objects.get(pk=offered.pk))


def test_an_ending_takes_the_leader_out_of_the_directorys_route_through_the_alliance():
    from domain.leaders.models import DirectoryEntry
    from tests import factories

    from .helpers import coordinator_of, published_portrait

    tsa = alliance()
    leader, association = associated_leader(tsa, school=factories.SchoolFactory())
    published_portrait(leader, coordinator_of(tsa))
    assert DirectoryEntry.objects.filter(leader=leader).exists()
    assoc.association_end(actor=leader, association=association, reason="Moving on")
    assert not DirectoryEntry.objects.filter(leader=leader).exists()  # an LLE needs a teaching school


def test_each_association_is_audited_as_made_by_whoever_started_it_with_the_leader_alliance_and_origin():
    from .helpers import designate

    tsa, coordinator = alliance_with_coordinator()
    offered = invitation(tsa, unassociated_leader(), coordinator)
    designated = designate(organisation=tsa, actor=coordinator)
    by_designation = Association.objects.get(leader=designated.person, organisation=tsa)
    for association, origin in ((offered, "invitation"), (by_designation, "designation")):
        row = audited(association, "created")
        assert (row.actor, row.organisation) == (coordinator, tsa)
        assert row.data == {"leader_id": association.leader_id, "organisation_id": tsa.pk, "origin": origin}
    assert by_designation.message == ""  # nobody wrote one


def test_the_school_joining_the_alliance_is_audited_with_the_reason_and_the_association():
    from tests import factories

    tsa, coordinator = alliance_with_coordinator()
    school = factories.SchoolFactory(name="Beck Primary School")
    leader, association = associated_leader(tsa, school=school)
    joined = AuditEvent.objects.get(action="organisations.alliance_membership.created", subject_id=str(tsa.pk))
    assert joined.reason == f"Beck Primary School joined as the school of associated leader {leader.full_name}"
    assert joined.data == {"school_id": school.pk, "association_id": association.pk}
