"""Journey: a teacher applies to be a specialist leader of education with her posts and her
specialisms (issue 14).

As a senior leader with a specialism, I want to find the SLE round open to me from my home page,
give the posts I have held at schools of the register, choose my specialisms, check my answers and
submit, so that the alliance can check my eligibility from what I gave. Axe checks every page."""

import re

from playwright.sync_api import Page, expect

from domain.recruitment.application_form import SLE_FORM
from domain.recruitment.models import Application
from tests import factories
from tests.recruitment.helpers import make_round

from .steps import fill_date, open_the_start_page, sign_in_with_password

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory
ROUND_TITLE = "Specialist leaders of education, spring 2027"
SCHOOL = "Larchwood Academy"


def given_an_sle_round_and_a_teacher():
    make_round(role="sle", criteria_set="national-sle@1", form_version=None, title=ROUND_TITLE)
    school = factories.SchoolFactory(name=SCHOOL, postcode="LS9 8AB")
    teacher = factories.UserFactory(full_name="Priya Holloway")
    return teacher, school


def when_she_opens_the_open_rounds_from_her_home_page(page: Page, teacher) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, teacher.email, FACTORY_PASSWORD)
    page.get_by_role("link", name="Home", exact=True).click()
    page.get_by_role("link", name="Recruitment rounds open for applications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply to be a system leader")
    card = page.locator(".govuk-summary-card", has=page.get_by_role("heading", name=ROUND_TITLE))
    card.get_by_role("link", name=re.compile(r"^Apply")).click()
    page.get_by_role("button", name="Start your application").click()
    expect(page.get_by_text("Your application has been started")).to_be_visible()


def when_she_gives_her_school(page: Page, school) -> None:
    page.get_by_role("link", name="Your school", exact=True).click()
    page.get_by_label("What is your school's URN?").fill(str(school.urn))
    page.get_by_role("button", name="Save and continue").click()


def when_she_adds_a_post(page: Page, post: str, start, end=None) -> None:
    page.get_by_role("button", name="Add a post").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a post")
    page.get_by_label("Search for the school by name, URN or postcode").fill("Larchwood")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("group", name="School").get_by_label(SCHOOL).check()
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


def when_she_gives_her_posts(page: Page) -> None:
    page.get_by_role("link", name="Your posts", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your posts")
    when_she_adds_a_post(page, "Middle leader", ("1", "9", "2016"), end=("31", "8", "2020"))
    when_she_adds_a_post(page, "Deputy headteacher", ("1", "9", "2020"))
    expect(page.get_by_role("heading", name="Deputy headteacher")).to_be_visible()
    page.get_by_role("button", name="Return to your application").click()


def when_she_chooses_her_specialisms(page: Page) -> None:
    page.get_by_role("link", name="Your specialisms", exact=True).click()
    page.get_by_label("Maths", exact=True).check()
    page.get_by_label("Phonics", exact=True).check()
    page.get_by_role("button", name="Save and return to your application").click()


def when_she_answers_the_sections_and_makes_the_declarations(page: Page) -> None:
    for section in SLE_FORM.sections:
        page.get_by_role("link", name=section.title, exact=True).click()
        page.get_by_label("Your answer").fill(f"What I did: {section.title}")
        page.get_by_role("button", name="Save and return to your application").click()
        expect(page.get_by_text(f"Your answer to '{section.title}' has been saved")).to_be_visible()
    page.get_by_role("link", name="Declarations", exact=True).click()
    for declaration in SLE_FORM.declarations:
        page.get_by_label(declaration.text).check()
    page.get_by_role("button", name="Save and return to your application").click()


def when_she_checks_her_answers_and_submits(page: Page) -> None:
    page.get_by_role("link", name="Check your answers and submit").click()
    answers = page.locator("main")
    expect(answers).to_contain_text(f"Deputy headteacher, {SCHOOL}: from 1 September 2020 (still in post)")
    expect(answers).to_contain_text(f"Middle leader, {SCHOOL}: from 1 September 2016 to 31 August 2020")
    expect(answers).to_contain_text("Maths")
    expect(answers).to_contain_text("Phonics")
    expect(answers).to_contain_text(f"{SLE_FORM.declarations[0].text}: made")
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Your application has been submitted")).to_be_visible()


def test_a_teacher_applies_to_be_an_sle_with_her_posts_and_specialisms(new_context):
    teacher, school = given_an_sle_round_and_a_teacher()
    page = new_context(label="Teacher applying as an SLE").new_page()
    when_she_opens_the_open_rounds_from_her_home_page(page, teacher)
    when_she_gives_her_school(page, school)
    when_she_gives_her_posts(page)
    when_she_chooses_her_specialisms(page)
    when_she_answers_the_sections_and_makes_the_declarations(page)
    when_she_checks_her_answers_and_submits(page)
    application = Application.objects.get(applicant=teacher)
    assert application.status == "submitted"
    assert application.specialisms == ["maths", "phonics"]
    assert sorted(application.posts.values_list("role", flat=True)) == ["deputy_head", "middle_leader"]
