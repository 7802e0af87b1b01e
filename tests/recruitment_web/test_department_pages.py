"""The Department for Education's pages: the recommendations of every region and each one's
detail with the decision (web/recruitment/department.py; seed 004 §14; seed 003), and what everyone
else sees until the department decides."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.designation.models import Designation
from domain.recruitment.decisions import panel_decide
from tests.conftest import person_in_role
from tests.queries import assert_constant_queries
from tests.recruitment.selection_builders import assessed, nle_round, valid_panel

pytestmark = pytest.mark.django_db

FEEDBACK = "Outstanding work with schools in difficulty."


def main_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").main.get_text(" ", strip=True)


@pytest.fixture
def recommended():
    round_, coordinator = nle_round()
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user
    panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)
    application.refresh_from_db()
    return application, coordinator, chair


@pytest.fixture
def official():
    return person_in_role(Role.DEPARTMENT_OFFICIAL)


def detail(application):
    return reverse("department:recommendation", kwargs={"application_id": application.pk})


def test_the_official_sees_the_task_the_list_and_the_recommendation(signed_in, official, recommended):
    application, _, _ = recommended
    client = signed_in(official)

    home = main_text(client.get(reverse("portal:home")))
    assert "Decide a recommendation for designation" in home
    listing = client.get(reverse("department:recommendations"))
    assert application.applicant.full_name in main_text(listing)
    page = client.get(detail(application))
    text = main_text(page)
    assert "Recommended to the Department for Education" in text
    assert FEEDBACK in text
    assert "The eligibility check" in text and "The assessment summary" in text


def test_approving_designates_the_leader_by_the_department(signed_in, official, recommended):
    application, _, _ = recommended
    client = signed_in(official)

    response = client.post(detail(application), {"outcome": "approved", "reasons": "Agreed."})

    assert response.status_code == 302
    assert Designation.objects.get(person=application.applicant).source == "department"
    applicant_page = main_text(
        signed_in(application.applicant).get(
            reverse("recruitment:application", kwargs={"application_id": application.pk})
        )
    )
    assert "you are designated" in applicant_page


def test_a_decision_without_reasons_is_refused_and_changes_nothing(signed_in, official, recommended):
    application, _, _ = recommended
    response = signed_in(official).post(detail(application), {"outcome": "declined", "reasons": ""})

    assert response.status_code == 200
    assert "Enter the reasons for the department's decision" in main_text(response)
    application.refresh_from_db()
    assert application.status == "recommended"


def test_the_departments_pages_answer_404_to_everyone_else(signed_in, recommended):
    application, coordinator, chair = recommended
    for person in (coordinator, chair, application.applicant, person_in_role(Role.REGIONAL_REPRESENTATIVE)):
        client = signed_in(person)
        assert client.get(reverse("department:recommendations")).status_code == 404
        assert client.get(detail(application)).status_code == 404
        assert client.post(detail(application), {"outcome": "approved", "reasons": "x"}).status_code == 404
    assert not Designation.objects.filter(person=application.applicant).exists()


def test_until_the_department_decides_everyone_sees_the_recommendation(signed_in, recommended):
    application, coordinator, chair = recommended
    ids = {"application_id": application.pk}
    pages = [
        (application.applicant, reverse("recruitment:application", kwargs=ids)),
        (coordinator, reverse("selection:application", kwargs=ids)),
        (chair, reverse("selection:decision", kwargs=ids)),
    ]
    for person, page in pages:
        assert "Recommended to the Department for Education" in main_text(signed_in(person).get(page)), page


def test_the_official_does_not_see_an_application_the_department_has_nothing_to_do_with(signed_in, official):
    round_, coordinator = nle_round()
    application, _ = assessed(round_, coordinator)
    assert signed_in(official).get(detail(application)).status_code == 404
    assert (
        signed_in(official).get(reverse("selection:application", kwargs={"application_id": application.pk})).status_code
        == 404
    )


def test_the_list_of_recommendations_runs_a_constant_number_of_queries(signed_in, official, recommended):
    client = signed_in(official)

    def grow():
        round_, coordinator = nle_round()
        application, _ = assessed(round_, coordinator)
        chair = valid_panel(application, coordinator)[0].user
        panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)

    response = assert_constant_queries(lambda: client.get(reverse("department:recommendations")), grow)
    assert "3 recommendations to decide" in main_text(response)


@pytest.mark.parametrize(
    "round_fields",
    [
        {"role": "nle", "title": "NLE selection 2026", "criteria_set": "national-nle@1"},
        {"role": "nlg", "title": "NLG selection 2026", "criteria_set": "national-nlg@1", "phases": []},
    ],
)
def test_every_active_official_is_told_of_a_recommendation_and_its_link_opens_it(signed_in, round_fields):
    """Seed 004 §14: "the department makes the final decision", so it is told when a panel
    recommends; an official whose membership has ended is not."""
    from domain.accounts.workflows import MembershipStatus
    from domain.notifications.models import Notification
    from tests.recruitment.selection_builders import coordinated_round

    first, second = person_in_role(Role.DEPARTMENT_OFFICIAL), person_in_role(Role.DEPARTMENT_OFFICIAL)
    gone = person_in_role(Role.DEPARTMENT_OFFICIAL)
    gone.memberships.update(status=MembershipStatus.ENDED)
    round_, coordinator = coordinated_round(**round_fields)
    application, _ = assessed(round_, coordinator)
    chair = valid_panel(application, coordinator)[0].user

    panel_decide(actor=chair, application=application, outcome="approved", feedback=FEEDBACK)

    for official_ in (first, second):
        told = Notification.objects.get(user=official_)
        assert told.link == detail(application)
        assert application.applicant.full_name in told.title
        assert signed_in(official_).get(told.link).status_code == 200
    assert not Notification.objects.filter(user=gone).exists()
