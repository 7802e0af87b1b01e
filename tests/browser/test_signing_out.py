"""Journey: a system leader signs out with the header's "Sign out" button, on a computer and on a
phone (issue 13: signing out is a POST, so no link or other site can sign a person out).

As a system leader on a shared computer, I want to sign out when I finish, so that the next person
cannot open my deployments."""

from playwright.sync_api import Page, expect

from demo.region import DEMO_PASSWORD, build_demo_region
from domain.accounts.roles import Role

from .steps import demo_person, enter_email_and_password, sign_in

PHONE = {"width": 390, "height": 844}


def when_they_sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def then_they_are_signed_out(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Find and arrange school-to-school support")
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_a_system_leader_signs_out_with_the_header_button(new_context):
    build_demo_region()
    page = new_context(label="system leader").new_page()
    sign_in(page, demo_person(Role.SYSTEM_LEADER))
    when_they_sign_out(page)
    then_they_are_signed_out(page)


def test_on_a_phone_the_sign_out_button_is_in_view_without_opening_the_menu(new_context):
    build_demo_region()
    page = new_context(label="system leader on a phone", viewport=PHONE).new_page()
    page.goto("/account/sign-in/")
    enter_email_and_password(page, demo_person(Role.SYSTEM_LEADER).email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(page.get_by_role("button", name="Menu")).to_be_visible()  # the navigation is folded away
    expect(page.get_by_role("button", name="Sign out")).to_be_in_viewport()  # the account bar is not
    when_they_sign_out(page)
    then_they_are_signed_out(page)


def test_following_an_old_sign_out_address_asks_first(new_context):
    build_demo_region()
    page = new_context(label="system leader").new_page()
    sign_in(page, demo_person(Role.SYSTEM_LEADER))
    page.goto("/account/sign-out/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out?")
    page.get_by_role("link", name="Go to your home page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    page.goto("/account/sign-out/")
    page.locator("main").get_by_role("button", name="Sign out").click()
    then_they_are_signed_out(page)
