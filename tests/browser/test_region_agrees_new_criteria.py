"""Journey: the region agrees a new version of its criteria (issue 14).

As a regional representative, I want to change the criteria the region selects local leaders of
education with, record that the regional board agreed the change, and put it in force, so that
applications from then on are judged by it while those already made keep the version they were
made under.

Morgan Ashdown, the demo region's representative, opens the Yorkshire and the Humber criteria for
local leaders of education, opens the draft the region started, asks for 4 years as a head instead of 3, records
the board's agreement and puts version 2 in force. Version 1 is kept, superseded."""

import re

from playwright.sync_api import Page, expect

from demo.region import build_demo_region
from domain.accounts.roles import Role
from domain.designation.criteria import get_set
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion

from .steps import demo_person, sign_in, when_the_board_s_agreement_is_recorded_and_the_draft_put_in_force

SET = "Local leader of education, Yorkshire and the Humber"


def when_they_open_the_criteria_in_force(page: Page) -> None:
    page.get_by_role("link", name="Regional admin").click()
    page.get_by_role("link", name="criteria, assessment grids and application forms").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Criteria, assessment grids and application forms")
    page.get_by_role("link", name=re.compile(rf"^{SET}\s*\(version 1\)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{SET}, version 1")
    expect(page.get_by_text("have at least 3 years of experience as a serving headteacher")).to_be_visible()


def when_they_draft_4_years_as_a_head(page: Page) -> None:
    # The region has started a draft from version 1 already (demo.national_selection): the
    # representative carries on with it, from the list.
    page.go_back()
    page.get_by_role("link", name=re.compile(rf"^{SET}\s*\(version 2\)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{SET}, version 2")
    page.get_by_role("button", name="Change the draft").click()
    wording = page.get_by_role("textbox", name="Criterion 1 (Criteria for the leader)", exact=True)
    years = page.get_by_role("textbox", name="Years needed for criterion 1 (Criteria for the leader)", exact=True)
    expect(years).to_have_value("3")
    years.fill("40 years")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Years needed for criterion 1 (Criteria for the leader) must be a whole number from 0 to 50"
    )
    wording.fill("have at least 4 years of experience as a serving headteacher (including acting head)")
    years.fill("4")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("The draft has been saved")).to_be_visible()


def then_version_2_is_in_force_and_version_1_is_kept(page: Page) -> None:
    expect(page.get_by_text("Regional board, meeting of 20 November, 20 November 2026")).to_be_visible()
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{SET}, version 1")
    expect(page.locator("main .govuk-summary-list").first).to_contain_text("Superseded")
    assert get_set("yh-lle").groups[0].criteria[0].params["min_years"] == 4
    assert CriteriaVersion.objects.get(set_id="yh-lle", version=1).status == CriteriaStatus.SUPERSEDED


def test_the_region_agrees_new_criteria_and_puts_them_in_force(page: Page):
    build_demo_region()
    sign_in(page, demo_person(Role.REGIONAL_REPRESENTATIVE))
    when_they_open_the_criteria_in_force(page)
    when_they_draft_4_years_as_a_head(page)
    when_the_board_s_agreement_is_recorded_and_the_draft_put_in_force(page)
    then_version_2_is_in_force_and_version_1_is_kept(page)
