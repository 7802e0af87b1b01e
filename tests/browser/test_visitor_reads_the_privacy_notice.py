"""Journey: a visitor on a phone follows the footer's links to the privacy notice, the cookies page
and the accessibility statement, without signing in (issue 13). Every page passes the
accessibility check, and nothing is wider than the screen.

As someone asked to use this service, I want to read how it uses my data and what it stores on my
phone, so that I can decide whether to go on."""

from playwright.sync_api import Page, expect

from domain.audit.retention import RULES

PHONE = {"width": 390, "height": 844}


def no_sideways_scrolling(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_a_visitor_on_a_phone_reads_the_privacy_notice_cookies_and_accessibility_statement(new_context):
    page = new_context(label="visitor", viewport=PHONE).new_page()
    page.goto("/")

    page.get_by_role("link", name="Privacy", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.locator("#retention tbody tr")).to_have_count(len(RULES))
    no_sideways_scrolling(page)

    page.get_by_role("link", name="Cookies", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cookies")
    expect(page.locator("#essential-cookies")).to_contain_text("csrftoken")
    no_sideways_scrolling(page)

    page.get_by_role("link", name="Accessibility statement", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessibility statement")
    no_sideways_scrolling(page)
