"""Invitations into a role, by e-mail, through a single-use link that expires (issue 12, part 3)."""

import datetime as dt
import hashlib
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from domain.accounts import invitations as service
from domain.accounts.invitation_policies import can_invite_to, can_invite_to_school, roles_for
from domain.accounts.models import Invitation, Membership, User
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from tests.conftest import person_in_role
from tests.factories import OrganisationFactory, SchoolFactory, region
from tests.queries import count_queries

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "lantern-orchard-biscuit"


@pytest.fixture
def representative():
    body = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, name="Yorkshire and the Humber board")
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


@pytest.fixture
def alliance():
    return OrganisationFactory(name="Riverside Alliance")


def token_from(message) -> str:
    return re.search(r"/account/invitation/([A-Za-z0-9_-]+)/", message.body).group(1)


def invite(actor, organisation, capture, **fields):
    data = {"email": "Ola@Example.test", "full_name": "Ola Newcombe", "role": Role.TSA_COORDINATOR} | fields
    with capture(execute=True):
        return service.invite(actor=actor, organisation=organisation, **data)


def test_an_invitation_creates_the_account_and_role_and_emails_a_single_use_link(
    representative, alliance, django_capture_on_commit_callbacks
):
    invitation = invite(representative, alliance, django_capture_on_commit_callbacks)
    person = User.objects.get(email="ola@example.test")
    assert not person.has_usable_password()
    assert Membership.objects.get(user=person).organisation == alliance
    assert invitation.status == "sent" and invitation.invited_by == representative
    assert invitation.expires_at == invitation.sent_at + dt.timedelta(days=14)
    [message] = mail.outbox
    assert message.to == ["ola@example.test"]
    token = token_from(message)
    assert message.body.count("http://") == 1 and "expires on 6 December 2026" in message.body
    # Only the hash is kept; the token appears nowhere in the database's notification either.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    assert not Invitation.objects.filter(token_hash=token).exists()
    notice = Notification.objects.get(user=person)
    assert notice.title == "You have been added to Riverside Alliance" and token not in notice.link + notice.body
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"accounts.user.created", "accounts.membership.added", "accounts.invitation.created"} <= actions
    assert AuditEvent.objects.get(action="accounts.invitation.sent").actor == representative


def test_the_link_works_once(representative, alliance, django_capture_on_commit_callbacks):
    invite(representative, alliance, django_capture_on_commit_callbacks)
    token = token_from(mail.outbox[0])
    assert service.invitation_open(token).full_name == "Ola Newcombe"
    accepted = service.invitation_accept(token=token, password=NEW_PASSWORD)
    assert accepted.accepted_at is not None
    person = User.objects.get(email="ola@example.test")
    assert person.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.get(action="accounts.invitation.accepted").actor == person
    with pytest.raises(
        service.InvitationLinkRefused,
        match="This invitation was accepted on 22 November 2026, so the link no longer works",
    ) as refused:
        service.invitation_accept(token=token, password="another-long-password")
    assert refused.value.code == "used"
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_the_link_expires(representative, alliance, django_capture_on_commit_callbacks, frozen_clock):
    invite(representative, alliance, django_capture_on_commit_callbacks)
    token = token_from(mail.outbox[0])
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 59, tzinfo=dt.UTC)):
        assert service.invitation_open(token)
    with time_machine.travel(dt.datetime(2026, 12, 6, 10, 1, tzinfo=dt.UTC)):
        with pytest.raises(service.InvitationLinkRefused, match="expired on 6 December 2026") as refused:
            service.invitation_accept(token=token, password=NEW_PASSWORD)
        assert refused.value.code == "expired"
        assert Invitation.objects.get().status == "expired"
    assert not User.objects.get(email="ola@example.test").has_usable_password()


@pytest.mark.parametrize("token", ["forged-token-that-looks-like-a-real-one", "short", "", None, "a/b" * 10])
def test_a_forged_link_is_refused(token, representative, alliance, django_capture_on_commit_callbacks):
    invite(representative, alliance, django_capture_on_commit_callbacks)
    with pytest.raises(service.InvitationLinkRefused, match="This link is not recognised") as refused:
        service.invitation_accept(token=token, password=NEW_PASSWORD)
    assert refused.value.code == "unknown"


def test_a_weak_password_is_refused_and_changes_nothing(representative, alliance, django_capture_on_commit_callbacks):
    invite(representative, alliance, django_capture_on_commit_callbacks)
    token = token_from(mail.outbox[0])
    with pytest.raises(ValidationError, match="This password is too short"):
        service.invitation_accept(token=token, password="short")
    assert Invitation.objects.get().accepted_at is None
    assert not User.objects.get(email="ola@example.test").has_usable_password()


def test_sending_again_replaces_the_link(representative, alliance, django_capture_on_commit_callbacks):
    invitation = invite(representative, alliance, django_capture_on_commit_callbacks)
    first = token_from(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        service.invitation_send(actor=representative, invitation=invitation)
    second = token_from(mail.outbox[1])
    assert first != second
    with pytest.raises(service.InvitationLinkRefused, match="This link is not recognised"):
        service.invitation_open(first)
    assert service.invitation_open(second).times_sent == 2


def test_an_invitation_may_be_held_then_sent(representative, alliance, django_capture_on_commit_callbacks):
    invitation = invite(representative, alliance, django_capture_on_commit_callbacks, send=False)
    assert invitation.status == "held" and mail.outbox == [] and invitation.token_hash == ""
    with django_capture_on_commit_callbacks(execute=True):
        invitation = service.invitation_send(actor=representative, invitation=invitation)
    assert invitation.status == "sent" and len(mail.outbox) == 1


def test_an_expired_invitation_is_sent_again(representative, alliance, django_capture_on_commit_callbacks):
    invitation = invite(representative, alliance, django_capture_on_commit_callbacks)
    with time_machine.travel(dt.datetime(2026, 12, 20, tzinfo=dt.UTC)):
        assert Invitation.objects.get().status == "expired"
        with django_capture_on_commit_callbacks(execute=True):
            invitation = service.invitation_send(actor=representative, invitation=invitation)
        assert invitation.status == "sent"
        assert service.invitation_open(token_from(mail.outbox[-1]))


def test_an_accepted_invitation_is_not_sent_again(representative, alliance, django_capture_on_commit_callbacks):
    invitation = invite(representative, alliance, django_capture_on_commit_callbacks)
    service.invitation_accept(token=token_from(mail.outbox[0]), password=NEW_PASSWORD)
    with pytest.raises(service.InvitationRefused, match="already accepted"):
        service.invitation_send(actor=representative, invitation=invitation)


def test_someone_with_a_password_gets_a_notice_not_a_link(representative, alliance, django_capture_on_commit_callbacks):
    existing = person_in_role(Role.SYSTEM_LEADER, email="pat@example.test")
    invitation = invite(
        representative, alliance, django_capture_on_commit_callbacks, email="pat@example.test", role=Role.PANEL_MEMBER
    )
    assert invitation.had_account and invitation.status == "accepted" and invitation.token_hash == ""
    [message] = mail.outbox
    assert "/account/invitation/" not in message.body and "/account/sign-in/" in message.body
    assert Membership.objects.filter(user=existing, organisation=alliance, role=Role.PANEL_MEMBER).exists()


def test_someone_who_already_holds_the_role_is_refused(representative, alliance, django_capture_on_commit_callbacks):
    existing = person_in_role(Role.PANEL_MEMBER, organisation=alliance)
    with pytest.raises(service.AlreadyHasRole, match="is already a panel member here"):
        invite(
            representative,
            alliance,
            django_capture_on_commit_callbacks,
            email=existing.email,
            role=Role.PANEL_MEMBER,
        )
    assert Invitation.objects.count() == 0 and mail.outbox == []


def test_a_role_that_does_not_fit_the_organisation_is_refused(representative, django_capture_on_commit_callbacks):
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    assert roles_for(school) == (Role.SCHOOL_CONTACT, Role.SYSTEM_LEADER)
    with pytest.raises(service.InvitationRefused, match="not a role in a school"):
        invite(representative, school, django_capture_on_commit_callbacks, role=Role.TSA_COORDINATOR)
    assert not User.objects.filter(email="ola@example.test").exists()


def test_membership_invite_still_adds_the_role(representative, alliance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = service.membership_invite(
            actor=representative,
            organisation=alliance,
            email="kit@example.test",
            full_name="Kit Marsh",
            role="panel_member",
        )
    assert membership.user.email == "kit@example.test" and membership.invitations.get().status == "sent"


# Who may invite ------------------------------------------------------------------------------


def test_a_representative_invites_into_their_region_only(representative):
    assert can_invite_to(representative, OrganisationFactory())
    faraway = OrganisationFactory(region=region("London"))
    assert not can_invite_to(representative, faraway)
    assert can_invite_to_school(representative, SchoolFactory(region=region()))
    with pytest.raises(service.InvitationRefused, match="You cannot invite people to"):
        service.invite(
            actor=representative, organisation=faraway, email="a@example.test", full_name="A B", role="panel_member"
        )


def test_a_coordinator_invites_into_their_alliance_and_its_member_schools(alliance):
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=alliance)
    member, other = SchoolFactory(), SchoolFactory()
    AllianceMembership.objects.create(alliance=alliance, school=member)
    member_organisation = Organisation.objects.create(kind=OrganisationKind.SCHOOL, name=member.name, school=member)
    other_organisation = Organisation.objects.create(kind=OrganisationKind.SCHOOL, name=other.name, school=other)
    assert can_invite_to(coordinator, alliance)
    assert can_invite_to(coordinator, member_organisation)
    assert can_invite_to_school(coordinator, member)
    assert not can_invite_to(coordinator, other_organisation)
    assert not can_invite_to_school(coordinator, other)
    assert not can_invite_to(coordinator, OrganisationFactory())


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER])
def test_others_may_not_invite(role, alliance):
    person = person_in_role(role, organisation=alliance)
    assert not can_invite_to(person, alliance)


def test_a_member_school_without_an_organisation_gets_one(alliance, django_capture_on_commit_callbacks):
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=alliance)
    school = SchoolFactory(name="Brook Vale Primary")
    AllianceMembership.objects.create(alliance=alliance, school=school)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = service.invite_to_school(
            actor=coordinator, school=school, email="sc@example.test", full_name="Sol Carr", role=Role.SCHOOL_CONTACT
        )
    assert invitation.organisation.school == school and invitation.organisation.kind == OrganisationKind.SCHOOL
    with pytest.raises(service.InvitationRefused, match="You cannot invite people to"):
        service.invite_to_school(
            actor=coordinator, school=SchoolFactory(), email="x@example.test", full_name="X Y", role="school_contact"
        )


# In bulk -------------------------------------------------------------------------------------


def _memberships(alliance, n, start=0):
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{start + i}@example.test", full_name=f"Bulk Person {start + i}", password="!")
            for i in range(n)
        ]
    )
    return Membership.objects.bulk_create(
        [Membership(user=user, organisation=alliance, role=Role.SYSTEM_LEADER) for user in users]
    )


def test_invitations_in_bulk_run_a_constant_number_of_queries(
    representative, alliance, django_capture_on_commit_callbacks
):
    few = _memberships(alliance, 2)
    many = _memberships(alliance, 20, start=2)
    assert can_invite_to(representative, alliance)  # the representative's roles, read once per request
    with django_capture_on_commit_callbacks(execute=True):
        queries_few, _ = count_queries(
            lambda: service.invitations_create(actor=representative, memberships=few, send=True)
        )
    with django_capture_on_commit_callbacks(execute=True):
        queries_many, made = count_queries(
            lambda: service.invitations_create(actor=representative, memberships=many, send=True)
        )
    assert queries_few == queries_many
    assert len(made) == 20 and len(mail.outbox) == 22
    assert Invitation.objects.filter(sent_at__isnull=False).count() == 22
    token = token_from(mail.outbox[-1])
    assert service.invitation_open(token).email == "bulk21@example.test"
    assert AuditEvent.objects.filter(action="accounts.invitation.sent").count() == 22
    assert Notification.objects.filter(user__email__startswith="bulk").count() == 22


def test_invitations_in_bulk_may_be_held(representative, alliance, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = service.invitations_create(actor=representative, memberships=_memberships(alliance, 3), send=False)
    assert {i.status for i in made} == {"held"} and mail.outbox == []


def test_invitations_in_bulk_are_refused_outside_the_actor_s_scope(representative, django_capture_on_commit_callbacks):
    faraway = OrganisationFactory(region=region("London"))
    with pytest.raises(service.InvitationRefused, match="You cannot invite people to"):
        service.invitations_create(actor=representative, memberships=_memberships(faraway, 2), send=True)
    assert Invitation.objects.count() == 0
