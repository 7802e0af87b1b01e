"""Steps that several browser journeys share, written as a person would do them: through the
pages, with the labels and buttons they see."""

import re

from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from demo.region import DEMO_PASSWORD, DEMO_TOTP_KEY, PEOPLE, DemoPerson
from domain.accounts.roles import STAFF_ROLES, Role


def demo_person(role: Role) -> DemoPerson:
    """The demo region's one person in this role (demo.region.PEOPLE)."""
    return next(person for person in PEOPLE if person.role == role)


def code_from_authenticator_app(key_hex: str = DEMO_TOTP_KEY) -> str:
    """What the person's authenticator app shows now (RFC 6238, 30-second steps, 6 digits)."""
    return f"{totp(bytes.fromhex(key_hex)):06d}"


def open_the_start_page(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find and arrange school-to-school support")


def sign_in_with_password(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """From any page: the "Sign in" link, then email address, password and the "Sign in" button."""
    page.get_by_role("link", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    enter_email_and_password(page, email, password)


def enter_email_and_password(page: Page, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def give_the_code_from_the_authenticator_app(page: Page, key_hex: str = DEMO_TOTP_KEY) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    page.get_by_label("Code").fill(code_from_authenticator_app(key_hex))
    page.get_by_role("button", name="Continue").click()


def sign_in(page: Page, person: DemoPerson) -> None:
    """Signs a demo person in from the start page, with the second factor if their role needs one."""
    open_the_start_page(page)
    sign_in_with_password(page, person.email)
    if person.role in STAFF_ROLES:
        give_the_code_from_the_authenticator_app(page)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/account/(sign-in|two-factor)/"))


def fill_date(page: Page, legend: str, day_month_year: tuple[str, str, str]) -> None:
    """Types a date into GOV.UK's Day, Month and Year boxes under their legend."""
    group = page.get_by_role("group", name=legend)
    for label, value in zip(("Day", "Month", "Year"), day_month_year, strict=True):
        group.get_by_label(label).fill(value)


# Selection steps shared by the journeys ---------------------------------------------------------


def when_an_assessor_scores_every_competency(
    page: Page, application, label: str = "3 – Shown", *, opened: bool = False
) -> None:
    """Scores and submits, on the scoring page (`opened`: already there, as from the home page)."""
    if not opened:
        page.goto(reverse("selection:assessment", args=[application.pk]))
    for group in page.locator("fieldset").all():
        group.get_by_label(label).check()
    page.get_by_role("button", name="Submit your scores").click()
    expect(page.get_by_text("Your scores have been submitted")).to_be_visible()


def when_the_panel_approves(page: Page, application) -> None:
    page.goto(reverse("selection:decision", args=[application.pk]))
    page.get_by_role("group", name="Does the panel approve the application?").get_by_label("Approve").check()
    page.get_by_label("Written feedback to the applicant").fill("A strong record of supporting other schools")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The application is approved")).to_be_visible()


def when_the_board_s_agreement_is_recorded_and_the_draft_put_in_force(page: Page) -> None:
    """On a draft's page of the criteria, grids or forms: the regional board's agreement recorded,
    then the version put in force (the page's own "Version N is in force" confirms it)."""
    page.get_by_role("button", name="Record the board's agreement").click()
    page.get_by_label("Who agreed it").fill("Regional board, meeting of 20 November")
    fill_date(page, "Date the board agreed it", ("20", "11", "2026"))
    page.get_by_role("button", name="Record the agreement").click()
    expect(page.get_by_text("The board's agreement has been recorded")).to_be_visible()
    page.get_by_role("button", name="Put this version in force").click()
    page.get_by_role("button", name="Put in force").click()
    expect(page.get_by_text("Version 2 is in force")).to_be_visible()


def add_a_post(page: Page, school, post: str, start, end=None) -> None:
    """On the applicant's posts page: adds a post at `school` (found in the register by its URN),
    from `start` (day, month, year) to `end`, or still in post."""
    page.get_by_role("button", name="Add a post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a post")
    page.get_by_label("Search for the school by name, URN or postcode").fill(str(school.urn))
    page.get_by_role("button", name="Search").click()
    page.get_by_role("group", name="School").get_by_label(school.name).check()
    page.get_by_role("group", name="What is or was your post?").get_by_label(post, exact=True).check()
    fill_date(page, "When did you start in this post?", start)
    still = page.get_by_role("group", name="Are you still in this post?")
    if end is None:
        still.get_by_label("Yes").check()
    else:
        still.get_by_label("No").check()
        fill_date(page, "If not, when did the post end?", end)
    page.get_by_role("button", name="Save post").click()
    expect(page.get_by_text("Your post has been saved")).to_be_visible()
