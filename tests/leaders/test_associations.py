"""Association of a leader with one alliance, hub or grouping: inviting, asking, answering,
expiry, ending and transferring, and the automatic association on designation (seed 000)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from domain.audit.models import AuditEvent
from domain.leaders import association_services as assoc
from domain.leaders.models import Association
from domain.leaders.people import AssociationRefused
from domain.notifications.models import Notification
from domain.organisations.models import AllianceMembership, OrganisationKind
from tests import factories

from .helpers import (
    alliance,
    alliance_with_coordinator,
    associated_leader,
    coordinator_of,
    designate,
    invitation,
    unassociated_leader,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


def audit_actions(association):
    return list(
        AuditEvent.objects.filter(subject_type="leaders.association", subject_id=str(association.pk))
        .order_by("occurred_at", "id")
        .values_list("action", flat=True)
    )


# Inviting -------------------------------------------------------------------------------------


def test_an_alliance_invites_a_designated_leader_who_is_told():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    made = assoc.association_invite(actor=coordinator, organisation=tsa, leader=leader, message=" Join us ")
    assert made.status == "invited"
    assert made.origin == "invitation"
    assert made.started_by == coordinator
    assert made.message == "Join us"
    assert made.expires_on == TODAY + dt.timedelta(days=28)
    assert made.starts_on is None
    assert Notification.objects.filter(user=leader, title__contains=tsa.name).count() == 1
    assert "leaders.association.created" in audit_actions(made)


def test_inviting_someone_who_is_not_designated_is_refused():
    tsa, coordinator = alliance_with_coordinator()
    person = factories.UserFactory(full_name="Pat Nobody")
    with pytest.raises(AssociationRefused, match="Pat Nobody is not a designated system leader"):
        assoc.association_invite(actor=coordinator, organisation=tsa, leader=person)
    assert not Association.objects.filter(leader=person).exists()


def test_inviting_a_leader_associated_elsewhere_names_the_alliance():
    first = alliance(name="Aire Valley Alliance")
    leader, _ = associated_leader(first)
    second, coordinator = alliance_with_coordinator()
    with pytest.raises(AssociationRefused, match="already associated with Aire Valley Alliance"):
        assoc.association_invite(actor=coordinator, organisation=second, leader=leader)
    assert not Association.objects.filter(leader=leader, organisation=second).exists()


def test_inviting_a_leader_already_associated_with_this_alliance_says_so():
    tsa, coordinator = alliance_with_coordinator(name="Calder Alliance")
    leader, _ = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match="already associated with Calder Alliance$"):
        assoc.association_invite(actor=coordinator, organisation=tsa, leader=leader)


def test_a_second_open_invitation_from_the_same_alliance_is_refused():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    invitation(tsa, leader, coordinator)
    with pytest.raises(AssociationRefused, match="already has an open invitation or request"):
        invitation(tsa, leader, coordinator)
    assert Association.objects.filter(leader=leader).count() == 1


@pytest.mark.parametrize("kind", [OrganisationKind.SCHOOL, OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.TRUST])
def test_an_organisation_that_does_not_broker_leaders_cannot_invite(kind):
    organisation = factories.OrganisationFactory(kind=kind, name="Not An Alliance")
    leader = unassociated_leader()
    with pytest.raises(AssociationRefused, match="Not An Alliance is not a teaching school alliance, hub or strategic"):
        assoc.association_invite(actor=factories.UserFactory(), organisation=organisation, leader=leader)
    assert not Association.objects.filter(leader=leader).exists()


def test_a_closed_alliance_cannot_invite():
    tsa = alliance(is_active=False, name="Closed Alliance")
    with pytest.raises(AssociationRefused, match="Closed Alliance is closed"):
        invitation(tsa, unassociated_leader())


@pytest.mark.parametrize("kind", [OrganisationKind.HUB, OrganisationKind.TSA_GROUPING])
def test_hubs_and_groupings_may_invite(kind):
    organisation = alliance(kind=kind)
    assert invitation(organisation, unassociated_leader()).status == "invited"


def test_invite_many_returns_the_invitations_made_and_why_the_rest_were_not():
    tsa, coordinator = alliance_with_coordinator()
    free = [unassociated_leader(), unassociated_leader()]
    elsewhere, _ = associated_leader(alliance(name="Elsewhere Alliance"))
    nobody = factories.UserFactory(full_name="Sam Undesignated")
    made, refused = assoc.association_invite_many(
        actor=coordinator, organisation=tsa, leaders=[free[0], elsewhere, nobody, free[1]]
    )
    assert [a.leader for a in made] == free
    assert len(refused) == 2
    assert "already associated with Elsewhere Alliance" in refused[0]
    assert "Sam Undesignated is not a designated system leader" in refused[1]
    assert Association.objects.filter(organisation=tsa, status="invited").count() == 2


# Asking -----------------------------------------------------------------------------------------


def test_a_leader_asks_an_alliance_whose_coordinators_are_told():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    made = assoc.association_request(actor=leader, organisation=tsa, message="Please")
    assert (made.status, made.origin, made.started_by, made.leader) == ("requested", "request", leader, leader)
    assert Notification.objects.filter(user=coordinator, title__contains=leader.full_name).exists()


def test_asking_is_refused_for_a_person_who_is_not_designated_or_already_associated():
    tsa = alliance()
    with pytest.raises(AssociationRefused, match="Only a designated system leader"):
        assoc.association_request(actor=factories.UserFactory(), organisation=tsa)
    leader, _ = associated_leader(alliance(name="Wharfe Alliance"))
    with pytest.raises(AssociationRefused, match="You are already associated with Wharfe Alliance"):
        assoc.association_request(actor=leader, organisation=tsa)


def test_asking_twice_is_refused():
    tsa = alliance()
    leader = unassociated_leader()
    assoc.association_request(actor=leader, organisation=tsa)
    with pytest.raises(AssociationRefused, match="You already have an open invitation or request"):
        assoc.association_request(actor=leader, organisation=tsa)


# Accepting ------------------------------------------------------------------------------------


def test_the_leader_accepts_an_invitation_which_makes_the_association_active():
    tsa, coordinator = alliance_with_coordinator()
    school = factories.SchoolFactory()
    leader = unassociated_leader(school=school)
    other_tsa = alliance()
    offered = invitation(tsa, leader, coordinator)
    other_offer = invitation(other_tsa, leader)
    own_request = assoc.association_request(actor=leader, organisation=alliance())

    accepted = assoc.association_accept(actor=leader, association=offered)

    assert accepted.status == "active"
    assert accepted.starts_on == TODAY
    assert offered.status == "active" and offered.starts_on == TODAY  # the caller's copy follows
    accepted.refresh_from_db()
    assert accepted.status == "active" and accepted.starts_on == TODAY
    # seed 000: the leader's school becomes a member of the alliance
    assert AllianceMembership.objects.filter(alliance=tsa, school=school).exists()
    assert AuditEvent.objects.filter(
        action="organisations.alliance_membership.created", organisation=tsa, data__school_id=school.pk
    ).exists()
    # every other open offer closes
    other_offer.refresh_from_db()
    own_request.refresh_from_db()
    assert other_offer.status == own_request.status == "withdrawn"
    assert "leaders.association.withdraw" in audit_actions(other_offer)
    assert audit_actions(accepted) == ["leaders.association.created", "leaders.association.accept"]
    # the alliance's coordinators hear the leader accepted
    assert Notification.objects.filter(user=coordinator, title__contains="accepted").exists()


def test_the_alliance_accepts_a_request_and_the_leader_is_told():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    accepted = assoc.association_accept(actor=coordinator, association=asked)
    assert accepted.status == "active"
    assert Notification.objects.filter(user=leader, title=f"{tsa.name} accepted your association").exists()
    assert Association.objects.filter(leader=leader, status="active").count() == 1


def test_an_existing_alliance_membership_is_not_duplicated():
    tsa = alliance()
    school = factories.SchoolFactory()
    AllianceMembership.objects.create(alliance=tsa, school=school, is_teaching_school=True)
    leader = unassociated_leader(school=school)
    assoc.association_accept(actor=leader, association=invitation(tsa, leader))
    membership = AllianceMembership.objects.get(alliance=tsa, school=school)
    assert membership.is_teaching_school
    assert not AuditEvent.objects.filter(action="organisations.alliance_membership.created").exists()


def test_an_expired_invitation_cannot_be_accepted(time_machine):
    tsa = alliance()
    leader = unassociated_leader()
    offered = invitation(tsa, leader)
    time_machine.move_to(dt.datetime(2027, 1, 1, 12, 0))
    with pytest.raises(AssociationRefused, match="This invitation expired on 20 December 2026"):
        assoc.association_accept(actor=leader, association=offered)
    offered.refresh_from_db()
    assert offered.status == "invited"
    assert not Association.objects.filter(leader=leader, status="active").exists()


def test_an_invitation_is_still_open_on_its_last_day(time_machine):
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    time_machine.move_to(dt.datetime(2026, 12, 20, 12, 0))
    assert assoc.association_accept(actor=leader, association=offered).status == "active"


@pytest.mark.parametrize(
    ("close", "by_leader", "message"),
    [
        (assoc.association_withdraw, False, "This invitation was withdrawn"),
        (assoc.association_decline, True, "This invitation was declined"),
    ],
)
def test_a_closed_invitation_cannot_be_accepted(close, by_leader, message):
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    close(actor=leader if by_leader else coordinator, association=offered)
    stale = Association.objects.get(pk=offered.pk)
    stale.status = "invited"  # a page read before it closed
    with pytest.raises(AssociationRefused, match=message):
        assoc.association_accept(actor=leader, association=stale)
    assert not Association.objects.filter(leader=leader, status="active").exists()


def test_an_expired_invitation_after_the_daily_run_says_when_it_expired():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 21)) == 1
    with pytest.raises(AssociationRefused, match="expired on 20 December 2026"):
        assoc.association_accept(actor=leader, association=offered)


def test_an_invitation_from_an_alliance_that_has_since_closed_cannot_be_accepted():
    tsa = alliance(name="Closing Alliance")
    leader = unassociated_leader()
    offered = invitation(tsa, leader)
    tsa.is_active = False
    tsa.save()
    with pytest.raises(AssociationRefused, match="Closing Alliance is closed"):
        assoc.association_accept(actor=leader, association=offered)
    assert not Association.objects.filter(leader=leader, status="active").exists()


def test_accepting_twice_is_refused():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    assoc.association_accept(actor=leader, association=offered)
    with pytest.raises(AssociationRefused, match="already been accepted"):
        assoc.association_accept(actor=leader, association=offered)


def test_accepting_after_being_designated_elsewhere_meanwhile_is_refused():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    stale = Association.objects.get(pk=offered.pk)
    designate(leader, role="sle", organisation=alliance(name="Nidd Alliance"))  # withdraws the offer
    with pytest.raises(AssociationRefused, match="withdrawn"):
        assoc.association_accept(actor=leader, association=stale)
    assert Association.objects.get(leader=leader, status="active").organisation.name == "Nidd Alliance"


def test_accepting_while_associated_elsewhere_is_refused_and_names_the_alliance():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    Association.objects.create(
        leader=leader, organisation=alliance(name="Nidd Alliance"), status="active", origin="invitation"
    )
    with pytest.raises(AssociationRefused, match="You are already associated with Nidd Alliance"):
        assoc.association_accept(actor=leader, association=offered)
    offered.refresh_from_db()
    assert offered.status == "invited"


# Declining, withdrawing, expiring --------------------------------------------------------------


def test_the_leader_declines_and_the_alliance_is_told():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    declined = assoc.association_decline(actor=leader, association=offered, reason="  Too busy ")
    assert declined.status == offered.status == "declined"
    event = AuditEvent.objects.get(action="leaders.association.decline", subject_id=str(offered.pk))
    assert event.reason == "Too busy"
    assert Notification.objects.filter(user=coordinator, title__contains="declined").exists()
    with pytest.raises(AssociationRefused, match="was declined"):
        assoc.association_withdraw(actor=coordinator, association=offered)


def test_the_alliance_withdraws_and_can_invite_again():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    assoc.association_withdraw(actor=coordinator, association=offered)
    assert Notification.objects.filter(user=leader, title=f"{tsa.name} withdrew your association").exists()
    again = invitation(tsa, leader, coordinator)
    assert again.status == "invited" and again.pk != offered.pk


def test_unanswered_offers_expire_after_their_day_and_no_sooner():
    leader = unassociated_leader()
    invited = invitation(alliance(), leader)
    asked = assoc.association_request(actor=leader, organisation=alliance())
    accepted = invitation(alliance(), unassociated_leader())
    assoc.association_accept(actor=accepted.leader, association=accepted)
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 20)) == 0
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 21)) == 2
    for association in (invited, asked, accepted):
        association.refresh_from_db()
    assert invited.status == asked.status == "expired"
    assert accepted.status == "active"
    event = AuditEvent.objects.get(action="leaders.association.expire", subject_id=str(invited.pk))
    assert event.actor is None and "2026-12-20" in event.reason
    assert assoc.associations_expire_due(today=dt.date(2026, 12, 21)) == 0


# Ending and transferring ----------------------------------------------------------------------


def test_ending_needs_a_reason():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match="Enter why the association is ending"):
        assoc.association_end(actor=coordinator, association=association, reason="   ")
    association.refresh_from_db()
    assert association.status == "active"


def test_ending_an_association_records_when_and_why():
    tsa, coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    ended = assoc.association_end(actor=coordinator, association=association, reason=" Moved abroad ")
    ended.refresh_from_db()
    assert (ended.status, ended.ended_on, ended.end_reason) == ("ended", TODAY, "Moved abroad")
    assert association.status == "ended" and association.ended_on == TODAY
    assert Notification.objects.filter(user=leader, title=f"{tsa.name} ended your association").exists()
    assert AuditEvent.objects.filter(action="leaders.association.end", reason="Moved abroad").exists()
    # the school stays a member of the alliance
    assert AllianceMembership.objects.filter(alliance=tsa).count() == 1
    with pytest.raises(AssociationRefused, match="This association has already ended"):
        assoc.association_end(actor=coordinator, association=association, reason="Again")


def test_an_ended_leader_can_associate_again():
    tsa, _ = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    assoc.association_end(actor=leader, association=association, reason="A break")
    offered = invitation(alliance(), leader)
    assert assoc.association_accept(actor=leader, association=offered).status == "active"


def test_transfer_moves_the_association_in_one_step():
    old_tsa = alliance(name="Old Alliance")
    new_tsa, new_coordinator = alliance_with_coordinator(name="New Alliance")
    school = factories.SchoolFactory()
    leader, association = associated_leader(old_tsa, school=school)

    new = assoc.association_transfer(actor=leader, association=association, organisation=new_tsa, reason="Closer")

    association.refresh_from_db()
    assert (association.status, association.ended_on, association.end_reason) == ("transferred", TODAY, "Closer")
    assert (new.status, new.origin, new.organisation, new.starts_on) == ("active", "transfer", new_tsa, TODAY)
    assert new.previous == association
    assert association.next_association == new
    assert Association.objects.filter(leader=leader, status="active").get() == new
    assert AllianceMembership.objects.filter(alliance=new_tsa, school=school).exists()
    assert Notification.objects.filter(
        user=new_coordinator, title__contains="now associated with New Alliance"
    ).exists()
    event = AuditEvent.objects.get(action="leaders.association.transfer", subject_id=str(association.pk))
    assert event.data == {"to_organisation_id": new_tsa.pk}


def test_transfer_refusals():
    tsa = alliance(name="Same Alliance")
    leader, association = associated_leader(tsa)
    with pytest.raises(AssociationRefused, match="Enter why"):
        assoc.association_transfer(actor=leader, association=association, organisation=alliance(), reason="")
    with pytest.raises(AssociationRefused, match="already associated with Same Alliance"):
        assoc.association_transfer(actor=leader, association=association, organisation=tsa, reason="Why not")
    school_org = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL)
    with pytest.raises(AssociationRefused, match="not a teaching school alliance"):
        assoc.association_transfer(actor=leader, association=association, organisation=school_org, reason="Why")
    association.refresh_from_db()
    assert association.status == "active"
    assert Association.objects.filter(leader=leader).count() == 1


def test_a_stale_copy_of_an_ended_association_cannot_be_transferred():
    tsa = alliance()
    leader, association = associated_leader(tsa)
    stale = Association.objects.get(pk=association.pk)
    assoc.association_end(actor=leader, association=association, reason="Stopping")
    with pytest.raises(AssociationRefused, match="This association has already ended"):
        assoc.association_transfer(actor=leader, association=stale, organisation=alliance(), reason="Move")
    assert not Association.objects.filter(leader=leader, status="active").exists()


def test_an_invitation_cannot_be_ended_or_transferred():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    with pytest.raises(AssociationRefused, match="the invitation has not been accepted"):
        assoc.association_end(actor=leader, association=offered, reason="Stop")
    with pytest.raises(AssociationRefused, match="the invitation has not been accepted"):
        assoc.association_transfer(actor=leader, association=offered, organisation=alliance(), reason="Move")
    offered.refresh_from_db()
    assert offered.status == "invited"


def test_a_transferred_association_cannot_be_transferred_again():
    leader, association = associated_leader(alliance())
    stale = Association.objects.get(pk=association.pk)
    assoc.association_transfer(actor=leader, association=association, organisation=alliance(), reason="Move")
    with pytest.raises(AssociationRefused, match="already moved to another alliance"):
        assoc.association_transfer(actor=leader, association=stale, organisation=alliance(), reason="Again")
    assert Association.objects.filter(leader=leader, status="active").count() == 1


# Designation -----------------------------------------------------------------------------------


def test_designation_by_an_alliance_associates_the_leader_automatically():
    tsa, coordinator = alliance_with_coordinator()
    school = factories.SchoolFactory()
    designation = designate(role="lle", organisation=tsa, actor=coordinator, school=school)
    association = Association.objects.get(leader=designation.person)
    assert (association.status, association.origin, association.organisation) == ("active", "designation", tsa)
    assert association.starts_on == TODAY and association.expires_on is None
    assert AllianceMembership.objects.filter(alliance=tsa, school=school).exists()
    assert audit_actions(association) == ["leaders.association.created"]


def test_a_second_designation_by_the_same_alliance_changes_nothing():
    tsa = alliance()
    leader, association = associated_leader(tsa, role="lle")
    designate(leader, role="sle", organisation=tsa)
    assert list(Association.objects.filter(leader=leader)) == [association]


def test_designation_by_another_alliance_transfers_the_association():
    first = alliance()
    leader, association = associated_leader(first, role="lle")
    second = alliance(name="Designating Alliance")
    designate(leader, role="sle", organisation=second)
    association.refresh_from_db()
    assert association.status == "transferred"
    assert association.ended_on == TODAY
    assert association.end_reason == "Designated by Designating Alliance"
    new = Association.objects.get(leader=leader, status="active")
    assert (new.organisation, new.origin, new.previous) == (second, "designation", association)
    assert AuditEvent.objects.filter(action="leaders.association.transfer", subject_id=str(association.pk)).exists()


def test_designation_by_an_alliance_withdraws_open_offers():
    leader = unassociated_leader()
    offered = invitation(alliance(), leader)
    designate(leader, role="sle", organisation=alliance())
    offered.refresh_from_db()
    assert offered.status == "withdrawn"


def test_a_national_programme_designation_does_not_associate():
    designation = designate(role="nle")
    assert designation.organisation is None
    assert not Association.objects.filter(leader=designation.person).exists()


def test_association_from_designation_ignores_organisations_that_do_not_broker():
    designation = designate(role="lle")
    assert assoc.association_from_designation(actor=None, designation=designation) is None
    assert not Association.objects.exists()


# The database constraint ------------------------------------------------------------------------


def test_the_database_allows_one_active_association_per_leader():
    leader = unassociated_leader()
    Association.objects.create(leader=leader, organisation=alliance(), status="active", origin="invitation")
    with (
        pytest.raises(IntegrityError, match=r"leaders_association\.leader_id$|one_active_association_per_leader"),
        transaction.atomic(),
    ):
        Association.objects.create(leader=leader, organisation=alliance(), status="active", origin="invitation")
    assert Association.objects.filter(leader=leader, status="active").count() == 1


def test_the_database_allows_one_open_offer_per_leader_and_alliance():
    leader = unassociated_leader()
    tsa = alliance()
    Association.objects.create(leader=leader, organisation=tsa, status="invited", origin="invitation")
    with (
        pytest.raises(
            IntegrityError,
            # SQLite names the columns, PostgreSQL the constraint.
            match=r"leaders_association\.leader_id, leaders_association\.organisation_id"
            r"|one_open_association_offer_per_pair",
        ),
        transaction.atomic(),
    ):
        Association.objects.create(leader=leader, organisation=tsa, status="requested", origin="request")
    # ended and active ones may sit beside each other
    Association.objects.create(leader=leader, organisation=tsa, status="ended", origin="invitation")
    Association.objects.create(leader=leader, organisation=tsa, status="ended", origin="invitation")
    Association.objects.create(leader=leader, organisation=alliance(), status="active", origin="invitation")
    assert Association.objects.filter(leader=leader).count() == 4


def test_a_coordinator_of_another_alliance_is_not_a_coordinator_here():
    tsa = alliance()
    coordinator_of(alliance())
    assert assoc._coordinators_of(tsa) == []


@pytest.mark.parametrize(
    ("service", "by_leader", "message"),
    [
        (assoc.association_accept, False, "Only .+ can accept or decline this invitation"),
        (assoc.association_decline, False, "Only .+ can accept or decline this invitation"),
        (assoc.association_withdraw, True, "Only the side that sent this invitation can withdraw it"),
    ],
)
def test_each_side_answers_only_for_itself_on_an_invitation(service, by_leader, message):
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    offered = invitation(tsa, leader, coordinator)
    with pytest.raises(AssociationRefused, match=message):
        service(actor=leader if by_leader else coordinator, association=offered)
    assert Association.objects.get(pk=offered.pk).status == "invited"


def test_the_leader_cannot_accept_their_own_request_but_the_alliance_can():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    asked = assoc.association_request(actor=leader, organisation=tsa)
    with pytest.raises(AssociationRefused, match=f"Only {tsa.name} can accept or decline this request"):
        assoc.association_accept(actor=leader, association=asked)
    with pytest.raises(AssociationRefused, match="Only the side that sent this request can withdraw it"):
        assoc.association_withdraw(actor=coordinator, association=asked)
    assert assoc.association_accept(actor=coordinator, association=asked).status == "active"
