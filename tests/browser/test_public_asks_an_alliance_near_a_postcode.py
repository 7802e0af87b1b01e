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

from . import ask_steps as ask
from .steps import open_the_start_page

AIRE = "Aire Valley Teaching School Alliance"
SLE_IN_MATHS = "Jamie Oakroyd"  # demo.leaders.LISTED: an SLE in maths with Aire
SCHOOL = "Goldthorpe Junior School"


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


def when_they_answer_the_questions(page: Page) -> None:
    ask.heading(page, "Which is your school?")
    page.get_by_label("Search for the school by name, URN or postcode").fill("Goldthorpe")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("group", name="Choose the school").get_by_label(re.compile(SCHOOL)).check()
    ask.go_on(page)
    ask.answer_the_support_questions(
        page,
        need="Maths",
        leader="Specialist leader of education",
        description="Maths leadership after a weak year.",
        days="4",
        starts=("11", "1", "2027"),
        ends=("26", "3", "2027"),
    )
    ask.choose_the_alliance_and_consent(page, suggested=True)
    ask.heading(page, "Your details")
    page.get_by_label("Your full name").fill("Robin Ashdown")
    page.get_by_label("Your email address").fill("robin.ashdown@goldthorpe.demo.test")
    page.get_by_label("Your role at the school").fill("Headteacher")
    ask.go_on(page)


def when_they_check_their_answers_and_send(page: Page) -> None:
    ask.heading(page, "Check your answers before asking for support")
    expect(page.locator(".govuk-summary-list")).to_contain_text([re.compile(SCHOOL)])
    expect(page.get_by_text(AIRE, exact=True)).to_be_visible()
    ask.change_the_description(page, "Maths leadership after a weak year for Key Stage 2.")
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
    when_they_answer_the_questions(page)
    when_they_check_their_answers_and_send(page)
    then_the_request_goes_to_that_alliance(page)
