"""The accessibility check itself: it finds what axe-core finds, on every page a test shows, and
reports the page, the rule and the elements."""

from playwright.sync_api import Page, expect

from .accessibility import Violation, format_report

# A page that breaks three WCAG 2.2 AA rules: no language, an image with no text alternative, and
# a text box with no label.
BROKEN_PAGE = """<!DOCTYPE html><html><head><title>Broken</title></head><body><main>
<h1>Broken</h1><img src="data:,"><input type="text" id="nameless">
<a href="/">Start</a></main></body></html>"""


def serve_broken_page(page: Page, path: str = "/broken-for-the-check/") -> str:
    page.route(f"**{path}", lambda route: route.fulfill(body=BROKEN_PAGE, content_type="text/html"))
    return path


def test_a_page_is_checked_before_the_test_leaves_it(page: Page, axe_audit):
    path = serve_broken_page(page)
    page.goto(path)
    page.goto("/")

    found = axe_audit.take_violations()
    assert {v.rule for v in found} >= {"html-has-lang", "image-alt", "label"}
    assert {v.url for v in found} == {f"{page.url.rstrip('/')}{path}"}
    label = next(v for v in found if v.rule == "label")
    assert label.targets == ("#nameless",)


def test_a_page_reached_by_a_click_is_checked_before_the_next_action(page: Page, axe_audit):
    path = serve_broken_page(page)
    page.goto(path)
    page.get_by_role("link", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find and arrange school-to-school support")
    page.goto(path)  # a second visit is a new document: checked again
    page.get_by_role("link", name="Start").click()

    assert [v.rule for v in axe_audit.take_violations()].count("image-alt") == 2
    start_page_checks = [url for url in axe_audit.pages_checked if not url.endswith(path)]
    assert len(start_page_checks) == 1, axe_audit.pages_checked


def test_a_page_shown_after_a_failed_form_is_checked_too(page: Page, axe_audit):
    page.goto("/account/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    axe_audit.check_open_pages()

    sign_in_pages = [url for url in axe_audit.pages_checked if url.endswith("/account/sign-in/")]
    assert len(sign_in_pages) == 2, axe_audit.pages_checked


def test_the_report_lists_each_broken_rule_once_per_page_with_its_elements():
    # Pure: the report lists each broken rule once per page, with the role and the elements.
    twice = Violation(
        url="http://localhost/schools/",
        title="Find a school",
        rule="label",
        impact="critical",
        help="Form elements must have labels",
        help_url="https://dequeuniversity.com/rules/axe/4.14/label",
        targets=("#q",),
        label="TSA coordinator",
    )
    report = format_report([twice, twice], ["wcag2a"])
    assert report.count("label (critical): Form elements must have labels") == 1
    assert "http://localhost/schools/  [TSA coordinator]" in report
    assert "      #q" in report
    assert report.startswith("Accessibility check (axe-core, tags wcag2a): 1 rule(s) broken on 1 page(s)")
