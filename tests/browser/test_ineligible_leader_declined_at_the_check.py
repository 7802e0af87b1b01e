"""Journey: an applicant who does not meet a criterion is declined at the eligibility check.

As a teaching school alliance's coordinator, I want to decline an application as soon as the
eligibility check shows a criterion the applicant must meet is not met, saying why, so that no one
is assessed for a role they cannot be designated to (seed 000 "Application and selection": the
criteria applicants "must" meet; issue 14). The applicant reads the decision and its reasons on
their application page. Every page is checked for accessibility (the `new_context` fixture)."""

from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.roles import Role
from domain.recruitment.models import RecruitmentRound
from tests.recruitment.selection_builders import references_complete

from .steps import demo_person, open_the_start_page, sign_in, sign_in_with_password

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory
ROUND = "Aire Valley local leaders of education"
REASONS = "Your chair of governors does not support the application, which every local leader of education needs"


def given_an_application_whose_chair_of_governors_does_not_support_it():
    round_ = RecruitmentRound.objects.get(title=ROUND)
    return references_complete(round_, governors_answer={"supports": False, "comment": "Not this year"})


def when_the_coordinator_opens_the_application_from_the_navigation(page: Page, application) -> None:
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name=ROUND).click()
    page.get_by_role("link", name=str(application.applicant)).click()
    page.get_by_role("link", name="Selection: eligibility, assessment, panel and decision").click()
    page.get_by_role("link", name="Eligibility check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eligibility check")


def when_they_run_the_check_and_see_a_criterion_not_met(page: Page) -> None:
    page.get_by_role("button", name="Check eligibility").click()
    expect(page.get_by_text("The eligibility check has been recorded")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="have the support of your school's governing body")
    expect(row).to_contain_text("Not met")


def when_they_decline_with_reasons(page: Page) -> None:
    page.get_by_role("link", name="Decline the application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decline the application")
    page.get_by_label("Reasons for declining the application").fill(REASONS)
    page.get_by_role("button", name="Decline the application").click()
    expect(page.get_by_text("The application is declined")).to_be_visible()


def then_the_applicant_reads_the_decision_and_its_reasons(page: Page, application) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, application.applicant.email, FACTORY_PASSWORD)
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name=application.round.title).click()
    expect(page.get_by_text(REASONS)).to_be_visible()
    expect(page.get_by_role("link", name="Appeal the decision")).to_be_visible()


def test_an_ineligible_leader_is_declined_at_the_check(new_context):
    build_demo_region()
    application = given_an_application_whose_chair_of_governors_does_not_support_it()
    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    when_the_coordinator_opens_the_application_from_the_navigation(coordinator, application)
    when_they_run_the_check_and_see_a_criterion_not_met(coordinator)
    when_they_decline_with_reasons(coordinator)

    applicant = new_context(label="Applicant").new_page()
    then_the_applicant_reads_the_decision_and_its_reasons(applicant, application)
