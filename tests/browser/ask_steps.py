"""Steps of the question pages of asking for support (both routes): each page's question, then
Continue. Every page the browser shows is checked by axe (conftest.new_context)."""

import re

from playwright.sync_api import Page, expect


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def go_on(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def fill_date(page: Page, legend: str, day_month_year: tuple[str, str, str]) -> None:
    group = page.get_by_role("group", name=legend)
    for label, value in zip(("Day", "Month", "Year"), day_month_year, strict=True):
        group.get_by_label(label).fill(value)


def answer_the_support_questions(
    page: Page, *, need: str, leader: str, description: str, days: str, starts, ends
) -> None:
    """From the areas of support to the consent, one page each; the first is refused empty."""
    heading(page, "What does the school need support with?")
    go_on(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose at least one area")
    page.get_by_label(need, exact=True).check()
    go_on(page)
    heading(page, "What kind of system leader does the school need?")
    page.get_by_label(leader, exact=True).check()
    go_on(page)
    heading(page, "Describe the support the school needs")
    page.get_by_label("Describe the support the school needs").fill(description)
    go_on(page)
    heading(page, "How many days of support does the school need?")
    page.get_by_label("How many days of support does the school need?").fill(days)
    page.get_by_role("group", name="Should the days be in a block or spread out?").get_by_label(
        "Spread over the window"
    ).check()
    go_on(page)
    heading(page, "When is the support needed?")
    fill_date(page, "When could the support start?", starts)
    fill_date(page, "When must the support end by?", ends)
    go_on(page)
    heading(page, "How is the support funded?")
    page.get_by_label("The school or trust pays").check()
    go_on(page)


def choose_the_alliance_and_consent(page: Page, *, suggested: bool = False) -> None:
    heading(page, "Which teaching school alliance or hub should arrange it?")
    if suggested:
        alliance = page.get_by_label("Which teaching school alliance or hub should arrange it?")
        expect(alliance).to_have_value(re.compile(r"^\d+$"))  # chosen: not "No preference"
    go_on(page)
    heading(page, "Does the school agree to share this request?")
    page.get_by_label("The school agrees to share this request").check()
    go_on(page)


def change_the_description(page: Page, description: str) -> None:
    """On check your answers: Change, then back to check your answers."""
    heading(page, "Check your answers before asking for support")
    page.get_by_role("link", name="Change description").click()
    heading(page, "Describe the support the school needs")
    page.get_by_label("Describe the support the school needs").fill(description)
    go_on(page)
    heading(page, "Check your answers before asking for support")
