"""Journeys: the coordinator checks an application's eligibility, two assessors score it, the panel
decides and the designation appears.

As a teaching school alliance's coordinator, I want to see the eligibility check criterion by
criterion, the assessors' scores and the panel's decision in one place, so that the leader we
select is designated to the regional standard (seed 000 "Application and selection").

And: a declined applicant appeals, and someone who did not sit on the panel upholds the appeal
(seed 000: "TSAs would manage appeals")."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.recruitment.assessment import assessment_submit
from domain.recruitment.decisions import panel_decide
from domain.recruitment.models import RecruitmentRound
from tests.recruitment.selection_builders import (
    assessed,
    assessor_for,
    references_complete,
    score_all,
    settle_eligibility,
    valid_panel,
)

from .steps import (
    demo_person,
    open_the_start_page,
    sign_in,
    sign_in_with_password,
    when_an_assessor_scores_every_competency,
    when_the_panel_approves,
)

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory


def given_an_application_with_its_references_complete():
    round_ = RecruitmentRound.objects.get(organisation__code="DEMO-TSA1", role="lle")
    return references_complete(round_)


def when_the_coordinator_checks_eligibility(page: Page, application) -> None:
    page.goto(reverse("selection:eligibility", args=[application.pk]))
    page.get_by_role("button", name="Check eligibility").click()
    expect(page.get_by_text("The eligibility check has been recorded")).to_be_visible()
    expect(page.get_by_role("table", name="Criterion by criterion")).to_be_visible()
    expect(page.get_by_text("Local leader of education, Yorkshire and the Humber (version 1)").first).to_be_visible()


def then_the_designation_appears(page: Page, application) -> None:
    page.get_by_role("link", name="View the designation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(application.applicant))


def when_the_coordinator_seats_the_panel_member(page: Page, application) -> None:
    page.goto(reverse("selection:panel", args=[application.pk]))
    page.get_by_label("Email address").fill(demo_person(Role.PANEL_MEMBER).email)
    page.get_by_role("button", name="Add to the panel").click()
    expect(page.locator("table").first).to_contain_text(demo_person(Role.PANEL_MEMBER).full_name)


def when_the_panel_member_opens_the_application_from_their_notification(page: Page, application) -> None:
    """From the home page: the notification of their seat on the panel, and the task it gave."""
    applicant = application.applicant.full_name
    expect(page.locator("[data-testid=things-to-do]")).to_contain_text("Score an application for designation")
    page.get_by_role("link", name=f"You are on the selection panel for {applicant}").click()
    expect(page).to_have_url(re.compile(reverse("selection:assessment", args=[application.pk]) + "$"))


def then_nothing_is_left_to_score(page: Page) -> None:
    page.get_by_role("link", name="Recruitment", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications to score")
    expect(page.get_by_test_id("nothing-to-score")).to_be_visible()
    page.get_by_role("link", name="Home", exact=True).first.click()
    expect(page.get_by_role("link", name="Score an application for designation")).to_have_count(0)


def test_the_panel_decides_an_application_and_the_designation_appears(new_context):
    build_demo_region()
    application = given_an_application_with_its_references_complete()
    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    when_the_coordinator_checks_eligibility(coordinator, application)
    when_the_coordinator_seats_the_panel_member(coordinator, application)

    assessor = new_context(label="Panel member").new_page()
    sign_in(assessor, demo_person(Role.PANEL_MEMBER))
    when_the_panel_member_opens_the_application_from_their_notification(assessor, application)
    when_an_assessor_scores_every_competency(assessor, application, opened=True)
    then_nothing_is_left_to_score(assessor)
    second = assessor_for(application.round)  # the second assessor scores through the services
    score_all(second, application, score=4)
    assessment_submit(assessor=second, application=application)

    coordinator_user = User.objects.get(email=demo_person(Role.TSA_COORDINATOR).email)
    valid_panel(application, coordinator_user)
    settle_eligibility(application, coordinator_user)  # every "needs evidence" judged (issue 14)
    when_the_panel_approves(coordinator, application)
    then_the_designation_appears(coordinator, application)


def given_a_declined_application():
    coordinator = User.objects.get(email=demo_person(Role.TSA_COORDINATOR).email)
    application, _ = assessed(RecruitmentRound.objects.get(organisation__code="DEMO-TSA1", role="lle"), coordinator)
    valid_panel(application, coordinator)
    panel_decide(actor=coordinator, application=application, outcome="declined", feedback="Too little evidence")
    return application


def when_the_applicant_appeals(page: Page, application) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, application.applicant.email, FACTORY_PASSWORD)
    page.goto(reverse("recruitment:application", args=[application.pk]))
    expect(page.get_by_text("Too little evidence")).to_be_visible()
    page.get_by_role("link", name="Appeal the decision").click()
    page.get_by_label("Your grounds for appeal").fill("The panel did not read my evidence on coaching")
    page.get_by_role("button", name="Send your appeal").click()
    expect(page.get_by_text("Your appeal has been sent")).to_be_visible()


def when_someone_who_did_not_sit_on_the_panel_upholds_it(page: Page, application) -> None:
    page.goto(reverse("selection:appeal-decision", args=[application.pk]))
    page.get_by_role("group", name="What is the appeal's outcome?").get_by_label("Upheld").check()
    page.get_by_label("Reasons").fill("The coaching evidence was not considered")
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("The appeal's outcome has been recorded")).to_be_visible()


def test_a_declined_applicant_appeals_and_the_appeal_is_upheld(new_context):
    build_demo_region()
    application = given_a_declined_application()
    applicant = new_context(label="Applicant").new_page()
    when_the_applicant_appeals(applicant, application)
    representative = new_context(label="Regional representative").new_page()
    sign_in(representative, demo_person(Role.REGIONAL_REPRESENTATIVE))
    when_someone_who_did_not_sit_on_the_panel_upholds_it(representative, application)
