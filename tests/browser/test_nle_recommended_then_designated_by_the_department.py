"""Journey: a hub's panel recommends an NLE, and the Department for Education designates them.

As a teaching school hub's coordinator, I want to record the panel's approval of an NLE
application as a recommendation to the Department for Education, which makes the final decision
(seed 004 §14); as the department's official, I want to see the recommendations waiting for me
and decide each one; as the applicant, I want to know where my application stands and, once the
department approves, that I am designated."""

import re

from playwright.sync_api import Page, expect

from demo.leaders import HUB_COORDINATOR
from demo.region import DemoPerson, build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.organisations.models import Organisation
from tests.recruitment.helpers import make_round
from tests.recruitment.selection_builders import assessed, valid_panel

from .steps import demo_person, open_the_start_page, sign_in, sign_in_with_password

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory
RECOMMENDED = "Recommended to the Department for Education"


def given_a_hub_coordinator_and_an_assessed_nle_application():
    """The demo hub's coordinator and an NLE application to
    the hub's round, past its paper exercise and assessment, with a valid panel."""
    hub = Organisation.objects.get(code="DEMO-HUB1")
    coordinator = User.objects.get(email=HUB_COORDINATOR[0])
    round_ = make_round(
        organisation=hub, actor=coordinator, role="nle", title="NLE selection 2026", criteria_set="national-nle@1"
    )
    application, _ = assessed(round_, coordinator)
    valid_panel(application, coordinator)
    person = DemoPerson(coordinator.email, coordinator.full_name, Role.TSA_COORDINATOR, hub.name)
    return person, application


def when_the_coordinator_records_the_panels_approval(page: Page, application) -> None:
    """From the navigation: the round, the application, its selection, the panel's decision."""
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name="NLE selection 2026").click()
    page.get_by_role("link", name=application.applicant.full_name).click()
    page.get_by_role("link", name="Selection: eligibility, assessment, panel and decision").click()
    page.get_by_role("link", name="The panel's decision").click()
    expect(page.get_by_text("the panel's approval is a recommendation to the department")).to_be_visible()
    page.get_by_role("group", name="Does the panel approve the application?").get_by_label("Approve").check()
    page.get_by_label("Written feedback to the applicant").fill("A strong record of supporting other schools")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The application is recommended to the Department for Education")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(RECOMMENDED)


def then_the_application_shows_it_is_recommended(page: Page, application) -> None:
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name="NLE selection 2026").click()
    page.get_by_role("link", name=application.applicant.full_name).click()
    page.get_by_role("link", name="Selection: eligibility, assessment, panel and decision").click()
    expect(page.get_by_role("main")).to_contain_text(RECOMMENDED)


def when_the_official_decides_from_their_home_page(page: Page, application) -> None:
    # The demo's department has another recommendation waiting: the task leads to the list.
    page.get_by_role("link", name=re.compile(r"^Decide \d+ recommendations for designation")).click()
    page.get_by_role("link", name=re.compile(re.escape(application.applicant.full_name))).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Recommendation: {application.applicant}")
    expect(page.get_by_role("main")).to_contain_text(RECOMMENDED)
    page.get_by_text("The assessment summary (scores from 1 to 4)").click()
    page.get_by_role("group", name="Does the department approve the recommendation?").get_by_label(
        "Approve: designate the leader"
    ).check()
    page.get_by_label("Reasons for the decision").fill("The department agrees with the hub's panel")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"{application.applicant} is designated")).to_be_visible()
    expect(page.get_by_test_id("department-decision")).to_contain_text("Approved")


def then_only_the_demo_s_other_recommendation_is_left_to_decide(page: Page, application) -> None:
    page.get_by_role("link", name="Recruitment", exact=True).click()
    main = page.get_by_role("main")
    expect(main).not_to_contain_text(application.applicant.full_name)
    expect(main.get_by_role("link", name=re.compile(": decide the recommendation"))).to_have_count(1)


def then_the_applicant_sees_they_are_designated(page: Page, application) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, application.applicant.email, FACTORY_PASSWORD)
    expect(page.get_by_test_id("designations")).to_contain_text("National leader of education")
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name="NLE selection 2026").click()
    expect(page.get_by_role("main")).to_contain_text("you are designated")
    expect(page.get_by_test_id("department-decision")).to_contain_text("The department agrees")


def test_an_nle_is_recommended_by_the_hub_then_designated_by_the_department(new_context):
    build_demo_region()
    coordinator_person, application = given_a_hub_coordinator_and_an_assessed_nle_application()

    coordinator = new_context(label="Hub coordinator").new_page()
    sign_in(coordinator, coordinator_person)
    when_the_coordinator_records_the_panels_approval(coordinator, application)
    then_the_application_shows_it_is_recommended(coordinator, application)

    official = new_context(label="Department official").new_page()
    sign_in(official, demo_person(Role.DEPARTMENT_OFFICIAL))
    when_the_official_decides_from_their_home_page(official, application)
    then_only_the_demo_s_other_recommendation_is_left_to_decide(official, application)

    applicant = new_context(label="Applicant").new_page()
    then_the_applicant_sees_they_are_designated(applicant, application)
