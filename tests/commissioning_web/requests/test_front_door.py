"""The signed-in front door, one question a page: a school contact asks for their school, the
commissioner refers another; each page refuses its own wrong answers, and check your answers sends."""

import pytest
from django.urls import reverse

from domain.commissioning.models import SupportRequest
from domain.notifications.models import Notification

from .helpers import answers, errors, go_through, inline_errors, main_text, page_answers, soup, step_of

pytestmark = pytest.mark.django_db

NEW, CHECK = reverse("requests:new"), reverse("requests:check")


def page(step: str, change=False) -> str:
    return reverse("requests:question", kwargs={"step": step}) + ("?change=1" if change else "")


def test_a_school_contact_asks_for_their_own_school_one_question_a_page(demo, as_person):
    client = as_person("contact")
    assert client.get(NEW)["Location"] == page("school")
    first = client.get(page("school"))
    assert soup(first).select_one("input[name=school][checked]")["value"] == str(demo["goldthorpe"].pk)
    assert soup(first).select_one(".govuk-back-link")["href"] == reverse("requests:list")
    before = SupportRequest.objects.count()
    visited = []
    response = client.get(NEW)
    data = answers(demo["goldthorpe"], referrer_kind="client_school")
    while step_of(response["Location"]) != "check":
        step = step_of(response["Location"])
        visited.append(step)
        shown = client.get(response["Location"])
        assert shown.status_code == 200 and soup(shown).select_one(".govuk-back-link")
        response = client.post(response["Location"], page_answers(step, data))
    assert visited == [
        "school",
        "asking",
        "needs",
        "leader",
        "description",
        "days",
        "window",
        "funding",
        "alliance",
        "consent",
    ], "no phase (the register gives it) and no package (not a governance leader)"
    assert SupportRequest.objects.count() == before, "nothing is saved before check your answers"

    check = client.get(CHECK)
    text = main_text(check)
    assert "Goldthorpe Junior School" in text and "Maths" in text and "Closing the gap" in text
    assert "Primary (from the register)" in text
    assert "From 11 January 2027 to 26 March 2027" in text
    changes = [a["href"] for a in soup(check).select(".govuk-summary-list__actions a")]
    assert page("description", change=True) in changes and page("window", change=True) in changes

    sent = client.post(CHECK)
    created = SupportRequest.objects.latest("pk")
    assert sent["Location"] == reverse("requests:submitted", kwargs={"request_id": created.pk})
    assert (created.route, created.referrer_kind, created.status) == ("school", "client_school", "submitted")
    assert created.submitted_by == demo["contact"] and created.client_school == demo["goldthorpe"]
    assert created.phase == "primary", "the phase comes from the school's register record"
    assert created.brokering_organisation == demo["aire"] and created.nlg_package == ""
    assert created.needs == ["maths", "closing_the_gap"] and str(created.days) == "6.0"
    assert Notification.objects.filter(
        user=demo["coordinator"], link=f"/home/requests/{created.pk}/", title__contains="Goldthorpe"
    ).exists(), "Aire's coordinator is told"
    confirmation = client.get(sent["Location"])
    assert created.reference in soup(confirmation).select_one(".govuk-panel").get_text()
    assert client.get(CHECK)["Location"] == page("school"), "the draft is gone once sent"


@pytest.mark.parametrize(
    ("step", "posted", "expected"),
    [
        ("needs", {}, ["Choose at least one area the school needs support with"]),
        ("leader", {"role_sought": "wizard"}, ["Choose the kind of system leader the school needs"]),
        ("description", {"description": "  "}, ["Describe the support the school needs"]),
        (
            "days",
            {},
            [
                "Enter the number of days of support, like 2 or 10",
                "Choose whether the support is in a block or spread out",
            ],
        ),
        ("days", {"days": "70", "pattern": "block"}, ["Enter between half a day and 65 days (a term full time)"]),
        ("days", {"days": "two", "pattern": "block"}, ["Enter the number of days of support, like 2 or 10"]),
        ("window", {}, ["Enter the date the support could start", "Enter the date the support must end by"]),
        (
            "window",
            page_answers("window", answers(**{"window_ends-day": "1", "window_ends-month": "1"})),
            ["The end date must be the same as or after the start date"],
        ),
        (
            "window",
            page_answers("window", answers(**{"window_starts-month": ""})),
            ["The date the support could start must include a month"],
        ),
        ("funding", {}, ["Choose how the support is funded"]),
        ("alliance", {"preferred_organisation": "999999"}, ["Choose an alliance or hub from the list"]),
        ("consent", {}, ["Confirm that the school agrees to share this request with the alliance and its panel"]),
    ],
)
def test_each_page_refuses_its_own_wrong_answers_in_page_order(demo, as_person, step, posted, expected):
    client = as_person("contact")
    go_through(client, NEW, answers(demo["goldthorpe"], referrer_kind="client_school"), until=step)
    before = dict(client.session["commissioning_request_draft"])
    response = client.post(page(step), posted)
    assert response.status_code == 200
    assert errors(response) == expected, "the error summary in the page's order"
    assert inline_errors(response) == expected
    assert soup(response).title.get_text().startswith("Error: ")
    links = {a["href"].lstrip("#") for a in soup(response).select(".govuk-error-summary__list a")}
    assert links <= {tag["id"] for tag in soup(response).select("[id]")}, "every error links to its field"
    assert client.session["commissioning_request_draft"] == before, "a refused page changes nothing"


def test_the_commissioner_refers_another_school(demo, as_person):
    client = as_person("commissioner")
    found = client.get(page("school") + "?q=Larchwood")
    assert [i["value"] for i in soup(found).select("input[name=school]")] == [str(demo["larchwood"].pk)]
    client.post(page("school") + "?q=Larchwood", {"school": str(demo["larchwood"].pk)})
    asking = client.get(page("asking"))
    assert soup(asking).select_one("input[name=referrer_kind][checked]")["value"] == "local_authority"
    response = go_through(client, NEW, answers(demo["larchwood"], referrer_kind="local_authority"))
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
    client.post(page("school") + "?q=Larchwood", {"school": str(demo["larchwood"].pk)})
    response = client.post(page("asking"), {"referrer_kind": "client_school"})
    assert errors(response) == [
        "You are not a contact at this school: choose who you are asking as, such as its trust or local authority"
    ]


def test_a_school_page_without_a_school_asks_for_one(demo, as_person):
    client = as_person("commissioner")
    response = client.post(page("school"), {})
    assert errors(response) == ["Choose the school that needs support: search for it by name, URN or postcode"]
    assert soup(response).select_one("#id_school")["name"] == "q", "the error links to the search box"
    forged = client.post(page("school"), {"school": "999999999"})
    assert errors(forged) == ["Choose the school from the list, or search again"]


def test_a_search_that_finds_nothing_says_so(demo, as_person):
    response = as_person("commissioner").get(page("school") + "?q=Nowhere+Academy+Zzz")
    assert "No open school matches “Nowhere Academy Zzz”" in main_text(response)


def test_a_page_before_its_earlier_answers_goes_to_the_first_unanswered(demo, as_person):
    client = as_person("commissioner")
    assert client.get(page("funding"))["Location"] == page("school")
    assert client.post(page("consent"), {"consent_to_share": "on"})["Location"] == page("school")
    assert client.get(CHECK)["Location"] == page("school")
    client.post(page("school") + "?q=Larchwood", {"school": str(demo["larchwood"].pk)})
    assert client.get(page("days"))["Location"] == page("asking")
    assert client.get(page("package"))["Location"] == page("asking"), "a page that does not apply"
    assert client.get(page("contact")).status_code == 404, "the public route's page"
    assert client.get(page("nonsense")).status_code == 404


@pytest.mark.parametrize(
    "forged",
    [
        "not a draft",
        {"school": "abc", "needs": "maths"},
        {"school": ["1"], "window_starts": 5},
        {"school": "999999999"},
    ],
)
def test_a_forged_draft_starts_again_at_the_first_page(demo, as_person, forged):
    client = as_person("contact")
    session = client.session
    session["commissioning_request_draft"] = forged
    session.save()
    assert client.get(CHECK)["Location"] == page("school")
    assert client.get(page("window"))["Location"] == page("school")


def test_a_broken_answer_in_the_draft_shows_on_check_answers_with_a_link_to_change(demo, as_person):
    client = as_person("contact")
    go_through(client, NEW, answers(demo["goldthorpe"], referrer_kind="client_school"))
    session = client.session
    session["commissioning_request_draft"]["window_starts"] = "never"
    session.save()
    check = client.get(CHECK)
    assert errors(check) == ["Enter the date the support could start"]
    assert soup(check).select_one(".govuk-error-summary__list a")["href"] == page("window", change=True)
    before = SupportRequest.objects.count()
    assert client.post(CHECK).status_code == 200 and SupportRequest.objects.count() == before


def test_change_goes_back_to_check_answers(demo, as_person):
    client = as_person("contact")
    go_through(client, NEW, answers(demo["goldthorpe"], referrer_kind="client_school", description="First words"))
    changing = client.get(page("description", change=True))
    assert soup(changing).select_one("textarea[name=description]").get_text() == "First words"
    assert soup(changing).select_one(".govuk-back-link")["href"] == CHECK
    days = client.get(page("days"))
    assert soup(days).select_one("input[name=days]")["value"] == "6"
    assert soup(client.get(page("window"))).select_one("input[name=window_starts-year]")["value"] == "2027"
    done = client.post(page("description", change=True), {"description": "Better words"})
    assert done["Location"] == CHECK
    assert "Better words" in main_text(client.get(CHECK))


def test_the_directory_suggests_its_alliance(demo, as_person):
    client = as_person("contact")
    client.get(NEW + f"?organisation={demo['aire'].pk}")
    go_through(client, NEW, answers(demo["goldthorpe"], referrer_kind="client_school"), until="alliance")
    suggested = soup(client.get(page("alliance"))).select_one("select[name=preferred_organisation] option[selected]")
    assert suggested["value"] == str(demo["aire"].pk)
