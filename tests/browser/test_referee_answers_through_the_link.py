"""Journey: a referee opens the link emailed to them, gives the reference, and the link then says
it has been used.

As a referee, I want to answer the reference request from the email without making an account,
so that the applicant's application can move on; and I want the link to stop working once I have
answered, so that nobody else can answer in my name."""

import re

from playwright.sync_api import Page, expect

from tests.recruitment.helpers import send_all_requests, submitted_application

REFEREE_EMAIL = "one@example.test"  # tests/recruitment/helpers.send_all_requests


def given_a_referee_emailed_a_link(mailoutbox):
    application = submitted_application()
    send_all_requests(application)
    email = next(message for message in mailoutbox if message.to == [REFEREE_EMAIL])
    path = re.search(r"/references/[A-Za-z0-9_-]+/", email.body).group(0)
    return application.applicant.full_name, path


def when_they_give_the_reference(page: Page, path: str, applicant: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Give a reference for {applicant}")
    page.get_by_label("How do you know the applicant, and for how long?").fill("Their line manager for four years")
    page.get_by_label("How well could the applicant support another school to improve?").fill("Very well")
    page.get_by_label("What coaching or mentoring of other leaders have you seen them do?").fill("Two new heads")
    page.get_by_role("group", name="Do you recommend the applicant for designation?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send your reference").click()


def then_their_answer_is_sent(page: Page) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answer has been sent")


def then_the_link_says_it_has_been_used(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    expect(page.get_by_text("the answer was received on")).to_be_visible()
    expect(page.get_by_role("button", name="Send your reference")).to_have_count(0)


def test_a_referee_answers_through_the_emailed_link_once(new_context, mailoutbox):
    applicant, path = given_a_referee_emailed_a_link(mailoutbox)
    page = new_context(label="Referee").new_page()
    when_they_give_the_reference(page, path, applicant)
    then_their_answer_is_sent(page)
    then_the_link_says_it_has_been_used(page, path)
