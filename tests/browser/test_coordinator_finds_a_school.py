"""Journey: a TSA coordinator signs in with two-factor, finds a school, and opens its page.

As a TSA coordinator, I want to find a school on the register by its name, so that I can see its
details before we talk about support."""

import re

from playwright.sync_api import Page, expect

from demo.region import DEMO_URN_START, SCHOOLS, build_demo_region
from domain.accounts.roles import Role

from .steps import demo_person, give_the_code_from_the_authenticator_app, open_the_start_page, sign_in_with_password

# The third demo school (demo.region.SCHOOLS), a secondary academy in Wakefield.
SCHOOL_NAME = SCHOOLS[2][0]
SCHOOL_URN = DEMO_URN_START + 2


def given_a_tsa_coordinator_with_an_authenticator_app():
    build_demo_region()
    return demo_person(Role.TSA_COORDINATOR)


def when_they_sign_in_with_two_factor(page: Page, coordinator) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, coordinator.email)
    give_the_code_from_the_authenticator_app(page)


def then_they_are_signed_in(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def when_they_search_for_a_school_by_name(page: Page, name: str) -> None:
    page.get_by_role("link", name="Find a school", exact=True).click()
    page.locator("#q").fill(name)
    page.get_by_role("button", name="Search", exact=True).click()


def when_they_open_the_school_from_the_results(page: Page, name: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()


def then_they_see_the_school_page(page: Page, name: str, urn: int) -> None:
    expect(page).to_have_url(re.compile(rf"/schools/{urn}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_text(str(urn)).first).to_be_visible()


def test_a_tsa_coordinator_signs_in_with_two_factor_finds_a_school_and_opens_its_page(page: Page):
    coordinator = given_a_tsa_coordinator_with_an_authenticator_app()

    when_they_sign_in_with_two_factor(page, coordinator)
    then_they_are_signed_in(page)

    when_they_search_for_a_school_by_name(page, SCHOOL_NAME)
    when_they_open_the_school_from_the_results(page, SCHOOL_NAME)
    then_they_see_the_school_page(page, SCHOOL_NAME, SCHOOL_URN)
