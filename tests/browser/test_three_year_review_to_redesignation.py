"""Journey: the review of a designation at the end of its term, to re-designation (seed 004
§22-25).

As a system leader whose term ends in under six months, I want to be asked for my self-assessment
and to send it, so that my designation can be renewed. As the school I supported, I want to give
feedback the leader cannot trace to me. As the alliance's coordinator, I want the whole pack on
one page (self-assessment, feedback collated, the supported school's inspections, the numbers),
so that I can re-designate the leader for a new term."""

import datetime as dt
import re

from django.urls import reverse
from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.designation.models import DesignationReview, term_end, term_years_for
from web.common.formatting import govuk_date

from .steps import demo_person, sign_in


def given_a_leader_whose_term_ends_in_under_six_months():
    """The demo's leader has served as an LLE for 32 months (demo.region): their term ends within
    six months, so the service has opened its review (demo.designation_reviews)."""
    leader = User.objects.get(email=demo_person(Role.SYSTEM_LEADER).email)
    return DesignationReview.objects.get(designation__role="lle", designation__person=leader)


def when_the_leader_writes_and_sends_the_self_assessment(page: Page) -> None:
    tasks = page.get_by_test_id("things-to-do")
    tasks.get_by_role("link", name="Write your self-assessment for the review of your designation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The review of your designation")
    page.get_by_role("link", name="What support have you given in this term?").click()
    # The leader had answered every question (demo.designation_reviews): changing the first
    # answer goes straight back to the check.
    page.get_by_role("textbox").fill(
        "Two primary schools in Bradford, 18 days: governance reviews and coaching chairs."
    )
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your self-assessment before you send it")
    page.get_by_role("button", name="Send your self-assessment").click()
    expect(
        page.get_by_text("Your self-assessment has been sent to Aire Valley Teaching School Alliance")
    ).to_be_visible()


def when_the_supported_school_gives_feedback(page: Page, leader_name: str) -> None:
    page.get_by_role("link", name=f"Give feedback on {leader_name}'s work for their review").click()
    page.get_by_role("group", name="Overall, how good was their support?").get_by_label("4: good").check()
    page.get_by_label("What did they do well, and what could they have done better?").fill(
        "Patient with our governors and clear about what to do first."
    )
    page.get_by_role("button", name="Send your feedback").click()
    expect(page.get_by_text("Thank you: your feedback has been recorded")).to_be_visible()


def when_the_coordinator_reads_the_pack_and_re_designates(page: Page, review) -> None:
    # The alliance has another review waiting (demo.designation_reviews): the task leads to the list.
    page.get_by_test_id("things-to-do").get_by_role(
        "link", name=re.compile(r"^Decide \d+ reviews of designations")
    ).click()
    leader = re.escape(review.designation.person.full_name)
    page.get_by_role("link", name=re.compile(rf"^{leader}\s*, local leader of education")).click()
    expect(page).to_have_url(re.compile(reverse("portal:review-pack", args=[review.pk]) + "$"))
    expect(page.get_by_text("Two primary schools in Bradford, 18 days")).to_be_visible()
    expect(page.get_by_test_id("feedback-comments")).to_contain_text("Patient with our governors")
    expect(page.get_by_role("heading", name="Supported schools' inspections")).to_be_visible()
    expect(page.get_by_text("caution must be applied when attempting to attribute")).to_be_visible()
    expect(page.get_by_role("heading", name="Support given")).to_be_visible()
    page.get_by_role("button", name="Decide").click()
    page.get_by_role("group", name="What is your decision?").get_by_label(
        "Re-designate the leader for a new term"
    ).check()
    page.get_by_label("Why?").fill("A strong term: the boards it supported are stronger for it.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decided: re-designate for a new term")).to_be_visible()


def then_the_leader_sees_the_new_term(page: Page, review) -> None:
    starts = review.designation.ends_on + dt.timedelta(days=1)
    ends = term_end(starts, term_years_for("lle"))
    page.goto(reverse("portal:review", args=[review.pk]))
    expect(page.get_by_text(f"Your new term runs from {govuk_date(starts)} to {govuk_date(ends)}")).to_be_visible()
    page.goto(reverse("portal:home"))
    expect(page.get_by_test_id("designations")).to_contain_text(
        f"Local leader of education since {govuk_date(starts)} until {govuk_date(ends)}"
    )


def test_a_leader_is_reviewed_and_re_designated(new_context):
    build_demo_region()
    review = given_a_leader_whose_term_ends_in_under_six_months()
    leader = new_context(label="System leader").new_page()
    sign_in(leader, demo_person(Role.SYSTEM_LEADER))
    when_the_leader_writes_and_sends_the_self_assessment(leader)

    school = new_context(label="School contact").new_page()
    sign_in(school, demo_person(Role.SCHOOL_CONTACT))
    when_the_supported_school_gives_feedback(school, demo_person(Role.SYSTEM_LEADER).full_name)

    coordinator = new_context(label="TSA coordinator").new_page()
    sign_in(coordinator, demo_person(Role.TSA_COORDINATOR))
    when_the_coordinator_reads_the_pack_and_re_designates(coordinator, review)

    then_the_leader_sees_the_new_term(leader, review)
