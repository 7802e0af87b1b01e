"""Journey: a member of the public finds a specialist leader of education in mathematics near a
postcode no school has, and asks that leader's alliance for support (issue 15, "Done when").

As a headteacher without an account, I want to search near my own postcode, see how to reach the
alliance that brokers a maths leader, and ask it for support, so that I do not have to know which
school is nearest, or whom to e-mail.

The demo region has no school in sector LS6 3, so the search measures from the centre of the LS6
district, from the register's own schools, and says so."""

import re

from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.commissioning.models import SupportRequest

from .steps import open_the_start_page

AIRE = "Aire Valley Teaching School Alliance"
SLE_IN_MATHS = "Jamie Oakroyd"  # demo.leaders.LISTED: an SLE in maths with Aire
SCHOOL = "Goldthorpe Junior School"


def fill_date(page: Page, legend: str, day_month_year: tuple[str, str, str]) -> None:
    group = page.get_by_role("group", name=legend)
    for label, value in zip(("Day", "Month", "Year"), day_month_year, strict=True):
        group.get_by_label(label).fill(value)


def when_they_search_for_an_sle_in_maths_near_their_postcode(page: Page) -> None:
    open_the_start_page(page)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a system leader").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a system leader")
    page.get_by_label("School name, URN or postcode").fill("LS6 3QS")
    page.get_by_label("Role").select_option(label="Specialist leader of education (SLE)")
    page.get_by_label("Specialism").select_option(label="Maths")
    page.get_by_role("button", name="Search", exact=True).click()


def then_the_results_say_where_they_are_measured_from(page: Page) -> None:
    near = page.locator("#near-school")
    expect(near).to_contain_text("Nearest first to LS6, the centre of that postcode district")
    expect(near).to_contain_text("We do not know exactly where LS6 3QS is")
    expect(page.locator("#leader-results > li").first).to_contain_text(SLE_IN_MATHS)


def when_they_open_the_leader_and_ask_the_alliance(page: Page) -> None:
    page.get_by_role("link", name=SLE_IN_MATHS).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SLE_IN_MATHS)
    route = page.locator("#contact-route")
    expect(route).to_contain_text(f"Through {AIRE}")
    expect(route).to_contain_text("Email: support@aire-valley-alliance.example")
    expect(route).to_contain_text("Telephone: 0113 496 0123")
    page.get_by_role("button", name="Ask for support from this alliance").click()


def when_they_fill_in_the_request(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for school-to-school support for your school")
    expect(page.get_by_label("Teaching school alliance or hub (optional)")).to_have_value(
        re.compile(r"^\d+$")  # chosen: not "No preference"
    )
    page.get_by_label("Search for your school by name, URN or postcode").fill("Goldthorpe")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("group", name="Which is your school?").get_by_label(re.compile(SCHOOL)).check()
    page.get_by_label("Your full name").fill("Robin Ashdown")
    page.get_by_label("Your email address").fill("robin.ashdown@goldthorpe.demo.test")
    page.get_by_label("Your role at the school").fill("Headteacher")
    page.get_by_label("Maths").check()
    page.get_by_role("group", name="What phase is the school?").get_by_label("Primary", exact=True).check()
    page.get_by_role("group", name="What kind of system leader does the school need?").get_by_label(
        "Specialist leader of education"
    ).check()
    page.get_by_label("Describe the support the school needs").fill("Maths leadership after a weak year.")
    page.get_by_label("How many days of support does the school need?").fill("4")
    page.get_by_role("group", name="Should the days be in a block or spread out?").get_by_label(
        "Spread over the window"
    ).check()
    fill_date(page, "When could the support start?", ("11", "1", "2027"))
    fill_date(page, "When must the support end by?", ("26", "3", "2027"))
    page.get_by_role("group", name="How is the support funded?").get_by_label("The school or trust pays").check()
    page.get_by_label("The school agrees to share this request").check()
    page.get_by_role("button", name="Send request").click()


def then_the_request_goes_to_that_alliance(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    created = SupportRequest.objects.latest("pk")
    assert created.preferred_organisation.name == AIRE
    assert created.client_school.name == SCHOOL


def test_the_public_ask_the_alliance_of_an_sle_in_maths_near_a_postcode(new_context):
    build_demo_region()
    page = new_context(label="member of the public").new_page()
    when_they_search_for_an_sle_in_maths_near_their_postcode(page)
    then_the_results_say_where_they_are_measured_from(page)
    when_they_open_the_leader_and_ask_the_alliance(page)
    when_they_fill_in_the_request(page)
    then_the_request_goes_to_that_alliance(page)
