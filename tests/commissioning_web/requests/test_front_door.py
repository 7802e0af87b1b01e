"""The signed-in front door: a school contact asks for their school, the commissioner refers
another, and a request without what matching needs is refused field by field."""

import pytest
from django.urls import reverse

from domain.commissioning.models import SupportRequest
from domain.notifications.models import Notification

from .helpers import answers, errors, inline_errors, main_text, soup

pytestmark = pytest.mark.django_db

NEW, CHECK = reverse("requests:new"), reverse("requests:check")


def test_a_school_contact_asks_for_their_own_school(demo, as_person):
    client = as_person("contact")
    page = client.get(NEW)
    chosen = soup(page).select_one("input[name=school][checked]")
    assert chosen["value"] == str(demo["goldthorpe"].pk), "their own school is chosen already"
    assert soup(page).select_one("input[name=referrer_kind][checked]")["value"] == "client_school"
    before = SupportRequest.objects.count()

    response = client.post(NEW, answers(demo["goldthorpe"], referrer_kind="client_school"))
    assert response.status_code == 302 and response["Location"] == CHECK
    assert SupportRequest.objects.count() == before, "nothing is saved before the check page"

    check = client.get(CHECK)
    text = main_text(check)
    assert "Goldthorpe Junior School" in text and "Maths" in text and "Closing the gap" in text
    assert "From 11 January 2027 to 26 March 2027" in text

    sent = client.post(CHECK)
    created = SupportRequest.objects.get(pk=SupportRequest.objects.order_by("-pk").first().pk)
    assert sent["Location"] == reverse("requests:submitted", kwargs={"request_id": created.pk})
    assert (created.route, created.referrer_kind, created.status) == ("school", "client_school", "submitted")
    assert created.submitted_by == demo["contact"] and created.client_school == demo["goldthorpe"]
    assert created.brokering_organisation == demo["aire"]
    assert created.needs == ["maths", "closing_the_gap"] and str(created.days) == "6.0"
    assert Notification.objects.filter(
        user=demo["coordinator"], link=f"/home/requests/{created.pk}/", title__contains="Goldthorpe"
    ).exists(), "Aire's coordinator is told"
    confirmation = client.get(sent["Location"])
    assert created.reference in soup(confirmation).select_one(".govuk-panel").get_text()
    assert "What happens next" in main_text(confirmation)
    assert client.get(CHECK)["Location"] == NEW, "the draft is gone once sent"


def test_every_missing_answer_shows_on_its_field_and_nothing_is_saved(demo, as_person):
    client = as_person("contact")
    before = SupportRequest.objects.count()
    response = client.post(NEW, {"school": str(demo["goldthorpe"].pk), "referrer_kind": "client_school"})
    expected = [
        "Choose at least one area the school needs support with",
        "Choose the phase of the school",
        "Choose the kind of system leader the school needs",
        "Describe the support the school needs",
        "Enter the number of days of support, like 2 or 10",
        "Choose whether the support is in a block or spread out",
        "Enter the date the support could start",
        "Enter the date the support must end by",
        "Choose how the support is funded",
        "Confirm that the school agrees to share this request with the alliance and its panel",
    ]
    assert response.status_code == 200
    assert sorted(errors(response)) == sorted(expected)
    assert sorted(inline_errors(response)) == sorted(expected)
    assert soup(response).title.get_text().startswith("Error: ")
    summary_links = {a["href"] for a in soup(response).select(".govuk-error-summary__list a")}
    page_ids = {tag["id"] for tag in soup(response).select("[id]")}
    assert {href.lstrip("#") for href in summary_links} <= page_ids, "every error links to its field"
    assert SupportRequest.objects.count() == before
    assert client.get(CHECK)["Location"] == NEW


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"days": "70"}, "days", "Enter between half a day and 65 days (a term full time)"),
        ({"days": "two"}, "days", "Enter the number of days of support, like 2 or 10"),
        (
            {"window_ends-day": "1", "window_ends-month": "1", "window_ends-year": "2027"},
            "window_ends",
            "The end date must be the same as or after the start date",
        ),
        ({"window_starts-month": ""}, "window_starts", "The date the support could start must include a month"),
        ({"role_sought": "sle", "nlg_package": "maintained"}, "nlg_package", "A support package is for a national"),
        ({"role_sought": "nlg", "nlg_package": "trust"}, "nlg_package", "Choose the trust"),
    ],
)
def test_a_wrong_answer_is_refused_on_its_field(demo, as_person, changes, field, message):
    client = as_person("contact")
    response = client.post(NEW, answers(demo["goldthorpe"], referrer_kind="client_school", **changes))
    assert response.status_code == 200
    assert len(errors(response)) == 1 and errors(response)[0].startswith(message)
    group = soup(response).select_one(".govuk-form-group--error")
    assert message in group.get_text(" ")


def test_the_commissioner_refers_another_school(demo, as_person):
    client = as_person("commissioner")
    page = client.get(NEW + "?q=Larchwood")
    assert soup(page).select_one("input[name=referrer_kind][checked]")["value"] == "local_authority"
    options = [i["value"] for i in soup(page).select("input[name=school]")]
    assert options == [str(demo["larchwood"].pk)]

    response = client.post(NEW + "?q=Larchwood", answers(demo["larchwood"], referrer_kind="local_authority"))
    assert response["Location"] == CHECK
    assert "Local authority, Leeds City Council (demo)" in main_text(client.get(CHECK))
    client.post(CHECK)
    created = SupportRequest.objects.filter(submitted_by=demo["commissioner"]).latest("pk")
    assert (created.route, created.referrer_kind, created.referrer_organisation) == (
        "referral",
        "local_authority",
        demo["la"],
    )
    assert created.client_school == demo["larchwood"] and created.status == "submitted"


def test_only_a_contact_at_the_school_asks_as_the_school_itself(demo, as_person):
    client = as_person("commissioner")
    response = client.post(NEW, answers(demo["larchwood"], referrer_kind="client_school"))
    assert errors(response) == [
        "You are not a contact at this school: choose who you are asking as, such as its trust or local authority"
    ]


def test_a_request_without_a_school_asks_for_one(demo, as_person):
    client = as_person("commissioner")
    response = client.post(NEW, answers(referrer_kind="local_authority"))
    assert errors(response) == ["Choose the school that needs support: search for it by name, URN or postcode"]
    assert soup(response).select_one("#id_school")["name"] == "q", "the error links to the search box"


def test_a_search_that_finds_nothing_says_so(demo, as_person):
    response = as_person("commissioner").get(NEW + "?q=Nowhere+Academy+Zzz")
    assert "No open school matches “Nowhere Academy Zzz”" in main_text(response)


def test_change_links_go_back_to_the_answers(demo, as_person):
    client = as_person("contact")
    client.post(NEW, answers(demo["goldthorpe"], referrer_kind="client_school", description="First words"))
    back = client.get(NEW)
    assert soup(back).select_one("textarea[name=description]").get_text() == "First words"
    assert soup(back).select_one("input[name=days]")["value"] == "6"
    assert soup(back).select_one("input[name=window_starts-year]")["value"] == "2027"
