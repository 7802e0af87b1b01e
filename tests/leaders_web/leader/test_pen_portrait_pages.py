"""The leader's pen portrait pages: where it stands, changing it, submitting it, taking it down."""

import pytest
from django.urls import reverse

from domain.leaders import portrait_services
from domain.leaders.models import PenPortrait
from domain.leaders.selectors import active_association_of

from .helpers import banner, errors, main_text, soup

pytestmark = pytest.mark.django_db

CHANGE = reverse("leader:pen-portrait-change")
VALUES = {
    "experience": "Headteacher for six years; now coaching new headteachers.",
    "school_context": "A two-form entry primary school.",
    "areas_served": "Leeds",
    "specialisms": ["early_years", "behaviour"],
    "phases": ["primary"],
}


def versions(leader) -> list[tuple[int, str]]:
    return list(PenPortrait.objects.filter(leader=leader).order_by("version").values_list("version", "status"))


def test_the_page_shows_the_published_portrait_as_the_directory_does(as_leader):
    page = main_text(as_leader("alex").get(reverse("leader:pen-portrait")))
    assert "Version 1, approved 22 November 2026" in page
    assert "supports new headteachers with curriculum planning" in page
    assert "Closing the gap, Early years" in page
    assert "Take your pen portrait out of the directory" in page


def test_the_form_groups_specialisms_by_area_and_is_filled_in(as_leader):
    response = as_leader("alex").get(CHANGE)
    page = soup(response)
    legends = [legend.get_text(strip=True) for legend in page.select("legend")]
    assert legends[:5] == [
        "Your specialisms",
        "Effectiveness of leadership and management",
        "Outcomes for children and other learners",
        "Quality of teaching, learning and assessment",
        "Personal development, behaviour and welfare",
    ]
    checked = [box["value"] for box in page.select("input[name=specialisms][checked]")]
    assert checked == ["closing_the_gap", "early_years"]
    assert page.find(id="id_specialisms") is not None
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    # Alex is also a national leader of governance (demo.designation_reviews), and national
    # leaders may publish a contact: the field is there, empty.
    assert page.find("input", attrs={"name": "public_contact"})["value"] == ""


def test_a_national_leader_may_publish_a_contact(as_leader):
    page = soup(as_leader("nle").get(CHANGE))
    assert page.find("input", attrs={"name": "public_contact"})["value"].startswith("Through the head's office")


def test_saving_a_draft_keeps_the_published_version_in_the_directory(as_leader, demo):
    client = as_leader("alex")
    response = client.post(CHANGE, {**VALUES, "action": "draft"}, follow=True)
    assert versions(demo["alex"]) == [(1, "published"), (2, "draft")]
    draft = PenPortrait.objects.get(leader=demo["alex"], version=2)
    assert (draft.specialisms, draft.phases, draft.public_contact) == (["early_years", "behaviour"], ["primary"], "")
    assert "saved as a draft" in banner(response)
    page = main_text(response)
    assert "This version is a draft" in page and "Version 1, approved" in page


def test_saving_and_submitting_sends_it_for_approval(as_leader, demo):
    as_leader("alex").post(CHANGE, {**VALUES, "action": "submit"})
    assert versions(demo["alex"]) == [(1, "published"), (2, "submitted")]


def test_submitting_without_experience_is_refused_and_keeps_nothing(as_leader, demo):
    refused = as_leader("alex").post(CHANGE, {**VALUES, "experience": "", "action": "submit"})
    assert errors(refused) == ["Enter your experience before you submit your pen portrait"]
    assert soup(refused).select_one(".govuk-error-summary__list a")["href"] == "#id_experience"
    assert versions(demo["alex"]) == [(1, "published")]


def test_changing_while_waiting_for_approval_is_refused(as_leader, demo):
    before = PenPortrait.objects.get(leader=demo["riley"], status="submitted").experience
    client = as_leader("riley")
    assert "waiting for approval" in main_text(client.get(CHANGE))
    refused = client.post(CHANGE, {**VALUES, "action": "draft"})
    assert errors(refused)[0].startswith("Your pen portrait is waiting for approval")
    assert PenPortrait.objects.get(leader=demo["riley"], status="submitted").experience == before


def test_too_long_an_experience_is_refused(as_leader, demo):
    refused = as_leader("alex").post(CHANGE, {**VALUES, "experience": "x" * 3001, "action": "draft"})
    assert errors(refused) == ["Your experience must be 3,000 characters or fewer"]
    assert versions(demo["alex"]) == [(1, "published")]


def test_a_returned_version_shows_the_changes_asked_for(as_leader, demo):
    portrait = PenPortrait.objects.get(leader=demo["riley"], status="submitted")
    owner = active_association_of(demo["riley"]).organisation
    coordinator = owner.memberships.get(role="tsa_coordinator").user
    portrait_services.portrait_return(actor=coordinator, portrait=portrait, reason="Say which year groups you teach")
    page = main_text(as_leader("riley").get(reverse("leader:pen-portrait")))

    assert "Returned for changes" in page
    assert "Changes Pennine Teaching School Hub asked for Say which year groups you teach" in page
    assert "Your pen portrait is not in the directory" in page


def test_taking_the_portrait_down_needs_a_reason(as_leader, demo):
    client = as_leader("alex")
    url = reverse("leader:pen-portrait-withdraw")
    refused = client.post(url, {"reason": ""})
    assert errors(refused) == ["Enter why you are taking your pen portrait down"]
    assert versions(demo["alex"]) == [(1, "published")]
    done = client.post(url, {"reason": "On secondment this year"}, follow=True)
    assert versions(demo["alex"]) == [(1, "withdrawn")]
    assert "taken out of the directory" in banner(done)
    assert "you took it down on 22 November 2026" in main_text(done)


def test_without_a_published_portrait_there_is_nothing_to_take_down(as_leader):
    assert as_leader("drew").get(reverse("leader:pen-portrait-withdraw")).status_code == 404


def test_submitting_before_associating_is_refused_and_saves_nothing(as_leader, demo):
    refused = as_leader("drew").post(CHANGE, {**VALUES, "action": "submit"})
    assert errors(refused)[0].startswith("Associate with an alliance, hub or grouping first")
    assert versions(demo["drew"]) == []
    as_leader("drew").post(CHANGE, {**VALUES, "action": "draft"})
    assert versions(demo["drew"]) == [(1, "draft")]
