"""The applicant's pages: their applications, the open rounds, the task list, a section, the
declarations, check your answers and submit, and the read-only page after submission."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.recruitment.models import Application
from domain.recruitment.reference_services import reference_submit
from tests import factories
from tests.queries import assert_constant_queries
from tests.recruitment.helpers import (
    REFERENCE_ANSWER,
    draft_application,
    make_round,
    send_all_requests,
    submitted_application,
)

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return soup(response).main.get_text(" ", strip=True)


def url(name, application, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"application_id": application.pk, **kwargs})


EDIT_PAGES = [
    ("application", {}),
    ("application-school", {}),
    ("application-section", {"section_key": "headship"}),
    ("application-declarations", {}),
    ("application-check", {}),
]


def test_the_list_shows_only_the_person_s_own_applications(client, signed_in):
    mine = draft_application()
    draft_application(round_=mine.round)  # someone else's, to the same round
    response = signed_in(mine.applicant).get(reverse("recruitment:applications"))
    links = [a.get_text(strip=True) for a in soup(response).select("td a")]
    assert links == [mine.round.title]


def test_the_list_runs_the_same_queries_however_long(client, signed_in):
    application = draft_application()
    signed_in(application.applicant)
    response = assert_constant_queries(
        lambda: client.get(reverse("recruitment:applications")),
        lambda: draft_application(applicant=application.applicant),
        times=2,
    )
    assert len(soup(response).select("td a")) == 3


@pytest.mark.parametrize("name, kwargs", EDIT_PAGES)
def test_another_person_s_application_answers_404(client, signed_in, name, kwargs):
    theirs = draft_application()
    signed_in(factories.UserFactory())
    assert client.get(url(name, theirs, **kwargs)).status_code == 404
    assert client.post(url(name, theirs, **kwargs), {"answer": "Mine now"}).status_code == 404
    assert Application.objects.get(pk=theirs.pk).answers == {}


def test_a_person_starts_an_application_to_an_open_round(client, signed_in):
    round_ = make_round(title="Leeds LLE round")
    closed = make_round(title="Draft round", open_it=False)
    person = factories.UserFactory()
    signed_in(person)
    response = client.get(reverse("recruitment:open-rounds"))
    titles = soup(response).select(".govuk-summary-card__title")
    assert [t.get_text(strip=True) for t in titles] == ["Leeds LLE round"]
    start = reverse("recruitment:application-start", kwargs={"round_id": round_.pk})
    assert "The need it answers" in main_text(client.get(start))
    assert client.get(reverse("recruitment:application-start", kwargs={"round_id": closed.pk})).status_code == 404
    response = client.post(start)
    application = Application.objects.get(applicant=person)
    assert response.url == url("application", application)
    # Once started, the round is no longer offered and its start page leads to the application.
    assert soup(client.get(reverse("recruitment:open-rounds"))).select(".govuk-summary-card") == []
    assert client.get(start).url == url("application", application)


def test_the_task_list_has_a_task_per_section_and_the_declarations(client, signed_in):
    application = draft_application()
    response = signed_in(application.applicant).get(url("application", application))
    tasks = [a.get_text(" ", strip=True) for a in soup(response).select(".govuk-task-list__link")]
    assert tasks[0] == "Your school"
    assert "Your experience as a serving headteacher, acting head or head of school" in tasks
    assert "Sixth form colleges only: your support to schools" in tasks
    assert tasks[-2:] == ["Declarations", "Check your answers and submit"]
    assert "Cannot submit yet" in main_text(response)


def test_a_section_is_saved_as_a_draft(client, signed_in):
    application = draft_application()
    signed_in(application.applicant)
    page = url("application-section", application, section_key="headship")
    response = client.post(page, {"answer": "Head for six years", "evidence": "Inspection 2023"})
    assert response.url == url("application", application)
    application.refresh_from_db()
    assert application.answers["headship"] == {"answer": "Head for six years", "evidence": "Inspection 2023"}
    assert "Head for six years" in client.get(page).content.decode()
    assert client.get(url("application-section", application, section_key="nonsense")).status_code == 404


def test_an_answer_too_long_is_refused_with_a_message(client, signed_in):
    application = draft_application()
    signed_in(application.applicant)
    response = client.post(url("application-section", application, section_key="headship"), {"answer": "x" * 10_001})
    assert response.status_code == 200
    assert "Your answer must be 10,000 characters or fewer" in soup(response).select_one(".govuk-error-summary").text
    assert Application.objects.get(pk=application.pk).answers == {}


def test_the_school_is_given_by_its_urn(client, signed_in):
    application = draft_application()
    school = factories.SchoolFactory()
    signed_in(application.applicant)
    refused = client.post(url("application-school", application), {"urn": "123"})
    assert "Enter your school's URN as 6 digits" in main_text(refused)
    assert "There is no school with this URN" in main_text(
        client.post(url("application-school", application), {"urn": "999999"})
    )
    client.post(url("application-school", application), {"urn": str(school.urn)})
    assert Application.objects.get(pk=application.pk).school == school


def test_declarations_are_saved_from_the_checkboxes(client, signed_in):
    application = draft_application()
    signed_in(application.applicant)
    client.post(url("application-declarations", application), {"accepted": ["remain_two_years", "information_true"]})
    accepted = Application.objects.get(pk=application.pk).declarations["accepted"]
    assert accepted == {
        "remain_two_years": True,
        "governing_body_support": False,
        "commit_time_and_training": False,
        "information_true": True,
    }


def test_submitting_an_incomplete_application_lists_what_is_missing(client, signed_in):
    application = draft_application()
    signed_in(application.applicant)
    response = client.post(url("application-check", application))
    links = {a.get_text(strip=True): a["href"] for a in soup(response).select(".govuk-error-summary__list a")}
    section = "Complete 'Your experience as a serving headteacher, acting head or head of school'"
    assert links[section] == url("application-section", application, section_key="headship")
    assert links["Complete 'Declarations'"] == url("application-declarations", application)
    assert "Complete 'Sixth form colleges only: your support to schools'" not in links  # optional
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_a_complete_application_is_submitted_and_then_read_only(client, signed_in):
    from tests.recruitment.helpers import all_declarations, full_answers

    application = draft_application()
    signed_in(application.applicant)
    for key, value in full_answers().items():
        client.post(url("application-section", application, section_key=key), value)
    client.post(url("application-declarations", application), {"accepted": list(all_declarations())})
    check = client.get(url("application-check", application))
    assert "Submit application" in main_text(check)
    rows = {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in soup(check).select(".govuk-summary-list__row")
    }
    assert rows["Your school"] == application.school.display_name
    assert rows["Your ability and capacity to support another school to improve"] == (
        "About Your ability and capacity to support another school to improve Evidence: Evidence"
    )
    assert rows["Sixth form colleges only: your support to schools"] == "Not answered (optional)"
    response = client.post(url("application-check", application))
    assert response.url == url("application", application)
    assert Application.objects.get(pk=application.pk).status == "submitted"
    overview = client.get(url("application", application))
    page = main_text(overview)
    assert "waiting for your references" in page
    assert soup(overview).select(".govuk-task-list") == []
    assert "Change" not in page
    # The edit pages lead back to the read-only page, and a post changes nothing.
    section = url("application-section", application, section_key="headship")
    assert client.post(section, {"answer": "Changed"}).url == url("application", application)
    assert Application.objects.get(pk=application.pk).answers["headship"]["answer"].startswith("About")


def test_the_submitted_page_says_how_many_references_are_answered(client, signed_in):
    application = submitted_application()
    [(_, token), *_] = send_all_requests(application)
    reference_submit(token=token, response=REFERENCE_ANSWER)
    response = signed_in(application.applicant).get(url("application", application))
    rows = [
        [cell.get_text(strip=True) for cell in row.select("th, td")] for row in soup(response).select("table tbody tr")
    ]
    assert rows == [["Reference", "2", "1", "1"], ["Chair of governors' confirmation", "1", "0", "1"]]


def test_signed_out_people_are_sent_to_sign_in(client):
    application = draft_application()
    response = client.get(url("application", application))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response.url


def test_the_navigation_shows_applications_to_people_who_have_applied(client, signed_in):
    application = draft_application()
    response = signed_in(application.applicant).get(reverse("recruitment:applications"))
    navigation = [a.get_text(strip=True) for a in soup(response).select(".govuk-service-navigation a")]
    assert "Recruitment" in navigation
    signed_in(factories.UserFactory())
    response = client.get(reverse("recruitment:applications"))
    navigation = [a.get_text(strip=True) for a in soup(response).select(".govuk-service-navigation a")]
    assert "Recruitment" not in navigation


def test_a_refused_submission_s_page_title_starts_with_error(client, signed_in):
    application = draft_application()
    response = signed_in(application.applicant).post(url("application-check", application))
    assert soup(response).title.get_text(strip=True).startswith("Error: Check your answers")


def test_a_complete_application_to_a_closed_round_says_the_round_has_closed(client, signed_in, frozen_clock):
    import datetime as dt

    from domain.recruitment.services import application_save_draft
    from tests.recruitment.helpers import all_declarations, full_answers

    application = draft_application()
    application_save_draft(
        actor=application.applicant, application=application, answers=full_answers(), declarations=all_declarations()
    )
    frozen_clock.shift(dt.timedelta(days=30))
    response = signed_in(application.applicant).post(url("application-check", application))
    summary = soup(response).select_one(".govuk-error-summary__list").get_text(" ", strip=True)
    assert "closed for applications on 13 December 2026" in summary
    assert Application.objects.get(pk=application.pk).status == "draft"
