"""The regional body's admin: organisations in its region and the people in them."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from domain.accounts.models import Membership, User
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.organisations.models import OrganisationKind
from tests.conftest import person_in_role
from tests.factories import OrganisationFactory, region
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    body = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, name="Yorkshire and the Humber board")
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


def test_the_list_shows_only_the_representative_s_region(client, signed_in, representative):
    OrganisationFactory(name="Home Alliance")
    OrganisationFactory(name="Faraway Alliance", region=region("London"))
    response = signed_in(representative).get(reverse("regional:organisations"))
    names = [a.get_text() for a in BeautifulSoup(response.content, "html.parser").select("td a")]
    assert "Home Alliance" in names and "Faraway Alliance" not in names


def test_another_region_s_organisation_answers_404(client, signed_in, representative):
    faraway = OrganisationFactory(region=region("London"))
    signed_in(representative)
    assert client.get(reverse("regional:organisation", kwargs={"organisation_id": faraway.pk})).status_code == 404
    assert client.get(reverse("regional:person-add", kwargs={"organisation_id": faraway.pk})).status_code == 404
    membership = person_in_role(Role.TSA_COORDINATOR, organisation=faraway).memberships.get()
    url = reverse("regional:membership-change", kwargs={"membership_id": membership.pk, "event": "suspend"})
    assert client.post(url, {"reason": "x"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == "active"


def test_the_list_runs_the_same_queries_however_long(client, signed_in, representative):
    signed_in(representative)
    url = reverse("regional:organisations")

    def grow():
        alliance = OrganisationFactory()
        person_in_role(Role.TSA_COORDINATOR, organisation=alliance)

    response = assert_constant_queries(lambda: client.get(url), grow, times=3)
    assert response.status_code == 200


def test_adding_a_new_person_creates_their_account_and_emails_a_password_link(
    client, signed_in, representative, django_capture_on_commit_callbacks
):
    alliance = OrganisationFactory(name="Riverside Alliance")
    signed_in(representative)
    url = reverse("regional:person-add", kwargs={"organisation_id": alliance.pk})
    refused = client.post(url, {"full_name": "", "email": "nope", "role": ""})
    text = refused.content.decode()
    for message in (
        "Enter the person&#39;s full name",
        "Enter an email address in the correct format",
        "Choose the person&#39;s role",
    ):
        assert message in text
    assert not User.objects.filter(email="nope").exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"full_name": "Ola Newcombe", "email": "Ola@Example.test", "role": Role.TSA_COORDINATOR}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["ola@example.test"]
    assert "/account/invitation/" in mail.outbox[-1].body
    person = User.objects.get(email="ola@example.test")
    assert not person.has_usable_password()
    assert Membership.objects.get(user=person).organisation == alliance
    assert Notification.objects.filter(user=person, title="You have been added to Riverside Alliance").exists()
    assert AuditEvent.objects.filter(action="accounts.membership.added", organisation=alliance).exists()


def test_adding_someone_twice_in_the_same_role_is_refused(client, signed_in, representative):
    alliance = OrganisationFactory()
    existing = person_in_role(Role.PANEL_MEMBER, organisation=alliance)
    signed_in(representative)
    url = reverse("regional:person-add", kwargs={"organisation_id": alliance.pk})
    response = client.post(url, {"full_name": existing.full_name, "email": existing.email, "role": Role.PANEL_MEMBER})
    assert response.status_code == 200
    assert f"{existing.full_name} is already a panel member here" in response.content.decode().replace("&#39;", "'")
    assert Membership.objects.filter(user=existing).count() == 1


def test_suspending_a_role_needs_a_reason(client, signed_in, representative):
    alliance = OrganisationFactory()
    membership = person_in_role(Role.PANEL_MEMBER, organisation=alliance).memberships.get()
    signed_in(representative)
    url = reverse("regional:membership-change", kwargs={"membership_id": membership.pk, "event": "suspend"})
    response = client.post(url, {"reason": ""})
    assert "Enter a reason to suspend the role" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "active"
    response = client.post(url, {"reason": "Conflict of interest under review"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "suspended"
    page = client.get(reverse("regional:organisation", kwargs={"organisation_id": alliance.pk}))
    assert "Reinstate" in page.content.decode()


def test_an_unknown_step_answers_404(client, signed_in, representative):
    membership = person_in_role(Role.PANEL_MEMBER, organisation=OrganisationFactory()).memberships.get()
    signed_in(representative)
    url = reverse("regional:membership-change", kwargs={"membership_id": membership.pk, "event": "promote"})
    assert client.get(url).status_code == 404
    assert mail.outbox == []


def test_the_organisation_page_links_its_lead_school(client, signed_in, representative):
    from tests.factories import SchoolFactory

    school = SchoolFactory(name="Brook & Vale Primary")
    alliance = OrganisationFactory(lead_school=school)
    response = signed_in(representative).get(reverse("regional:organisation", kwargs={"organisation_id": alliance.pk}))
    link = BeautifulSoup(response.content, "html.parser").find("a", string="Brook & Vale Primary")
    assert link is not None and link["href"] == reverse("public:school-detail", kwargs={"urn": school.urn})
