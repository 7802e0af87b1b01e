"""Journey: after five wrong passwords an account is locked, even against the right password.

As the service, I want to stop someone guessing a password, so that accounts stay safe
(django-axes: AXES_FAILURE_LIMIT = 5, AXES_COOLOFF_TIME = 30 minutes, in config/settings/base.py)."""

from django.conf import settings
from playwright.sync_api import Page, expect

from demo.region import DEMO_PASSWORD, build_demo_region
from domain.accounts.roles import Role

from .steps import demo_person, enter_email_and_password, open_the_start_page, sign_in_with_password


def given_a_school_contact():
    build_demo_region()
    return demo_person(Role.SCHOOL_CONTACT)


def when_they_enter_a_wrong_password(page: Page, email: str, times: int) -> None:
    for attempt in range(times):
        enter_email_and_password(page, email, f"not-my-password-{attempt}")


def then_they_are_told_the_details_are_wrong(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct email address and password")


def then_they_are_told_their_account_is_locked(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")
    expect(page.get_by_text("Wait 30 minutes and try again, or reset your password.")).to_be_visible()


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(page: Page):
    contact = given_a_school_contact()
    assert settings.AXES_FAILURE_LIMIT == 5
    open_the_start_page(page)
    sign_in_with_password(page, contact.email, "not-my-password")

    when_they_enter_a_wrong_password(page, contact.email, times=3)
    then_they_are_told_the_details_are_wrong(page)

    when_they_enter_a_wrong_password(page, contact.email, times=1)
    then_they_are_told_their_account_is_locked(page)

    sign_in_with_password(page, contact.email, DEMO_PASSWORD)
    then_they_are_told_their_account_is_locked(page)
