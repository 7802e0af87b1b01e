"""The applicant's employment history pages (add, change, remove a post; the school chosen from
the register's search), an SLE's specialisms, an NLE's route, and the task list and check answers
page showing them (issue 14)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.recruitment.employment import employment_post_add
from domain.recruitment.models import EmploymentPost
from domain.recruitment.services import application_save_draft
from tests import factories
from tests.queries import assert_constant_queries
from tests.recruitment.helpers import draft_application, make_round, submitted_application

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response) -> str:
    return soup(response).main.get_text(" ", strip=True)


def url(name, application, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"application_id": application.pk, **kwargs})


def errors(response) -> list[tuple[str, str]]:
    """The error summary's messages with the id each links to, in page order."""
    return [(a.get_text(strip=True), a["href"]) for a in soup(response).select(".govuk-error-summary a")]


@pytest.fixture
def sle_draft():
    return draft_application(make_round(role="sle", criteria_set="national-sle@1", form_version=None))


def _post_data(chosen, **fields):
    return {
        "role": "deputy_head",
        "school": str(chosen.pk),
        "start-day": "1",
        "start-month": "9",
        "start-year": "2021",
        "still_in_post": "yes",
        **fields,
    }


def test_the_applicant_finds_the_school_and_adds_a_post(signed_in, sle_draft):
    school = factories.SchoolFactory(name="Larchwood Academy")
    client = signed_in(sle_draft.applicant)
    page = client.get(url("application-post-add", sle_draft) + "?q=Larchwood")
    assert "Larchwood Academy" in main_text(page)
    response = client.post(url("application-post-add", sle_draft) + "?q=Larchwood", _post_data(school))
    assert response.status_code == 302
    post = EmploymentPost.objects.get()
    assert (post.role, post.school, post.start, post.end) == ("deputy_head", school, dt.date(2021, 9, 1), None)
    listing = main_text(client.get(url("application-posts", sle_draft)))
    assert "Deputy headteacher" in listing and "Larchwood Academy" in listing and "Still in post" in listing


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"still_in_post": "no", "end-day": "31", "end-month": "8", "end-year": "2021"},
            [("The date the post ended must be the same as or after the date you started", "#id_end-day")],
        ),
        ({"start-year": "2027"}, [("The date you started must be today or in the past", "#id_start-day")]),
        ({"still_in_post": "no"}, [("Enter the date the post ended", "#id_end-day")]),
        ({"school": "999999999"}, [("Choose the school from the list, or search again", "#id_school")]),
        (
            {"school": "", "role": "", "start-day": "31", "start-month": "2"},
            [
                ("Search for the school and choose it", "#id_school"),
                ("Select your post", "#id_role"),
                ("The date you started in the post must be a real date", "#id_start-day"),
            ],
        ),
    ],
)
def test_a_bad_post_gets_a_clear_message_in_page_order_and_changes_nothing(signed_in, sle_draft, fields, expected):
    school = factories.SchoolFactory(name="Larchwood Academy")
    client = signed_in(sle_draft.applicant)
    response = client.post(url("application-post-add", sle_draft) + "?q=Larchwood", _post_data(school, **fields))
    assert response.status_code == 200
    assert errors(response) == expected
    assert soup(response).title.get_text().startswith("Error:")
    assert not EmploymentPost.objects.exists()


def test_a_school_not_in_the_search_is_refused(signed_in, sle_draft):
    elsewhere = factories.SchoolFactory(name="Elsewhere School")
    client = signed_in(sle_draft.applicant)
    response = client.post(url("application-post-add", sle_draft), _post_data(elsewhere))
    assert errors(response) == [("Choose the school from the list, or search again", "#id_school")]
    assert not EmploymentPost.objects.exists()


def test_the_applicant_changes_and_removes_a_post(signed_in, sle_draft):
    post = employment_post_add(
        actor=sle_draft.applicant,
        application=sle_draft,
        role="deputy_head",
        school=sle_draft.school,
        start=dt.date(2019, 9, 1),
        end=None,
    )
    client = signed_in(sle_draft.applicant)
    page = client.get(url("application-post-change", sle_draft, post_id=post.pk))
    assert soup(page).find("input", {"name": "start-year"})["value"] == "2019"
    changed = client.post(
        url("application-post-change", sle_draft, post_id=post.pk),
        _post_data(sle_draft.school, role="senior_leader", **{"start-year": "2019"}),
    )
    assert changed.status_code == 302
    assert EmploymentPost.objects.get().role == "senior_leader"
    assert "Remove this post?" in main_text(client.get(url("application-post-remove", sle_draft, post_id=post.pk)))
    client.post(url("application-post-remove", sle_draft, post_id=post.pk))
    assert not EmploymentPost.objects.exists()


def test_another_persons_post_is_not_found(signed_in, sle_draft):
    post = employment_post_add(
        actor=sle_draft.applicant,
        application=sle_draft,
        role="deputy_head",
        school=sle_draft.school,
        start=dt.date(2019, 9, 1),
        end=None,
    )
    other = draft_application(sle_draft.round)
    client = signed_in(other.applicant)
    assert client.get(url("application-post-change", sle_draft, post_id=post.pk)).status_code == 404
    assert client.get(url("application-post-change", other, post_id=post.pk)).status_code == 404
    assert client.post(url("application-post-remove", other, post_id=post.pk)).status_code == 404
    assert EmploymentPost.objects.count() == 1


def test_a_submitted_application_s_posts_cannot_be_changed(signed_in):
    application = submitted_application()
    client = signed_in(application.applicant)
    response = client.post(url("application-post-add", application), _post_data(application.school))
    assert response.status_code == 302 and response["Location"] == url("application", application)
    assert not EmploymentPost.objects.exists()


def test_an_sle_chooses_specialisms(signed_in, sle_draft):
    client = signed_in(sle_draft.applicant)
    empty = client.post(url("application-specialisms", sle_draft), {})
    assert errors(empty) == [("Select at least one specialism", "#id_specialisms")]
    assert soup(empty).find(id="id_specialisms") is not None
    client.post(url("application-specialisms", sle_draft), {"specialisms": ["maths", "behaviour"]})
    sle_draft.refresh_from_db()
    assert sle_draft.specialisms == ["maths", "behaviour"]


def test_an_lle_has_no_specialisms_or_route_page(signed_in):
    application = draft_application()
    client = signed_in(application.applicant)
    assert client.get(url("application-specialisms", application)).status_code == 404
    assert client.get(url("application-route", application)).status_code == 404


def test_an_nle_chooses_a_route_and_then_sees_its_sections(signed_in):
    application = draft_application(make_round(role="nle", criteria_set="national-nle@1", form_version=None))
    client = signed_in(application.applicant)
    tasks = main_text(client.get(url("application", application)))
    assert "Your route to eligibility" in tasks and "Your trust's performance and progress data" not in tasks
    bad = client.post(url("application-route", application), {"route": "fast_track"})
    assert errors(bad) == [("Select a route from the list", "#id_route")]
    client.post(url("application-route", application), {"route": "transformative_mat_ceo"})
    tasks = main_text(client.get(url("application", application)))
    assert "Your trust's performance and progress data" in tasks
    assert "Your school's performance and progress data" not in tasks


def test_the_task_list_and_check_answers_show_posts_specialisms_and_declarations(signed_in, sle_draft):
    employment_post_add(
        actor=sle_draft.applicant,
        application=sle_draft,
        role="deputy_head",
        school=sle_draft.school,
        start=dt.date(2019, 9, 1),
        end=None,
    )
    application_save_draft(
        actor=sle_draft.applicant,
        application=sle_draft,
        specialisms=["phonics"],
        declarations={"headteacher_support": True},
    )
    client = signed_in(sle_draft.applicant)
    tasks = main_text(client.get(url("application", sle_draft)))
    assert "Your posts" in tasks and "Your specialisms" in tasks
    check = main_text(client.get(url("application-check", sle_draft)))
    assert "Deputy headteacher" in check and "from 1 September 2019 (still in post)" in check
    assert "Phonics" in check
    assert "I have the support of my headteacher to be released to work in other schools: made" in check
    assert "phonics" not in check and "deputy_head" not in check  # no codes shown


def test_the_posts_and_check_answers_pages_run_the_same_queries_however_many_posts(signed_in, sle_draft):
    client = signed_in(sle_draft.applicant)
    starts = iter(range(2000, 2020))

    def add_post():
        employment_post_add(
            actor=sle_draft.applicant,
            application=sle_draft,
            role="middle_leader",
            school=factories.SchoolFactory(),
            start=dt.date(next(starts), 9, 1),
            end=None,
        )

    add_post()
    for page in ("application-posts", "application-check"):
        response = assert_constant_queries(lambda page=page: client.get(url(page, sle_draft)), add_post, times=2)
        assert "Middle leader" in main_text(response)
