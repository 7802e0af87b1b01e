"""Smoke test: every page, for every role and signed out, answers without a server error, passes
the accessibility check (WCAG 2.2 AA, see accessibility.py), and links only to pages the person
may use. Each role signs in through the pages (with the code from the authenticator app for staff)
in a browser context of its own.

One test for all roles: the demo region is built once, the browser started once, and the last
assertion can check that every view in the URL configuration was reached by some role."""

import time

from django.urls import reverse

from demo.region import PEOPLE, build_demo_region
from domain.accounts.roles import Role
from tests.urls import all_url_patterns

from .crawl import NOT_CRAWLED, Crawl, example_urls, urls_without_arguments
from .steps import sign_in

SIGNED_OUT = "signed out"
ROLES = [SIGNED_OUT, *Role]


def crawl_as(new_context, live_server, role) -> Crawl:
    label = SIGNED_OUT if role == SIGNED_OUT else Role(role).label
    context = new_context(label=label)
    page = context.new_page()
    if role != SIGNED_OUT:
        sign_in(page, next(p for p in PEOPLE if p.role == role))
    examples = example_urls(next(p for p in PEOPLE if p.role == Role.SCHOOL_CONTACT).email)
    seeds = [reverse("public:start"), *urls_without_arguments().values()]
    seeds += [url for urls in examples.values() for url in urls]
    crawl = Crawl(page=page, origin=live_server.url).run(seeds)
    context.close()
    return crawl


def test_every_page_answers_every_role_and_passes_the_accessibility_check(new_context, live_server, axe_audit):
    build_demo_region()
    problems, reached, timings = [], set(), []
    for role in ROLES:
        started = time.monotonic()
        crawl = crawl_as(new_context, live_server, role)
        timings.append(
            f"{role}: {len(crawl.answers)} URLs, {len(crawl.shown)} shown, {time.monotonic() - started:.1f}s"
        )
        problems += [f"[{role}] server error: {e}" for e in crawl.server_errors()]
        problems += [f"[{role}] broken link: {e}" for e in crawl.broken_links()]
        reached |= crawl.views_reached()
        assert len(crawl.shown) >= 3, f"[{role}] the crawl showed almost nothing: {crawl.shown}"
    print("\n".join(timings))

    assert problems == [], "\n".join(problems)
    named = {name for name, _ in all_url_patterns() if name}
    assert set(NOT_CRAWLED) <= named, f"NOT_CRAWLED names pages that no longer exist: {set(NOT_CRAWLED) - named}"
    unreached = sorted(named - reached - set(NOT_CRAWLED))
    assert unreached == [], (
        f"No role reached these pages: {unreached}. Link to them, or add an example URL to "
        "example_urls() in tests/browser/crawl.py, or a reason to NOT_CRAWLED there."
    )
    assert len(axe_audit.pages_checked) >= len(ROLES) * 3
