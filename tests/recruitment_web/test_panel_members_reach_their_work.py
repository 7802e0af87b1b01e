"""A panel member reaches the applications they are to score without a typed address (issue 14,
"Panel members": "Being added to a panel notifies the member and gives them a task. They have a
list of applications to assess and reach each from it")."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.notifications.models import Notification
from domain.recruitment.assessment import assessment_submit
from domain.recruitment.panel import panel_member_add
from domain.recruitment.selectors import applications_to_assess
from tests.conftest import sign_in
from tests.portal_home.tasks import goes_through, tasks_on_home
from tests.queries import assert_constant_queries
from tests.recruitment.selection_builders import assessor_for, coordinated_round, eligibility_checked, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def seated():
    """An application whose eligibility is checked, with a panel member seated on its panel."""
    round_, coordinator = coordinated_round()
    application = eligibility_checked(round_, coordinator)
    member = assessor_for(round_)
    panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    return application, member, coordinator


def page(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def test_being_seated_notifies_the_member_with_a_link_to_the_scoring_page(seated):
    application, member, _ = seated
    told = Notification.objects.get(user=member)
    assert told.title == f"You are on the selection panel for {application.applicant.full_name}"
    assert told.link == reverse("selection:assessment", args=[application.pk])
    assert application.round.title in told.body


def test_the_home_task_opens_the_scoring_page_and_goes_once_the_scores_are_submitted(client, seated):
    application, member, _ = seated
    score_all(member, application)
    goes_through(
        client,
        member,
        "assessments",
        opens=reverse("selection:assessment", args=[application.pk]),
        do=lambda: assessment_submit(assessor=member, application=application),
    )


def test_several_applications_open_the_list_which_leads_to_each(client, seated):
    application, member, coordinator = seated
    second = eligibility_checked(application.round, coordinator)
    panel_member_add(actor=coordinator, application=second, user=member, experienced_system_leader=True)
    assert tasks_on_home(client, member)["assessments"] == [reverse("selection:to-assess")]
    listed = page(sign_in(client, member), reverse("selection:to-assess"))
    links = [a["href"] for a in listed.select("[data-testid=applications-to-score] tbody a")]
    assert links == [reverse("selection:assessment", args=[a.pk]) for a in (application, second)]
    assert all(client.get(link).status_code == 200 for link in links)


def test_the_navigation_leads_a_panel_member_to_the_list(client, seated):
    _, member, _ = seated
    home = page(sign_in(client, member), reverse("portal:home"))
    navigation = {a.get_text(strip=True): a["href"] for a in home.select(".govuk-service-navigation__link")}
    assert navigation["Recruitment"] == reverse("selection:to-assess")


def test_the_list_holds_only_the_persons_own_seats(client, seated):
    application, _, _ = seated
    stranger = assessor_for(application.round)  # a panel member of the same alliance, not seated
    listed = page(sign_in(client, stranger), reverse("selection:to-assess"))
    assert listed.select("[data-testid=applications-to-score]") == []
    assert "No application is waiting for your scores" in listed.get_text()
    assert not applications_to_assess(stranger).exists()


def test_the_list_runs_a_fixed_number_of_queries(seated):
    application, member, coordinator = seated

    def seat_another():
        another = eligibility_checked(application.round, coordinator)
        panel_member_add(actor=coordinator, application=another, user=member, experienced_system_leader=True)

    assert_constant_queries(lambda: list(applications_to_assess(member)), seat_another)


def test_the_scoring_page_shows_the_application_its_references_and_the_eligibility_check(client, seated):
    from domain.recruitment.application_form import REFERENCE_QUESTIONS, form_for
    from domain.recruitment.models import ReferenceRequest

    application, member, _ = seated
    scoring = page(sign_in(client, member), reverse("selection:assessment", args=[application.pk]))
    read = scoring.select_one("[data-testid=read-application]").get_text(" ", strip=True)
    keys = [
        key.get_text(strip=True) for key in scoring.select("[data-testid=read-application] .govuk-summary-list__key")
    ]
    assert keys[0] == "The applicant's school"  # not the applicant's own "Your school"
    assert all(section.title in read for section in form_for(application.round).sections)
    references = scoring.select_one("[data-testid=read-references]").get_text(" ", strip=True)
    answered = ReferenceRequest.objects.filter(application=application, status="answered")
    assert f"The references ({answered.count()} answered)" in references
    assert all(request.name in references for request in answered)
    assert REFERENCE_QUESTIONS[0].text in references
    eligibility = scoring.select_one("[data-testid=read-eligibility]").get_text(" ", strip=True)
    assert "has not been run yet" not in eligibility and ("Met" in eligibility or "Needs evidence" in eligibility)
    # Read-only: nothing there to change the application or the references.
    assert scoring.select("[data-testid=read-application] a, [data-testid=read-references] a") == []
