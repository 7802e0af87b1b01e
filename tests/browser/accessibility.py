"""The accessibility check every browser test gets without asking: axe-core, WCAG 2.2 AA, on every
page the test shows.

How it works, and why this way
------------------------------
Before every Playwright action on a watched page (`goto`, `click`, `fill`, `press`..., on the page,
its locators, keyboard or mouse), and when the test ends or closes the page or its context, the
page's current document is checked with axe-core, unless it was checked already (a flag on the
document's `window` says so; a new document starts without it). So every page the test displayed
is checked once, in the state in which it arrived, before the test touches it, and an error page
after a failed form is checked as well as the empty form.

This is reliable because Playwright's actions wait for the navigation they start to commit before
they return: when the next action begins, the page it will act on is the one that arrived, and
nothing can replace it while axe runs (the test is waiting). Other ways were tried and rejected:
- a `load` event handler runs in its own greenlet, concurrently with the test, which may already
  have navigated away before axe finishes;
- holding the next page's request in a `route` until the page being left is checked deadlocks:
  Playwright will not evaluate in a page while a navigation of it is pending;
- visiting each URL again at the end loses every page that only a POST shows.
A page left by some means other than a Playwright action (a script that navigates on a timer) is
not seen; nothing in this service does that.

axe-core comes from pytest-playwright-axe's bundled axe.min.js. The service's Content Security
Policy blocks `add_script_tag`; the source goes in as a context init script, and through
`page.evaluate` where a document lacks it: the policy applies to neither.
"""

import contextlib
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest_playwright_axe
from playwright.sync_api import BrowserContext, Keyboard, Locator, Mouse, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

AXE_SOURCE = (Path(pytest_playwright_axe.__file__).parent / "resources" / "axe.min.js").read_text(encoding="utf-8")

# WCAG 2.2 at level AA: every A and AA rule of WCAG 2.0, 2.1 and 2.2.
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# Whether the current document still needs checking: only real web pages (not about:blank, the
# browser's error pages, or a CSV or JSON it displays), and each document once.
NEEDS_CHECK = """() => /^https?:$/.test(location.protocol) && document.contentType === "text/html"
  && !window.__s2sAxeChecked"""
RUN_AXE = """async ([tags, mark]) => {
  if (mark) window.__s2sAxeChecked = true;
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {
    title: document.title,
    violations: results.violations.map((v) => ({
      rule: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.join(" >>> ")),
    })),
  };
}"""
LOAD_TIMEOUT_MS = 10_000

# The Playwright actions before which the page is checked.
ACTIONS = {
    Page: [
        "goto", "reload", "go_back", "go_forward", "set_content", "close",
        "click", "dblclick", "tap", "fill", "type", "press", "check", "uncheck", "set_checked",
        "select_option", "set_input_files", "hover", "focus", "drag_and_drop", "dispatch_event",
    ],
    Locator: [
        "click", "dblclick", "tap", "fill", "clear", "type", "press", "press_sequentially", "check",
        "uncheck", "set_checked", "select_option", "select_text", "set_input_files", "hover", "focus",
        "blur", "drag_to", "dispatch_event",
    ],
    Keyboard: ["press", "type", "insert_text", "down", "up"],
    Mouse: ["click", "dblclick", "down", "up"],
}  # fmt: skip
_AUDIT = "_s2s_accessibility_audit"


@dataclass(frozen=True)
class Violation:
    url: str
    title: str
    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]
    label: str = ""


@dataclass
class AccessibilityAudit:
    """Collects axe-core violations from every page of every context it watches."""

    tags: list[str] = field(default_factory=lambda: list(WCAG_22_AA_TAGS))
    violations: list[Violation] = field(default_factory=list)
    pages_checked: list[str] = field(default_factory=list)
    pages_checked_as_shown: list[str] = field(default_factory=list)  # again, at another width
    problems: list[str] = field(default_factory=list)
    contexts: list[BrowserContext] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    _checking: bool = False

    def watch(self, context: BrowserContext, label: str = "") -> BrowserContext:
        """Checks every page this context shows; `label` (a role, say) names it in the report."""
        install_action_hooks()
        # In every new document from the start (init scripts are not subject to the page's CSP):
        # cheaper than sending the 650 kB source along with each check.
        context.add_init_script(AXE_SOURCE)
        setattr(context._impl_obj, _AUDIT, self)
        self.contexts.append(context)
        _WATCHED.append(context)
        self.labels[id(context._impl_obj)] = label
        close = context.close

        @functools.wraps(close)
        def check_then_close(*args, **kwargs):
            self.check_open_pages(context)
            return close(*args, **kwargs)

        context.close = check_then_close
        return context

    def check(self, page: Page) -> list[Violation]:
        """Runs axe-core on the page's current document, unless it was checked already."""
        if self._checking or page.is_closed():
            return []
        self._checking = True
        try:
            return self._check(page)
        finally:
            self._checking = False

    def _check(self, page: Page) -> list[Violation]:
        try:
            if not page.evaluate(NEEDS_CHECK):
                return []
        except PlaywrightError:  # a navigation was under way: check the page it brought
            page.wait_for_load_state("load", timeout=LOAD_TIMEOUT_MS)
            if not page.evaluate(NEEDS_CHECK):
                return []
        with contextlib.suppress(PlaywrightTimeoutError):  # still loading: check what it shows
            page.wait_for_load_state("load", timeout=LOAD_TIMEOUT_MS)
        return self._run(page, mark=True)

    def check_as_shown_now(self, page: Page, how: str) -> list[Violation]:
        """Runs axe-core on the page as it is laid out now (say, at a phone's width), whether or
        not it was checked already, without counting it as the page's own check: the page is still
        checked as usual before the next action. `how` ("at 390 px") names it in reports."""
        return self._run(page, mark=False, how=how)

    def _run(self, page: Page, *, mark: bool, how: str = "") -> list[Violation]:
        if page.evaluate("() => typeof window.axe") == "undefined":
            page.evaluate(AXE_SOURCE)
        result = page.evaluate(RUN_AXE, [self.tags, mark])
        label = self.labels.get(id(page.context._impl_obj), "")
        label = f"{label} {how}".strip() if how else label
        found = [
            Violation(
                url=page.url,
                title=result["title"],
                rule=v["rule"],
                impact=v["impact"] or "",
                help=v["help"],
                help_url=v["helpUrl"],
                targets=tuple(v["targets"]),
                label=label,
            )
            for v in result["violations"]
        ]
        if mark:
            self.pages_checked.append(page.url)
        else:
            self.pages_checked_as_shown.append(page.url)
        self.violations.extend(found)
        return found

    def check_open_pages(self, context: BrowserContext | None = None) -> None:
        for each in [context] if context else list(self.contexts):
            for page in list(each.pages):
                try:
                    self.check(page)
                except PlaywrightError as error:
                    self.problems.append(f"could not check {page.url}: {error.message.splitlines()[0]}")

    def finish(self) -> None:
        """Checks the pages still open, then stops watching this audit's contexts."""
        self.check_open_pages()
        for context in self.contexts:
            if context in _WATCHED:
                _WATCHED.remove(context)

    def take_violations(self) -> list[Violation]:
        """Hands over the violations found so far and forgets them (for tests of this check)."""
        taken, self.violations = self.violations, []
        return taken

    def report(self) -> str:
        return format_report(self.violations, self.tags)


def _page_of(target) -> Page | None:
    if isinstance(target, Page):
        return target
    if isinstance(target, Locator):
        return target.page
    # page.keyboard and page.mouse share their page's channel.
    channel = getattr(target._impl_obj, "_channel", None)
    for context in list(_WATCHED):
        for page in context.pages:
            if page._impl_obj._channel is channel:
                return page
    return None


_WATCHED: list[BrowserContext] = []
_installed = False


def _before_action(method):
    @functools.wraps(method)
    def checked(self, *args, **kwargs):
        page = _page_of(self)
        audit = getattr(page.context._impl_obj, _AUDIT, None) if page is not None else None
        if audit is not None and not page.is_closed():
            try:
                audit.check(page)
            except PlaywrightError as error:
                audit.problems.append(f"could not check {page.url}: {error.message.splitlines()[0]}")
        return method(self, *args, **kwargs)

    checked.__s2s_checked__ = True
    return checked


def install_action_hooks() -> None:
    """Wraps Playwright's actions once per process; pages of contexts nobody watches are untouched."""
    global _installed
    if _installed:
        return
    for cls, names in ACTIONS.items():
        for name in names:
            method = getattr(cls, name)
            if not getattr(method, "__s2s_checked__", False):
                setattr(cls, name, _before_action(method))
    _installed = True


def format_report(violations: Iterable[Violation], tags: list[str]) -> str:
    """One block per page: its URL (and the role, where the context has a label) and title, then
    each rule broken, with its impact and help, and the selectors of the elements that break it."""
    by_page: dict[tuple[str, str, str], list[Violation]] = {}
    for v in violations:
        listed = by_page.setdefault((v.url, v.label, v.title), [])
        if v not in listed:
            listed.append(v)
    count = sum(len(vs) for vs in by_page.values())
    lines = [
        f"Accessibility check (axe-core, tags {', '.join(tags)}): {count} rule(s) broken on {len(by_page)} page(s)"
    ]
    for (url, label, title), page_violations in by_page.items():
        lines.append("")
        lines.append(url + (f"  [{label}]" if label else "") + (f'  "{title}"' if title else ""))
        for v in page_violations:
            lines.append(f"  {v.rule} ({v.impact}): {v.help}  {v.help_url}")
            lines.extend(f"      {target}" for target in v.targets)
    return "\n".join(lines)
