"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's live
server, with the accessibility check (tests/browser/accessibility.py) on every page they show.

A test in this folder that asks for `page`, `context`, `new_context` or `browser` is a browser
test: it is marked `browser` (the clock ticks, see tests/conftest.py), runs in an xdist group
(one Chromium per worker): the smoke crawl, the longest test by far, in a group of its own
(`xdist_group("browser-crawl")`) and every journey in another (`xdist_group("browser")`), so that
with two workers one crawls while the other runs the journeys. It gets a transactional database that the
live server's thread can see. It starts from the data the migrations made (the regions, for
example) and leaves that behind, whatever other tests did before (see `transactional_db` below),
so it neither sees nor leaves data for other tests.

Chromium is /usr/bin/chromium (override with CHROMIUM=/path). Where it is missing the browser
tests are skipped with a message; in CI (CI=true) they fail instead: CI must never pass without
them. Never run `playwright install` here: its download is blocked.
"""

import os
from pathlib import Path

import pytest

from .accessibility import AccessibilityAudit

# Playwright's sync API runs an event loop in the test's thread, which trips Django's check
# against synchronous database calls from async code. The tests are synchronous: switch it off.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# How long an action or navigation may take before the test fails (Playwright's default is 30 s).
ACTION_TIMEOUT_MS = 10_000

BROWSER_FIXTURES = {"page", "context", "new_context", "browser"}
HERE = Path(__file__).resolve().parent


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def pytest_configure(config):
    # Registered here too so that `-p no:xdist` with --strict-markers still accepts the marker.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on the same xdist worker")
    if not config.pluginmanager.has_plugin("browser-tests-first"):
        config.pluginmanager.register(BrowserTestsFirst(), "browser-tests-first")


class BrowserTestsFirst:
    """Puts the browser tests first in the run. pytest-django runs transactional tests (the browser
    tests among them) after all the others, and xdist hands out the groups in that order: the two
    browser groups, the run's longest stretches, would start only when the rest of the suite had
    been handed out and end long after it. First, each starts on a worker at once, and the other
    tests fill in around them. They are made to run in any order: each starts from the data the
    migrations made and leaves that behind (`transactional_db` below)."""

    @pytest.hookimpl(trylast=True)  # after pytest-django's ordering
    def pytest_collection_modifyitems(self, items):
        browser = [item for item in items if item.get_closest_marker("browser")]
        if browser and len(browser) < len(items):
            others = [item for item in items if not item.get_closest_marker("browser")]
            items[:] = browser + others


# Browser tests that get an xdist group of their own (module name -> group): the smoke crawl takes
# as long as all the journeys together, so it runs beside them, not before or after them.
OWN_GROUPS = {"test_smoke_crawl": "browser-crawl"}


def xdist_group_of(item) -> str:
    return OWN_GROUPS.get(Path(item.path).stem, "browser")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Marks the browser tests before xdist groups them, pytest-django orders them and -m selects."""
    for item in items:
        if HERE in Path(item.path).resolve().parents and BROWSER_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group(xdist_group_of(item)))


@pytest.fixture
def _migrated_data_only(django_db_blocker):
    """Empties the database before the test (with no post-migrate signal, so that serialized
    rollback can put back the content types with their own keys), and after it puts back what
    the migrations made. An ordinary transactional test empties the database after itself and
    lets Django make the content types again with new keys, which would make serialized
    rollback fail on their unique names; and it leaves no regions for the tests after it."""
    from django.core.management import call_command
    from django.db import connections

    def empty_then_migrated(restore: bool) -> None:
        with django_db_blocker.unblock():
            for alias in connections:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    reset_sequences=False,  # the restored rows keep their keys: new ones must not collide
                    inhibit_post_migrate=True,
                )
                contents = getattr(connections[alias], "_test_serialized_contents", None)
                if restore and contents is not None:
                    connections[alias].creation.deserialize_db_from_string(contents)

    empty_then_migrated(restore=False)  # serialized rollback fills it next
    yield
    empty_then_migrated(restore=True)  # after the test case's own flush


@pytest.fixture
def transactional_db(_migrated_data_only, django_db_serialized_rollback, transactional_db):
    """pytest-django's transactional database, which the live server's thread can see, starting
    from the migrated data: serialized rollback (`django_db_serialized_rollback`) on an emptied
    database, and ending with the migrated data put back."""


@pytest.fixture(scope="session", autouse=True)
def _migrated_data_for_every_connection(django_db_setup):
    """Keeps serialized rollback working once Playwright has started.

    Playwright's sync API leaves an event loop running in the test's thread, and from then on
    Django's connections for this thread live in a separate store (asgiref's Local switches to
    context variables when a loop is running). The connections made there lack the copy of the
    migrated data (the regions, for example) that serialized rollback restores, so a browser test
    would start with an empty database after any other test that emptied it. The copy is put on
    the connection class, where every connection of the thread finds it. At the end the
    connections of both stores are closed, or the test database could not be dropped."""
    from django.db import connections

    thread_store = connections._connections._storage  # asgiref internals: the thread's own store
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is None:  # made before a loop was running: look in the thread's own store
            contents = getattr(getattr(thread_store, alias, None), "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
    yield
    for store in (thread_store, getattr(thread_store, "cvar", None)):
        for alias in connections:
            connection = getattr(store, alias, None) if store is not None else None
            if connection is not None:
                connection.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, with Debian's Chromium instead of a downloaded one."""
    if not CHROMIUM.exists():
        message = (
            f"Browser tests need Chromium at {CHROMIUM}, which is missing: run scripts/install-browser "
            "(apt-get install chromium fonts-liberation), or set CHROMIUM=/path/to/chromium"
        )
        if in_ci():
            pytest.fail(f"{message}. In CI this is a failure, not a skip.", pytrace=False)
        pytest.skip(message)
    headless = browser_type_launch_args.get("headless", True)
    args = [arg for arg in CHROMIUM_ARGS if headless or arg != "--headless"]
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": args}


# How long the browser may keep the live server's static files without asking again: ten years,
# because the browser tests' clock is set back (tests/conftest.py), so the server dates its answers
# in the past and the browser counts their age from then.
STATIC_MAX_AGE_SECONDS = 10 * 365 * 24 * 3600


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, whose static files the browser keeps for the run, as browsers
    keep them from production's WhiteNoise (hashed names, cached for a year). Django's test handler
    sends only Last-Modified, so Chromium asked again for the stylesheet, the scripts, the fonts and
    the images on every page: six or seven requests through the server's thread for each page
    shown, about a third of the time it took to show one."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    serve = StaticFilesHandler.serve

    def serve_to_keep(self, request):
        response = serve(self, request)
        response["Cache-Control"] = f"max-age={STATIC_MAX_AGE_SECONDS}, immutable"
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(StaticFilesHandler, "serve", serve_to_keep)
        yield live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    """Every context talks to the live server: `page.goto("/schools/")` works."""
    return {**browser_context_args, "base_url": live_server.url, "locale": "en-GB", "timezone_id": "Europe/London"}


@pytest.fixture
def axe_audit():
    """The accessibility check of this test: fails it at teardown if any page it showed broke a
    WCAG 2.2 AA rule. Tests of the check itself can `take_violations()`."""
    audit = AccessibilityAudit()
    yield audit
    audit.finish()
    problems = list(audit.problems)
    if audit.violations:
        pytest.fail(audit.report(), pytrace=False)
    if problems:
        pytest.fail("The accessibility check could not run:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def new_context(new_context, axe_audit, transactional_db):
    """pytest-playwright's `new_context`, with every context it makes watched by the check and
    with shorter time limits. `new_context(label="TSA coordinator")` names it in reports."""

    def make(label: str = "", **kwargs):
        context = new_context(**kwargs)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
        return axe_audit.watch(context, label)

    return make
