"""Journey: the region agrees a new version of an application form (issue 14, item 6).

As a regional representative, I want to change the questions of the form local leaders of
education apply on, record that the regional board agreed the change, and put it in force, so that
new rounds take it while rounds already made keep the form they were made on.

Morgan Ashdown, the demo region's representative, opens the local leader of education application
form, starts a new draft, leaves the first section's title empty and is told to enter it, rewords
it and gives it a hint (the sixth form colleges' section stays optional), records the board's
agreement and puts version 2 in force. New LLE rounds take version 2; version 1 is kept,
superseded."""

import re

from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaKind, CriteriaStatus, CriteriaVersion
from domain.recruitment.form_documents import form_row, in_force_form_version, stored_form

from .steps import demo_person, sign_in, when_the_board_s_agreement_is_recorded_and_the_draft_put_in_force

FORM = "Local leader of education application form"


def when_they_open_the_form_in_force(page: Page) -> None:
    page.get_by_role("link", name="Regional admin").click()
    page.get_by_role("link", name="criteria, assessment grids and application forms").click()
    page.get_by_role("link", name=re.compile(rf"^{FORM}\s*\(version 1\)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{FORM}, version 1")
    expect(page.get_by_text("Applicants must give at least one post they have held")).to_be_visible()


def when_they_reword_the_first_section(page: Page) -> None:
    page.get_by_role("button", name="Start a new draft from this version").click()
    page.get_by_role("button", name="Start a new draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{FORM}, version 2")
    page.get_by_role("button", name="Change the draft").click()
    title = page.get_by_role("textbox", name="The title of section 1", exact=True)
    title.fill("")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the wording of the title of section 1")
    title.fill("Your years as a headteacher, acting head or head of school")
    page.get_by_role("textbox", name="The hint of section 1 (optional)", exact=True).fill(
        "Give the schools and the years."
    )
    page.get_by_role("group", name="Whether section 7 must be answered").get_by_label("No").check()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft has been saved")).to_be_visible()
    expect(page.get_by_text("Give the schools and the years.")).to_be_visible()


def then_new_rounds_take_version_2_and_version_1_is_kept(page: Page) -> None:
    page.get_by_role("link", name="Version 1").click()
    expect(page.locator("main .govuk-summary-list").first).to_contain_text("Superseded")
    assert in_force_form_version("lle", region="YH") == "yh-lle-2026@2"
    form = stored_form(form_row("yh-lle-2026@2"))
    assert form.sections[0].title == "Your years as a headteacher, acting head or head of school"
    assert form.sections[6].required is False
    first = CriteriaVersion.objects.get(kind=CriteriaKind.FORM, set_id="yh-lle-2026", version=1)
    assert first.status == CriteriaStatus.SUPERSEDED


def test_the_region_agrees_a_new_application_form_and_puts_it_in_force(page: Page):
    build_demo_region()
    sign_in(page, demo_person(Role.REGIONAL_REPRESENTATIVE))
    when_they_open_the_form_in_force(page)
    when_they_reword_the_first_section(page)
    when_the_board_s_agreement_is_recorded_and_the_draft_put_in_force(page)
    expect(page.get_by_text("new rounds take it, and rounds already made keep their form")).to_be_visible()
    then_new_rounds_take_version_2_and_version_1_is_kept(page)
