"""The pages of invitations: a coordinator invites, the invitee accepts (choosing a password, and
for a staff role an authenticator app), and the invitations list sends again."""

import datetime as dt
import re
from binascii import unhexlify

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts import invitations as service
from domain.accounts.models import Invitation, Membership, User
from domain.accounts.roles import Role
from domain.organisations.models import AllianceMembership, OrganisationKind
from tests.conftest import person_in_role, sign_in
from tests.factories import OrganisationFactory, SchoolFactory, region
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "lantern-orchard-biscuit"


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".govuk-error-summary__list li")]


@pytest.fixture
def alliance():
    return OrganisationFactory(name="Riverside Alliance")


@pytest.fixture
def coordinator(alliance):
    return person_in_role(Role.TSA_COORDINATOR, organisation=alliance, full_name="Robin Vale")


def invite(coordinator, alliance, capture, role=Role.PANEL_MEMBER, email="ola@example.test"):
    with capture(execute=True):
        service.invite(actor=coordinator, organisation=alliance, email=email, full_name="Ola Newcombe", role=role)
    return re.search(r"/account/invitation/([A-Za-z0-9_-]+)/", mail.outbox[-1].body).group(1)


def accept_url(token):
    return reverse("accounts:invitation-accept", kwargs={"token": token})


def test_a_staff_invitee_chooses_a_password_then_sets_up_an_app(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    token = invite(coordinator, alliance, django_capture_on_commit_callbacks)
    page = client.get(accept_url(token))
    assert page.status_code == 200
    words = text(page)
    assert "Accept your invitation" in words and "at least 12 characters" in words
    assert "Robin Vale has invited you to Riverside Alliance as panel member" in words
    refused = client.post(accept_url(token), {"new_password1": "short", "new_password2": "short"})
    assert any("too short" in message for message in error_summary(refused))
    mismatch = client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"})
    assert "The passwords do not match" in error_summary(mismatch)
    response = client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("accounts:two-factor-setup")
    # Nothing else opens until the app is set up.
    assert client.get(reverse("portal:home")).url == reverse("accounts:two-factor")
    setup = client.get(reverse("accounts:two-factor-setup"))
    assert setup.status_code == 200
    device = TOTPDevice.objects.get(user__email="ola@example.test", confirmed=False)
    code = f"{totp(unhexlify(device.key), step=device.step, t0=device.t0, digits=device.digits):06d}"
    done = client.post(reverse("accounts:two-factor-setup"), {"otp_token": code})
    assert done.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    # The link worked once.
    again = client.get(accept_url(token))
    assert again.status_code == 410 and "This invitation has already been accepted" in text(again)


def test_a_non_staff_invitee_is_signed_in_to_their_home_page(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    token = invite(coordinator, alliance, django_capture_on_commit_callbacks, role=Role.SYSTEM_LEADER)
    response = client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.url == reverse("portal:home")
    assert "Your home page" in text(client.get(reverse("portal:home")))


def test_a_forged_or_expired_link_says_which_and_what_to_do(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    token = invite(coordinator, alliance, django_capture_on_commit_callbacks)
    forged = client.get(accept_url("forged-token-that-looks-like-a-real-one"))
    assert forged.status_code == 404 and "This link is not recognised" in text(forged)
    assert "ask the person who invited you" in text(forged).lower()
    with time_machine.travel(dt.datetime(2026, 12, 7, tzinfo=dt.UTC)):
        expired = client.get(accept_url(token))
        assert expired.status_code == 410
        assert "This invitation has expired" in text(expired) and "Ask Robin Vale to send you a new one" in text(
            expired
        )
        posted = client.post(accept_url(token), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
        assert posted.status_code == 410
    assert not User.objects.get(email="ola@example.test").has_usable_password()


def test_someone_who_already_has_a_password_is_taken_to_sign_in(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    token = invite(coordinator, alliance, django_capture_on_commit_callbacks)
    person = User.objects.get(email="ola@example.test")
    person.set_password("chosen-through-a-reset")
    person.save()
    response = client.get(accept_url(token))
    assert response.url == reverse("accounts:sign-in")


def test_the_coordinator_invites_into_a_member_school(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    school = SchoolFactory(name="Brook Vale Primary")
    AllianceMembership.objects.create(alliance=alliance, school=school)
    SchoolFactory(name="Not A Member Primary")
    sign_in(client, coordinator)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("people:invite") in home
    where = client.get(reverse("people:invite"))
    assert "Brook Vale Primary" in text(where) and "Not A Member Primary" not in text(where)
    assert "Choose where to invite the person" in error_summary(client.post(reverse("people:invite"), {}))
    chosen = client.post(reverse("people:invite"), {"where": f"school/{school.pk}"})
    url = reverse("people:invite-to", kwargs={"kind": "school", "pk": school.pk})
    assert chosen.url == url
    page = client.get(url)
    roles = [i["value"] for i in BeautifulSoup(page.content, "html.parser").select("input[name=role]")]
    assert roles == [Role.SCHOOL_CONTACT, Role.SYSTEM_LEADER]
    refused = client.post(url, {"full_name": "", "email": "x", "role": Role.TSA_COORDINATOR})
    assert {"Enter the person's full name", "Choose one of the roles in the list"} <= set(error_summary(refused))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"full_name": "Sol Carr", "email": "sol@example.test", "role": Role.SCHOOL_CONTACT})
    assert response.url == reverse("people:invitations")
    membership = Membership.objects.get(user__email="sol@example.test")
    assert membership.organisation.school == school and membership.organisation.kind == OrganisationKind.SCHOOL
    listing = client.get(reverse("people:invitations"))
    assert "Sol Carr" in text(listing) and "Sent" in text(listing)


def test_another_alliance_s_school_or_organisation_answers_404(client, coordinator):
    other = SchoolFactory()
    sign_in(client, coordinator)
    for kind, pk in (("school", other.pk), ("organisation", OrganisationFactory().pk), ("planet", 1)):
        url = reverse("people:invite-to", kwargs={"kind": kind, "pk": pk})
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"full_name": "A B", "email": "a@example.test", "role": "panel_member"}).status_code == 404
        )
    assert not User.objects.filter(email="a@example.test").exists()


def test_send_again_from_the_list(client, coordinator, alliance, django_capture_on_commit_callbacks):
    first = invite(coordinator, alliance, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    sign_in(client, coordinator)
    url = reverse("people:invitation-send", kwargs={"invitation_id": invitation.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.url == reverse("people:invitations")
    assert len(mail.outbox) == 2 and first not in mail.outbox[1].body
    assert client.get(accept_url(first)).status_code == 404


def test_another_region_s_invitation_cannot_be_sent_again(client, coordinator, django_capture_on_commit_callbacks):
    faraway = OrganisationFactory(region=region("London"))
    representative = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=region("London")),
    )
    invite(representative, faraway, django_capture_on_commit_callbacks)
    sign_in(client, coordinator)
    url = reverse("people:invitation-send", kwargs={"invitation_id": Invitation.objects.get().pk})
    assert client.post(url).status_code == 404
    assert "Ola Newcombe" not in text(client.get(reverse("people:invitations")))


def test_the_invitations_list_runs_the_same_queries_however_long(
    client, coordinator, alliance, django_capture_on_commit_callbacks
):
    sign_in(client, coordinator)
    counter = iter(range(100))

    def grow():
        with django_capture_on_commit_callbacks(execute=True):
            service.invite(
                actor=coordinator,
                organisation=alliance,
                email=f"grow{next(counter)}@example.test",
                full_name="Grown Person",
                role=Role.SYSTEM_LEADER,
            )

    grow()
    response = assert_constant_queries(lambda: client.get(reverse("people:invitations")), grow, times=3)
    assert response.status_code == 200


def test_the_representative_s_add_a_person_sends_an_invitation(client, django_capture_on_commit_callbacks):
    body = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY)
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)
    alliance = OrganisationFactory()
    sign_in(client, representative)
    url = reverse("regional:person-add", kwargs={"organisation_id": alliance.pk})
    options = [o["value"] for o in BeautifulSoup(client.get(url).content, "html.parser").select("select option")]
    assert options == ["", Role.TSA_COORDINATOR, Role.PANEL_MEMBER, Role.SYSTEM_LEADER]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"full_name": "Ola Newcombe", "email": "ola@example.test", "role": Role.TSA_COORDINATOR})
    assert Invitation.objects.get().invited_by == representative
    assert "/account/invitation/" in mail.outbox[-1].body


# Every school of the register can have contacts (issue 12) ----------------------------------------


def test_a_representative_finds_any_school_of_their_region_and_invites_its_head(
    client, django_capture_on_commit_callbacks
):
    yorkshire = region()
    board = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=yorkshire, name="The board")
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=board)
    school = SchoolFactory(name="Quarry Bank Primary School", region=yorkshire)
    SchoolFactory(name="Quarry Hill Academy", region=region("London"))  # another region's: not offered
    assert not hasattr(school, "organisation") or school.organisation is None
    sign_in(client, representative)

    found = client.get(reverse("people:invite-school"), {"q": "Quarry"})
    assert found.status_code == 200
    assert "Quarry Bank Primary School" in text(found) and "Quarry Hill Academy" not in text(found)
    invite_page = reverse("people:invite-to", kwargs={"kind": "school", "pk": school.pk})
    assert invite_page in found.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            invite_page, {"full_name": "Jo Heald", "email": "head@quarry-bank.test", "role": Role.SCHOOL_CONTACT}
        )
    assert answer.status_code == 302
    school.refresh_from_db()
    assert school.organisation.kind == OrganisationKind.SCHOOL
    membership = Membership.objects.get(user__email="head@quarry-bank.test")
    assert membership.organisation == school.organisation and membership.role == Role.SCHOOL_CONTACT
    assert "/account/invitation/" in mail.outbox[-1].body


def test_the_school_search_for_inviting_asks_for_a_name_and_refuses_nobody_else(client):
    representative = person_in_role(
        Role.REGIONAL_REPRESENTATIVE, organisation=OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY)
    )
    sign_in(client, representative)
    empty = client.get(reverse("people:invite-school"), {"q": ""})
    assert error_summary(empty) == ["Enter the school's name, URN or postcode"]
    leader = person_in_role(Role.SYSTEM_LEADER)
    sign_in(client, leader)
    assert client.get(reverse("people:invite-school"), {"q": "Quarry"}).status_code == 403
