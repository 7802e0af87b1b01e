"""Journey: a teacher applies to be a specialist leader of education with her posts and her
specialisms, is assessed by a panel member who came from the notification, and is designated
(issue 14, "Done when").

As a senior leader with a specialism, I want to find the SLE round open to me from my home page,
give the posts I have held at schools of the register, choose my specialisms, check my answers and
submit, so that the alliance can check my eligibility from what I gave. As the alliance's
coordinator, I want to reach her application from my home page, run the eligibility check, record
the judgements it needs and seat a panel. As a panel member, I want the notification of my seat to
take me to the scoring page, where I read the application, the references and the eligibility
check before I score. And as the teacher, once the panel approves me, I want my home page to say
that I am a specialist leader of education in my specialisms (seed 003, "Specialist leaders of
education"; seed 000, "Application and selection"). Axe checks every page.

Done through the services, not the browser: her referees and chair of governors answering through
their links (the journeys test_designation_the_whole_way and test_referee_answers_through_the_link
go through those pages), and the second assessor's scores."""

import re

from playwright.sync_api import Page, expect

from demo.region import DEMO_TOTP_KEY
from domain.accounts.roles import Role
from domain.organisations.models import OrganisationKind
from domain.recruitment.application_form import SLE_FORM
from domain.recruitment.assessment import assessment_submit
from domain.recruitment.models import Application
from domain.recruitment.reference_services import reference_submit
from domain.schools.models import School
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.helpers import GOVERNORS_ANSWER, REFERENCE_ANSWER, make_round, send_all_requests
from tests.recruitment.selection_builders import score_all

from .steps import (
    add_a_post,
    give_the_code_from_the_authenticator_app,
    open_the_start_page,
    sign_in_with_password,
    when_an_assessor_scores_every_competency,
)

FACTORY_PASSWORD = "correct-horse-battery"  # tests/factories.UserFactory
ALLIANCE = "Calder Teaching School Alliance"
ROUND_TITLE = "Specialist leaders of education, spring 2027"
SCHOOL = "Larchwood Academy"
TEACHER = "Priya Holloway"


# Given -------------------------------------------------------------------------------------------


def given_an_alliance_with_an_sle_round():
    """The alliance, its coordinator and the open SLE round; coordinators sign in with a second factor."""
    alliance = factories.OrganisationFactory(kind=OrganisationKind.TSA, name=ALLIANCE)
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=alliance, full_name="Morgan Tate")
    factories.totp_device(coordinator, key=DEMO_TOTP_KEY)
    make_round(
        organisation=alliance,
        actor=coordinator,
        role="sle",
        criteria_set="national-sle@1",
        form_version=None,
        title=ROUND_TITLE,
    )
    return alliance, coordinator


def given_a_teacher_and_her_school():
    school = factories.SchoolFactory(name=SCHOOL, postcode="LS9 8AB")
    teacher = factories.UserFactory(full_name=TEACHER)
    return teacher, school


def given_two_assessors(alliance):
    """A panel member of the alliance, and an experienced system leader from another alliance."""
    local = person_in_role(Role.PANEL_MEMBER, organisation=alliance, full_name="Jordan Pike")
    factories.totp_device(local, key=DEMO_TOTP_KEY)
    other = factories.OrganisationFactory(kind=OrganisationKind.TSA, name="Wharfe Teaching School Alliance")
    visitor = person_in_role(Role.SYSTEM_LEADER, organisation=other, full_name="Sam Okafor")
    return local, visitor


def given_her_referees_and_chair_have_answered(application) -> None:
    """Named, their addresses checked and their links answered (services: see the docstring)."""
    for request, token in send_all_requests(application):
        answer = GOVERNORS_ANSWER if request.kind == "governors_confirmation" else REFERENCE_ANSWER
        reference_submit(token=token, response=answer)
    application.refresh_from_db()
    assert application.status == "references_complete"


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


def when_she_gives_her_posts(page: Page) -> None:
    page.get_by_role("link", name="Your posts", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your posts")
    school = School.objects.get(name=SCHOOL)
    add_a_post(page, school, "Middle leader", ("1", "9", "2016"), end=("31", "8", "2020"))
    add_a_post(page, school, "Deputy headteacher", ("1", "9", "2020"))
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


def when_the_coordinator_opens_her_application_from_their_home_page(page: Page, coordinator) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, coordinator.email, FACTORY_PASSWORD)
    give_the_code_from_the_authenticator_app(page)
    page.get_by_role("link", name="Home", exact=True).click()
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name=ROUND_TITLE).click()
    page.get_by_role("link", name=TEACHER).click()
    page.get_by_role("link", name="Selection: eligibility, assessment, panel and decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Selection: {TEACHER}")


def when_the_coordinator_checks_her_eligibility(page: Page) -> None:
    page.get_by_role("link", name="Eligibility check").click()
    page.get_by_role("button", name="Check eligibility").click()
    expect(page.get_by_text("The eligibility check has been recorded")).to_be_visible()
    table = page.get_by_role("table", name="Criterion by criterion")
    expect(table).to_contain_text("have a specialism from the SLE list")
    expect(table).to_contain_text("be a middle or senior leader")


def when_the_coordinator_records_each_judgement_the_check_needs(page: Page) -> None:
    """Each "Record a judgement" link of the eligibility page, one after the other."""
    links = page.get_by_role("link", name=re.compile(r"^Record a judgement"))
    count = links.count()
    assert count, "the SLE criteria set has criteria for an assessor's judgement"
    for index in range(count):
        links.nth(index).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record a judgement")
        page.get_by_role("group", name="Is this criterion met?").get_by_label("Met", exact=True).check()
        page.get_by_label("Evidence for your judgement").fill("Seen in the application and its references")
        page.get_by_role("button", name="Save the judgement").click()
        expect(page.get_by_text("Your judgement has been recorded")).to_be_visible()
    expect(page.get_by_role("table", name="Criterion by criterion")).not_to_contain_text("Needs evidence")


def when_the_coordinator_seats_two_panel_members(page: Page, local, visitor) -> None:
    page.get_by_role("link", name="Back to the selection").click()
    page.get_by_role("link", name="Selection panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Selection panel")
    for member, experienced in ((local, False), (visitor, True)):
        page.get_by_label("Email address").fill(member.email)
        if experienced:
            page.get_by_label("They are an NLE or an experienced system leader").check()
        page.get_by_role("button", name="Add to the panel").click()
        expect(page.get_by_text(f"{member.full_name} has been added to the panel")).to_be_visible()
    members = page.get_by_role("table", name="Members")
    expect(members).to_contain_text(local.full_name)
    expect(members).to_contain_text(visitor.full_name)
    expect(page.get_by_text("the panel cannot decide until this is fixed")).to_have_count(0)


def path_in_the_email_to(mailoutbox, email: str) -> str:
    message = next(m for m in reversed(mailoutbox) if m.to == [email] and "selection panel" in m.subject)
    assert message.subject == f"You are on the selection panel for {TEACHER}"
    return re.search(r"https?://[^/\s]+(/\S*)", message.body).group(1)


def when_the_panel_member_follows_the_link_in_their_notification(page: Page, member, mailoutbox) -> None:
    """The e-mail's link, then sign-in and the second factor, which lead on to the scoring page."""
    page.goto(path_in_the_email_to(mailoutbox, member.email))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill(member.email)
    page.get_by_label("Password", exact=True).fill(FACTORY_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    give_the_code_from_the_authenticator_app(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your assessment scores")


def then_the_panel_member_reads_the_application_references_and_eligibility(page: Page) -> None:
    for testid, summary, contents in (
        ("read-application", "The application", ["Maths", "Phonics", f"Deputy headteacher, {SCHOOL}"]),
        ("read-references", "The references (3 answered)", ["Line manager for four years"]),
        ("read-eligibility", "The eligibility check", ["have a specialism from the SLE list"]),
    ):
        section = page.get_by_test_id(testid)
        section.get_by_text(summary, exact=True).click()
        for text in contents:
            expect(section).to_contain_text(text)
        # Read-only: nothing in it to type into or choose.
        expect(section.locator("input, textarea, select, button")).to_have_count(0)


def when_the_second_assessor_scores(application, visitor) -> None:
    score_all(visitor, application, score=4)
    assessment_submit(assessor=visitor, application=application)


def when_the_coordinator_records_the_panels_approval(page: Page) -> None:
    page.get_by_role("link", name="Home", exact=True).click()
    page.get_by_role("link", name="Recruitment", exact=True).click()
    page.get_by_role("link", name=ROUND_TITLE).click()
    page.get_by_role("link", name=TEACHER).click()
    page.get_by_role("link", name="Selection: eligibility, assessment, panel and decision").click()
    page.get_by_role("link", name="The panel's decision").click()
    page.get_by_role("group", name="Does the panel approve the application?").get_by_label("Approve").check()
    page.get_by_label("Written feedback to the applicant").fill("A strong record of developing other leaders")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The application is approved")).to_be_visible()


def then_her_home_page_says_she_is_an_sle_in_her_specialisms(page: Page, teacher) -> None:
    open_the_start_page(page)
    sign_in_with_password(page, teacher.email, FACTORY_PASSWORD)
    page.get_by_role("link", name="Home", exact=True).click()
    designations = page.get_by_test_id("designations")
    expect(designations).to_contain_text("Specialist leader of education since 22 November 2026 until 21 November 2029")
    expect(designations).to_contain_text(ALLIANCE)
    expect(designations).to_contain_text("Specialisms: Maths, Phonics.")


# The journey -------------------------------------------------------------------------------------


def test_an_sle_applies_with_her_specialisms_is_assessed_and_designated(new_context, mailoutbox):
    alliance, coordinator = given_an_alliance_with_an_sle_round()
    teacher, school = given_a_teacher_and_her_school()
    applying = new_context(label="Teacher applying as an SLE").new_page()
    when_she_opens_the_open_rounds_from_her_home_page(applying, teacher)
    when_she_gives_her_school(applying, school)
    when_she_gives_her_posts(applying)
    when_she_chooses_her_specialisms(applying)
    when_she_answers_the_sections_and_makes_the_declarations(applying)
    when_she_checks_her_answers_and_submits(applying)
    application = Application.objects.get(applicant=teacher)
    assert application.specialisms == ["maths", "phonics"]
    assert sorted(application.posts.values_list("role", flat=True)) == ["deputy_head", "middle_leader"]
    given_her_referees_and_chair_have_answered(application)

    managing = new_context(label="TSA coordinator").new_page()
    when_the_coordinator_opens_her_application_from_their_home_page(managing, coordinator)
    when_the_coordinator_checks_her_eligibility(managing)
    when_the_coordinator_records_each_judgement_the_check_needs(managing)
    local, visitor = given_two_assessors(alliance)
    when_the_coordinator_seats_two_panel_members(managing, local, visitor)

    assessing = new_context(label="Panel member").new_page()
    when_the_panel_member_follows_the_link_in_their_notification(assessing, local, mailoutbox)
    then_the_panel_member_reads_the_application_references_and_eligibility(assessing)
    when_an_assessor_scores_every_competency(assessing, application, "3 – Shown", opened=True)
    when_the_second_assessor_scores(application, visitor)

    when_the_coordinator_records_the_panels_approval(managing)
    application.refresh_from_db()
    assert application.status == "approved"
    designated = new_context(label="Designated SLE").new_page()
    then_her_home_page_says_she_is_an_sle_in_her_specialisms(designated, teacher)
