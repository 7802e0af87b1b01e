"""Journey: the whole way from a round to a designation (issue 3, "Done when").

As a teaching school alliance's coordinator, I want to open a round, have applicants apply, check
the addresses of their referees and chair of governors (ADR 18), have those people answer through
e-mailed links, see eligibility criterion by criterion, two assessors score and the panel decide,
so that the leader we select is designated for a term (seed 000 "Application and selection"); and a
refused applicant can appeal (seed 000: "TSAs would manage appeals").

Set-up done through builders, not the browser: the second applicant's refused application, the
second assessor's account and the panel's membership (tests/recruitment/selection_builders)."""

import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.region import DEMO_TOTP_KEY, build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.recruitment.application_form import REGIONAL_FORM
from domain.recruitment.decisions import panel_decide
from domain.recruitment.models import RecruitmentRound
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import assessed, settle_eligibility, valid_panel

from .steps import (
    add_a_post,
    demo_person,
    fill_date,
    give_the_code_from_the_authenticator_app,
    open_the_start_page,
    sign_in,
    sign_in_with_password,
    when_an_assessor_scores_every_competency,
    when_the_panel_approves,
)

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory
ALLIANCE = "Aire Valley Teaching School Alliance"  # demo.region, DEMO-TSA1
ROUND_TITLE = "LLE recruitment, spring 2027"
PEOPLE_ASKED = {
    "your first referee": ("Referee Ash", "Headteacher", "Ash Primary School", "ash@example.test"),
    "your second referee": ("Referee Birch", "Executive headteacher", "Birch Trust", "birch@example.test"),
    "the chair of governors": ("Chair Cedar", "Chair of governors", "Cedar Primary School", "cedar@example.test"),
}


def coordinator_user() -> User:
    return User.objects.get(email=demo_person(Role.TSA_COORDINATOR).email)


# Given -------------------------------------------------------------------------------------------


def given_an_applicant_and_their_school():
    return factories.UserFactory(), factories.SchoolFactory()


def given_a_second_assessor_in_the_alliance(round_) -> User:
    assessor = person_in_role(Role.PANEL_MEMBER, organisation=round_.organisation)
    factories.totp_device(assessor, key=DEMO_TOTP_KEY)
    return assessor


def given_a_refused_application(round_):
    round_.refresh_from_db()  # opened in the browser since it was read
    application, _ = assessed(round_, coordinator_user())
    valid_panel(application, coordinator_user())
    panel_decide(actor=coordinator_user(), application=application, outcome="declined", feedback="Too little evidence")
    return application


# When --------------------------------------------------------------------------------------------


def when_the_coordinator_creates_and_opens_a_round(page: Page) -> RecruitmentRound:
    page.goto(reverse("rounds:round-create"))
    page.get_by_label("Alliance or hub running the round").select_option(label=ALLIANCE)
    page.get_by_label("Local leader of education").check()
    page.get_by_label("Title of the round").fill(ROUND_TITLE)
    fill_date(page, "Date the round opens", ("22", "11", "2026"))
    fill_date(page, "Date the round closes", ("31", "12", "2026"))
    page.get_by_label("Local need the round answers").fill("Primary leadership support in the east of the district")
    page.get_by_label("Primary", exact=True).check()
    page.get_by_label("Criteria set").select_option(
        label="Local leader of education, Yorkshire and the Humber (version 1)"
    )
    page.get_by_role("button", name="Create the round").click()
    expect(page.get_by_text("has been created as a draft")).to_be_visible()
    round_ = RecruitmentRound.objects.get(title=ROUND_TITLE)
    assert round_.phases == ["primary"]
    page.goto(reverse("rounds:round-change", args=[round_.pk, "open"]))
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("done")).to_be_visible()
    return round_


def when_the_applicant_applies(page: Page, applicant, school, round_):
    open_the_start_page(page)
    sign_in_with_password(page, applicant.email, FACTORY_PASSWORD)
    page.goto(reverse("recruitment:application-start", args=[round_.pk]))
    page.get_by_role("button", name="Start your application").click()
    expect(page.get_by_text("Your application has been started")).to_be_visible()
    application = round_.applications.get(applicant=applicant)
    page.get_by_role("link", name="Your school", exact=True).click()
    page.get_by_label("What is your school's URN?").fill(str(school.urn))
    page.get_by_role("button", name="Save and continue").click()
    # The years as a serving head are read from the posts (seed 000, Criteria).
    page.get_by_role("link", name="Your posts", exact=True).click()
    add_a_post(page, school, "Headteacher", ("1", "9", "2019"))
    page.get_by_role("button", name="Return to your application").click()
    for section in REGIONAL_FORM.sections:
        if section.required:
            page.get_by_role("link", name=section.title, exact=True).click()
            page.get_by_label("Your answer").fill(f"What I did: {section.title}")
            page.get_by_role("button", name="Save and return to your application").click()
            expect(page.get_by_text(f"Your answer to '{section.title}' has been saved")).to_be_visible()
    page.get_by_role("link", name="Declarations", exact=True).click()
    for declaration in REGIONAL_FORM.declarations:
        page.get_by_label(declaration.text).check()
    page.get_by_role("button", name="Save and return to your application").click()
    page.get_by_role("link", name="Check your answers and submit").click()
    page.get_by_role("button", name="Submit application").click()
    expect(page.get_by_text("Your application has been submitted")).to_be_visible()
    return application


def when_the_applicant_gives_two_referees_and_the_chair(page: Page) -> None:
    page.get_by_role("link", name="Give your referees and your chair of governors").click()
    for who, (name, role, organisation, email) in PEOPLE_ASKED.items():
        group = page.get_by_role("group", name=who, exact=False)
        group.get_by_label("Full name").fill(name)
        group.get_by_label("Role").fill(role)
        group.get_by_label("School or organisation").fill(organisation)
        group.get_by_label("Work email address").fill(email)
    page.get_by_role("button", name="Send for checking").click()
    expect(page.get_by_text("will check the address of")).to_be_visible()


def when_the_coordinator_checks_each_address_from_their_home_page(page: Page, mailoutbox) -> None:
    """ADR 18: no link goes out before the alliance's coordinator has checked the address."""
    asked = {email for *_, email in PEOPLE_ASKED.values()}
    assert not [m for m in mailoutbox if "/references/" in m.body and asked & set(m.to)]
    for name, *_ in PEOPLE_ASKED.values():
        page.get_by_role("link", name="Home", exact=True).click()
        page.get_by_role("link", name=re.compile(r"referees' addresses before their links are sent")).click()
        page.get_by_role("link", name=f"Check {name}'s address").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Check {name}'s address")
        page.get_by_label("The address is at the person's school or organisation's own domain").check()
        page.get_by_role("button", name="Confirm and send the link").click()
        expect(page.get_by_text(f"{name}'s address is confirmed: we have emailed them a link")).to_be_visible()


def link_emailed_to(mailoutbox, email: str) -> str:
    message = next(m for m in mailoutbox if m.to == [email])
    return re.search(r"/references/[A-Za-z0-9_-]+/", message.body).group(0)


def when_a_referee_answers_through_their_link(page: Page, path: str) -> None:
    page.goto(path)
    page.get_by_label("How do you know the applicant, and for how long?").fill("Their line manager for four years")
    page.get_by_label("How well could the applicant support another school to improve?").fill("Very well")
    page.get_by_label("What coaching or mentoring of other leaders have you seen them do?").fill("Two new heads")
    page.get_by_role("group", name="Do you recommend the applicant for designation?").get_by_label("Yes").check()
    page.get_by_role("button", name="Send your reference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answer has been sent")


def when_the_chair_confirms_through_their_link(page: Page, path: str) -> None:
    page.goto(path)
    group = page.get_by_role("group", name="Does the governing body or trust board support this application?")
    group.get_by_label("Yes").check()
    page.get_by_role("button", name="Send your confirmation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answer has been sent")


def when_the_coordinator_checks_eligibility(page: Page, application) -> None:
    page.goto(reverse("selection:eligibility", args=[application.pk]))
    page.get_by_role("button", name="Check eligibility").click()
    expect(page.get_by_text("The eligibility check has been recorded")).to_be_visible()


def when_the_refused_applicant_appeals(page: Page, application) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, application.applicant.email, FACTORY_PASSWORD)
    page.goto(reverse("recruitment:application", args=[application.pk]))
    expect(page.get_by_text("Too little evidence")).to_be_visible()
    page.get_by_role("link", name="Appeal the decision").click()
    page.get_by_label("Your grounds for appeal").fill("The panel did not read my evidence on coaching")
    page.get_by_role("button", name="Send your appeal").click()
    expect(page.get_by_text("Your appeal has been sent")).to_be_visible()


# Then --------------------------------------------------------------------------------------------


def then_eligibility_shows_criterion_by_criterion(page: Page) -> None:
    table = page.get_by_role("table", name="Criterion by criterion")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(page.get_by_text("Local leader of education, Yorkshire and the Humber (version 1)").first).to_be_visible()


def then_the_designation_appears_with_its_term(page: Page, application) -> None:
    page.get_by_role("link", name="View the designation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(application.applicant))
    term = page.locator(".govuk-summary-list__row", has_text="Term").locator(".govuk-summary-list__value")
    expect(term).to_have_text(re.compile(r"22 November 2026 to \d{1,2} \w+ \d{4}"))


def then_the_appeal_is_waiting_to_be_heard(application) -> None:
    application.refresh_from_db()
    assert application.status == "appealed"


# The journey -------------------------------------------------------------------------------------


def test_a_round_opens_and_ends_in_a_designation_and_an_appeal(new_context, mailoutbox):
    build_demo_region()
    applicant, school = given_an_applicant_and_their_school()

    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    round_ = when_the_coordinator_creates_and_opens_a_round(coordinator)

    applying = new_context(label="Applicant").new_page()
    application = when_the_applicant_applies(applying, applicant, school, round_)
    when_the_applicant_gives_two_referees_and_the_chair(applying)
    when_the_coordinator_checks_each_address_from_their_home_page(coordinator, mailoutbox)

    link = new_context(label="Referees and chair").new_page()
    for *_person, email in list(PEOPLE_ASKED.values())[:2]:
        when_a_referee_answers_through_their_link(link, link_emailed_to(mailoutbox, email))
    when_the_chair_confirms_through_their_link(
        link, link_emailed_to(mailoutbox, PEOPLE_ASKED["the chair of governors"][-1])
    )

    when_the_coordinator_checks_eligibility(coordinator, application)
    then_eligibility_shows_criterion_by_criterion(coordinator)

    first = new_context(label="First assessor").new_page()
    sign_in(first, demo_person(Role.PANEL_MEMBER))
    when_an_assessor_scores_every_competency(first, application, "3 – Shown")
    second_assessor = given_a_second_assessor_in_the_alliance(round_)
    second = new_context(label="Second assessor").new_page()
    open_the_start_page(second)
    sign_in_with_password(second, second_assessor.email, FACTORY_PASSWORD)
    give_the_code_from_the_authenticator_app(second)
    when_an_assessor_scores_every_competency(second, application, "4 – Strongly shown")

    valid_panel(application, coordinator_user())
    settle_eligibility(application, coordinator_user())  # every "needs evidence" judged (issue 14)
    when_the_panel_approves(coordinator, application)
    then_the_designation_appears_with_its_term(coordinator, application)

    refused = given_a_refused_application(round_)
    appellant = new_context(label="Refused applicant").new_page()
    when_the_refused_applicant_appeals(appellant, refused)
    then_the_appeal_is_waiting_to_be_heard(refused)
