"""Journey: a would-be applicant finds an open round, creates an account, confirms their e-mail
through the emailed link and reaches their application (issue 12, go-live).

As a teacher who has never used the service, I want to see which recruitment rounds are open and
create an account from the round I choose, so that I can apply without asking anyone for an
account; and I want the link that confirms my e-mail to bring me back to that round."""

import re

from playwright.sync_api import Page, expect

from tests.recruitment.helpers import make_round

from .steps import open_the_start_page

ROUND_TITLE = "LLE recruitment, summer 2027"
EMAIL = "river.applicant@example.test"


def given_an_open_round():
    return make_round(title=ROUND_TITLE)


def when_they_open_the_rounds_and_choose_one(page: Page) -> None:
    open_the_start_page(page)
    page.get_by_role("link", name="See the recruitment rounds open for applications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply to be a system leader")
    expect(page.get_by_role("heading", name=ROUND_TITLE)).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Create an account to apply")).click()


def when_they_create_an_account(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    page.get_by_label("Full name").fill("River Applicant")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill("a-long-unusual-passphrase")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_text(EMAIL)).to_be_visible()


def when_they_open_the_link_in_the_email(page: Page, mailoutbox) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")  # the e-mail has been sent
    message = next(m for m in mailoutbox if m.to == [EMAIL])
    path = re.search(r"https?://[^/\s]+(/account/register/confirm/\S+)", message.body).group(1)
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    page.get_by_role("button", name="Confirm and continue").click()


def then_they_reach_their_application(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Apply to {ROUND_TITLE}")
    expect(page.get_by_text("Your email address is confirmed and you are signed in")).to_be_visible()
    page.get_by_role("button", name="Start your application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your application to {ROUND_TITLE}")


def test_an_applicant_registers_from_a_round_and_reaches_their_application(new_context, mailoutbox):
    given_an_open_round()
    page = new_context(label="Would-be applicant").new_page()
    when_they_open_the_rounds_and_choose_one(page)
    when_they_create_an_account(page)
    when_they_open_the_link_in_the_email(page, mailoutbox)
    then_they_reach_their_application(page)
