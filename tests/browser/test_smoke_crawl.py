"""Smoke test: every page, for every role and signed out, answers without a server error, passes
the accessibility check (WCAG 2.2 AA, see accessibility.py), and links only to pages the person
may use. Each role signs in through the pages (with the code from the authenticator app for staff)
in a browser context of its own.

A page counts as visited only when it answered 200 (itself, or the page it sent the person on to,
unless that was signing in); one answering 403, 404, 405 or 410, or sending the person to sign in,
was asked for but not visited. The test prints,
for each role, how many pages it visited and what the rest answered, then every view that no role
visited with what each role got from it.

One test for all roles: the demo region is built once, the browser started once, and the last
assertion can check that every view in the URL configuration was visited by some role, or is
named in NOT_VISITED with the reason no role can see it with a GET."""

import time
from collections import defaultdict

from django.urls import reverse

from demo.region import PEOPLE, build_demo_region
from domain.accounts.roles import Role
from tests.urls import all_url_patterns

from .crawl import NOT_CRAWLED, Answer, Crawl, example_urls, urls_without_arguments, view_name
from .steps import sign_in

SIGNED_OUT = "signed out"
ROLES = [SIGNED_OUT, *Role]

# Views that the crawl asks for but that no role sees with a GET (crawl.example_urls asks for them
# on purpose), and why. Each must be asked for, and must never answer 200: when one does, it is
# visited like any other page and its line here must go.
NOT_VISITED: dict[str, str] = {
    "portal:notification-read": "POST only (405)",
    "portal:notifications-read-all": "POST only (405)",
    "accounts:sign-out-everywhere": "POST only (405)",
    "deployments:feedback-question-move": "POST only (405)",
    "references:answer": "a referee's link never sent: the real token is only in the e-mail (404)",
    "accounts:invitation-accept": "an invitation's link never sent (404)",
    "people:invitation-send": "POST only (405)",
    "rounds:reference-chase": "POST only (405)",
    "leader:unavailable-remove": "POST only (405)",
    "alliance:import-check": "only its uploader sees an uploaded file: the demo has none (404)",
    "register:import-check": "only its uploader sees an uploaded file: the demo has none (404)",
    "accounts:register-confirm": "a forged confirmation link is refused",
    "deployments:variation-decide": "nobody asked the demo deployment for more days (404)",
    "broker:item-remove": "POST only (405)",
    "broker:item-rank": "POST only (405)",
    "requests:offer-answer": "the offer waits for the leader first (404)",
}


# Where a page sends a person who must sign in first (or finish signing in).
SIGNING_IN = {"accounts:sign-in", "accounts:two-factor", "accounts:two-factor-setup"}


def visited(answer: Answer) -> bool:
    """The page answered 200, itself or through a redirect other than to signing in."""
    final = view_name(answer.final_url)
    return answer.status == 200 and (final == view_name(answer.url) or final not in SIGNING_IN)


def not_visited_text(answer: Answer) -> str:
    if answer.status == 200:
        return f"{answer.url} redirected to {answer.final_url}"
    where = f" (linked from {answer.found_on})" if answer.found_on else ""
    return f"{answer.url} answered {answer.status}{where}"


def crawl_as(new_context, live_server, role, *, audit=None) -> Crawl:
    label = SIGNED_OUT if role == SIGNED_OUT else Role(role).label
    context = new_context(label=label)
    page = context.new_page()
    if role != SIGNED_OUT:
        sign_in(page, next(p for p in PEOPLE if p.role == role))
    examples = example_urls(next(p for p in PEOPLE if p.role == Role.SCHOOL_CONTACT).email)
    seeds = [reverse("public:start"), *urls_without_arguments().values()]
    seeds += [url for urls in examples.values() for url in urls]
    crawl = Crawl(page=page, origin=live_server.url, audit=audit).run(seeds)
    context.close()
    return crawl


def test_every_page_answers_every_role_and_passes_the_accessibility_check(new_context, live_server, axe_audit):
    build_demo_region()
    problems, reached, timings = [], set(), []
    answered = defaultdict(dict)  # view -> role -> statuses of the pages not visited
    asked, shown = set(), 0
    for role in ROLES:
        started = time.monotonic()
        crawl = crawl_as(new_context, live_server, role, audit=axe_audit)
        seen = [a for a in crawl.answers if visited(a)]
        shown += len(crawl.shown)
        rest = [a for a in crawl.answers if not visited(a)]
        timings.append(
            f"{role}: {len(crawl.answers)} URLs asked, {len(seen)} visited (200), {len(rest)} not "
            f"({_count_statuses(rest)}), {len(crawl.shown)} shown, {time.monotonic() - started:.1f}s"
        )
        timings += [f"    not visited: {not_visited_text(a)}" for a in rest if not _to_sign_in(role, a)]
        problems += [f"[{role}] server error: {e}" for e in crawl.server_errors()]
        problems += [f"[{role}] broken link: {e}" for e in crawl.broken_links()]
        problems += [f"[{role}] wider than a 390 px phone: {e}" for e in crawl.too_wide]
        problems += [f"[{role}] internal code or seed reference shown: {e}" for e in crawl.internal_words]
        reached |= {view_name(a.url) for a in seen} - {None}
        asked |= crawl.views_reached()
        for a in rest:
            if name := view_name(a.url):
                answered[name].setdefault(role, set()).add(_status_text(a))
        assert all(a.status == 200 for a in seen)
        assert len({view_name(a.url) for a in seen}) >= 3, f"[{role}] the crawl visited almost nothing: {seen}"
    print("\n".join(timings))
    never = sorted(set(answered) - reached)
    print(f"Views no role visited ({len(never)}):")
    print("\n".join(f"    {name}: {_by_role(answered[name])}" for name in never))

    assert problems == [], "\n".join(problems)
    named = {name for name, _ in all_url_patterns() if name}
    assert set(NOT_CRAWLED) <= named, f"NOT_CRAWLED names pages that no longer exist: {set(NOT_CRAWLED) - named}"
    assert set(NOT_VISITED) <= named, f"NOT_VISITED names pages that no longer exist: {set(NOT_VISITED) - named}"
    stale = sorted(set(NOT_VISITED) & reached)
    assert stale == [], f"These pages answered 200 to some role: take them out of NOT_VISITED: {stale}"
    never_asked = sorted(set(NOT_VISITED) - asked)
    assert never_asked == [], f"NOT_VISITED names pages the crawl never asked for: {never_asked}"
    unreached = sorted(named - reached - set(NOT_CRAWLED) - set(NOT_VISITED))
    assert unreached == [], (
        f"No role visited these pages (answered 200): {unreached}, answering "
        f"{ {name: _by_role(answered.get(name, {})) for name in unreached} }. Link to them, or add an "
        "example URL to example_urls() in tests/browser/crawl.py, or a reason to NOT_CRAWLED there "
        "or to NOT_VISITED here."
    )
    assert len(axe_audit.pages_checked) >= len(ROLES) * 3
    # Every page shown was checked at a phone's width too.
    assert len(axe_audit.pages_checked_as_shown) == shown


def _status_text(answer: Answer) -> str:
    if answer.status == 200:
        return f"redirected to {view_name(answer.final_url) or answer.final_url}"
    return str(answer.status)


def _count_statuses(answers: list[Answer]) -> str:
    counts = defaultdict(int)
    for a in answers:
        counts["sent to sign in" if a.status == 200 else str(a.status)] += 1
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"


def _to_sign_in(role, answer: Answer) -> bool:
    """Signed out, every private page sends the person to sign in: counted, not listed one by one."""
    return role == SIGNED_OUT and answer.status == 200 and view_name(answer.final_url) == "accounts:sign-in"


def _by_role(statuses: dict) -> str:
    return "; ".join(f"{role}: {', '.join(sorted(s))}" for role, s in statuses.items()) or "never asked"
