"""The public form: a school without an account asks; a contact at the school confirms (or the
alliance, having checked with the school, declines it as not the school's)."""

import pytest
from django.urls import reverse

from domain.commissioning.models import SupportRequest
from domain.notifications.models import Notification

from .helpers import answers, banner, errors, main_text, soup

pytestmark = pytest.mark.django_db

ASK, SENT = reverse("support:ask"), reverse("support:sent")
CONTACT = {
    "contact_name": "Robin Ashdown",
    "contact_email": "robin@goldthorpe.demo.test",
    "contact_role": "Headteacher",
}


def test_a_school_asks_through_the_public_form_and_its_contact_confirms(demo, client, as_person):
    page = client.get(ASK + "?q=Goldthorpe")
    assert [i["value"] for i in soup(page).select("input[name=school]")] == [str(demo["goldthorpe"].pk)]
    response = client.post(ASK + "?q=Goldthorpe", {**answers(demo["goldthorpe"]), **CONTACT})
    assert response.status_code == 302 and response["Location"] == SENT
    created = SupportRequest.objects.latest("pk")
    assert (created.route, created.status, created.submitted_by) == ("public_form", "awaiting_confirmation", None)
    assert (created.contact_name, created.contact_email, created.contact_role) == tuple(CONTACT.values())
    sent = client.get(SENT)
    assert created.reference in soup(sent).select_one(".govuk-panel").get_text()
    assert "will confirm that the school made this request" in main_text(sent)
    # The school's contact is asked to confirm it, and does.
    assert Notification.objects.filter(user=demo["contact"], link=f"/home/requests/{created.pk}/").exists()
    contact = as_person("contact")
    detail = contact.get(reverse("requests:detail", kwargs={"request_id": created.pk}))
    assert soup(detail).find("a", href=reverse("requests:confirm", kwargs={"request_id": created.pk}))
    confirm_url = reverse("requests:confirm", kwargs={"request_id": created.pk})
    assert "Robin Ashdown, Headteacher" in main_text(contact.get(confirm_url))
    done = contact.post(confirm_url, {"answer": "confirm"}, follow=True)
    created.refresh_from_db()
    assert created.status == "submitted"
    assert "was confirmed" in banner(done)
    assert "Confirmed by the school" in main_text(done)
    assert Notification.objects.filter(user=demo["coordinator"], link=f"/home/requests/{created.pk}/").exists()
    assert contact.get(confirm_url).status_code == 404, "confirmed once"


def test_the_public_form_shows_every_problem_at_once(demo, client):
    before = SupportRequest.objects.count()
    response = client.post(ASK, {})
    found = errors(response)
    assert {"Enter your name", "Enter your email address", "Enter your role at the school"} <= set(found)
    assert "Choose your school: search for it by name, URN or postcode" in found
    assert "Choose at least one area the school needs support with" in found
    assert SupportRequest.objects.count() == before
    assert client.get(SENT)["Location"] == ASK


def test_the_alliance_declines_a_request_the_school_did_not_make(demo, as_person):
    client = as_person("coordinator")
    public = demo["public_request"]
    url = reverse("requests:confirm", kwargs={"request_id": public.pk})
    refused = client.post(url, {"answer": "decline"})
    assert errors(refused) == ["Enter why the school did not make this request"]
    public.refresh_from_db()
    assert public.status == "awaiting_confirmation"
    client.post(url, {"answer": "decline", "reason": "The head did not know of it"})
    public.refresh_from_db()
    assert (public.status, public.decision_reason) == ("declined", "The head did not know of it")


def test_confirming_is_for_the_school_or_its_alliance(demo, as_person):
    url = reverse("requests:confirm", kwargs={"request_id": demo["public_request"].pk})
    assert as_person("commissioner").get(url).status_code == 404
    # The demo's public request is for another school than the contact's.
    assert as_person("contact").get(url).status_code == 404
