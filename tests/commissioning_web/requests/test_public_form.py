"""The public form: a school without an account asks; a contact at the school confirms (or the
alliance, having checked with the school, declines it as not the school's)."""

import pytest
from django.urls import reverse

from domain.commissioning.models import SupportRequest
from domain.notifications.models import Notification

from .helpers import answers, banner, errors, go_through, main_text, soup

pytestmark = pytest.mark.django_db

ASK, SENT, CHECK = reverse("support:ask"), reverse("support:sent"), reverse("support:ask-check")
CONTACT = {
    "contact_name": "Robin Ashdown",
    "contact_email": "robin@goldthorpe.demo.test",
    "contact_role": "Headteacher",
}


def page(step: str) -> str:
    return reverse("support:ask-question", kwargs={"step": step})


def test_a_school_asks_through_the_public_form_and_its_contact_confirms(demo, client, as_person):
    assert client.get(ASK)["Location"] == page("school")
    found = client.get(page("school") + "?q=Goldthorpe")
    assert [i["value"] for i in soup(found).select("input[name=school]")] == [str(demo["goldthorpe"].pk)]
    response = go_through(client, ASK, {**answers(demo["goldthorpe"]), **CONTACT})
    assert response["Location"] == CHECK, "your details is the last page"
    check = main_text(client.get(CHECK))
    assert "Robin Ashdown" in check and "Headteacher" in check and "Goldthorpe Junior School" in check
    response = client.post(CHECK)
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


def test_your_details_page_shows_its_problems_in_page_order(demo, client):
    before = SupportRequest.objects.count()
    go_through(client, ASK, answers(demo["goldthorpe"]), until="contact")
    response = client.post(page("contact"), {"contact_email": "not an address"})
    assert errors(response) == [
        "Enter your name",
        "Enter an email address in the correct format, like name@example.com",
        "Enter your role at the school",
    ]
    assert SupportRequest.objects.count() == before
    assert client.get(SENT)["Location"] == ASK
    assert client.get(reverse("support:ask-question", kwargs={"step": "asking"})).status_code == 404


def test_the_directory_suggests_its_alliance_on_the_public_route(demo, client):
    client.get(ASK + f"?organisation={demo['aire'].pk}")
    go_through(client, ASK, answers(demo["goldthorpe"]), until="alliance")
    chosen = soup(client.get(page("alliance"))).select_one("select[name=preferred_organisation] option[selected]")
    assert chosen["value"] == str(demo["aire"].pk)
    assert client.get(ASK + "?organisation=not-a-number")["Location"] == page("alliance")


def test_a_public_school_page_without_a_school_asks_for_one(demo, client):
    response = client.post(page("school"), {})
    assert errors(response) == ["Choose your school: search for it by name, URN or postcode"]
    assert client.get(CHECK)["Location"] == page("school")


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
