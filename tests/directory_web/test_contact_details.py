"""An alliance's contact details (issue 15): its coordinators keep the e-mail address, telephone
number and website the directory shows, and "Ask for support from this alliance" starts the front
door with the alliance chosen."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.leaders.organisation_contact import (
    ContactDetailsInvalid,
    ContactDetailsRefused,
    organisation_contact_update,
)
from tests.conftest import person_in_role, sign_in

from .builders import alliance, listed_leader

pytestmark = pytest.mark.django_db


def _soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_coordinator_saves_the_details_and_the_change_is_audited():
    aire = alliance("Aire Valley Alliance", website="www.aire.example")
    saved = organisation_contact_update(
        actor=aire.coordinator, organisation=aire, email=" hello@aire.example ", phone="0113  496 0000", website=""
    )
    assert (saved.contact_email, saved.contact_phone) == ("hello@aire.example", "0113 496 0000")
    event = AuditEvent.objects.get(action="organisations.contact_details.changed")
    assert event.data["changed"] == ["contact_email", "contact_phone", "website"]


def test_saving_the_same_details_again_records_nothing():
    aire = alliance("Aire Valley Alliance", website="")
    for _ in range(2):
        organisation_contact_update(
            actor=aire.coordinator, organisation=aire, email="a@b.example", phone="", website=""
        )
    assert AuditEvent.objects.filter(action="organisations.contact_details.changed").count() == 1


def test_another_alliance_s_coordinator_is_refused():
    aire, pennine = alliance("Aire Valley Alliance"), alliance("Pennine Alliance")
    with pytest.raises(ContactDetailsRefused, match="You cannot change the contact details of Aire Valley Alliance"):
        organisation_contact_update(actor=pennine.coordinator, organisation=aire, email="", phone="", website="")


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"email": "not an address"}, "contact_email", "Enter an email address in the correct format"),
        ({"phone": "call us"}, "contact_phone", "Enter a telephone number"),
        ({"phone": "0113 49"}, "contact_phone", "Enter a telephone number"),
        ({"website": "javascript:alert(1)"}, "website", "Enter a website address in the correct format"),
    ],
)
def test_unusable_details_are_refused_and_change_nothing(values, field, message):
    aire = alliance("Aire Valley Alliance", website="www.aire.example")
    arguments = {"email": "", "phone": "", "website": "", **values}
    with pytest.raises(ContactDetailsInvalid, match=message) as refused:
        organisation_contact_update(actor=aire.coordinator, organisation=aire, **arguments)
    assert refused.value.errors[field].startswith(message)
    aire.refresh_from_db()
    assert aire.website == "www.aire.example" and not AuditEvent.objects.filter(action__contains="contact").exists()


def test_the_coordinator_changes_them_from_the_leaders_page(client):
    aire = alliance("Aire Valley Alliance")
    sign_in(client, aire.coordinator)
    leaders = _soup(client.get(reverse("alliance:leaders"), {"organisation": aire.pk}))
    link = leaders.find("a", string=lambda s: s and s.startswith("Change the contact details"))
    assert link["href"] == reverse("alliance:contact-details", args=[aire.pk])
    refused = client.post(link["href"], {"contact_email": "nope", "contact_phone": "", "website": ""})
    page = _soup(refused)
    assert refused.status_code == 200
    assert page.select_one(".govuk-error-summary a")["href"] == "#id_contact_email"
    assert page.select_one("input#id_contact_email")["value"] == "nope"
    saved = client.post(link["href"], {"contact_email": "hello@aire.example", "contact_phone": "", "website": ""})
    assert saved.status_code == 302 and saved.url == reverse("alliance:leaders") + f"?organisation={aire.pk}"
    aire.refresh_from_db()
    assert aire.contact_email == "hello@aire.example"


def test_another_alliance_s_page_is_not_found(client):
    aire, pennine = alliance("Aire Valley Alliance"), alliance("Pennine Alliance")
    sign_in(client, pennine.coordinator)
    assert client.get(reverse("alliance:contact-details", args=[aire.pk])).status_code == 404


def test_the_directory_shows_the_details_and_the_button(client):
    aire = alliance("Aire Valley Alliance", website="www.aire.example")
    organisation_contact_update(
        actor=aire.coordinator, organisation=aire, email="hello@aire.example", phone="0113 496 0000", website=""
    )
    entry = listed_leader(aire, name="Jamie Maths", role="sle", specialisms=["maths"])
    for page in (
        _soup(client.get(reverse("directory:leader", args=[entry.leader_id]))),
        _soup(client.get(reverse("directory:organisation", args=[aire.pk]))),
    ):
        text = " ".join(page.main.get_text(" ").split())
        assert "Email: hello@aire.example" in text and "Telephone: 0113 496 0000" in text
        button = page.find("a", string=lambda s: s and "Ask for support from this alliance" in s)
        assert button["href"] == reverse("support:ask") + f"?organisation={aire.pk}"


def test_the_button_starts_the_front_door_with_the_alliance_chosen(client):
    aire = alliance("Aire Valley Alliance")
    alliance("Pennine Alliance")
    started = client.get(reverse("support:ask"), {"organisation": aire.pk})
    assert started["Location"] == reverse("support:ask-question", kwargs={"step": "school"})
    # Kept with the answers: the alliance question suggests it (tests/commissioning_web/requests).
    assert client.session["commissioning_public_draft"]["suggested_organisation"] == str(aire.pk)
    sign_in(client, person_in_role(Role.SCHOOL_CONTACT))
    entry = listed_leader(aire, name="Jamie Maths")
    leader_page = _soup(client.get(reverse("directory:leader", args=[entry.leader_id])))
    button = leader_page.find("a", string=lambda s: s and "Ask for support from this alliance" in s)
    assert button["href"] == reverse("requests:new") + f"?organisation={aire.pk}"
    client.get(button["href"])
    assert client.session["commissioning_request_draft"]["suggested_organisation"] == str(aire.pk)
