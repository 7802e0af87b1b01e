"""A crawler for the smoke test: from the URL configuration and the demo region, and then every
link and form it finds, it asks for each page once and shows it in the browser (so the
accessibility check runs on it), noting what each answered.

Every URL that takes no arguments is asked for, and each URL in example_urls; then every link
found on the pages shown. At most MAX_PER_VIEW pages per view are shown in the browser (a list's
second page, a school's neighbour, or the sign-in page that each private page redirects to when
signed out, are not new pages), and at most MAX_PER_VIEW refusals of each kind (403, 404, 410: the
same error page whichever page refused); every URL is still asked for and its answer checked. The targets
of forms that POST are asked for with GET only, which must change nothing: a view that takes only
POST answers 405 and is not shown. Nothing is ever POSTed. Sign-out is skipped.
"""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import Page

from demo.region import DEMO_URN_START, SCHOOLS
from domain.accounts.models import User
from tests.urls import all_url_patterns

if TYPE_CHECKING:
    from tests.browser.accessibility import AccessibilityAudit

MAX_PER_VIEW = 2

# Views the crawl never asks for, and why.
# (Asking for accounts:sign-out only shows "Sign out?": its POST signs out, so the crawl visits it.)
NOT_CRAWLED: dict[str, str] = {}


def _demo_application_id() -> int:
    from domain.recruitment.models import Application

    return Application.objects.get(applicant__email="system.leader@demo.test", round__role="sle").pk


def example_urls(person_email: str) -> dict[str, list[str]]:
    """Pages that take arguments, filled from the demo region (demo.region). Add a line here for a
    new page with arguments that no link leads to, or the crawl's coverage check names it."""
    person = User.objects.get(email=person_email)
    from domain.recruitment.models import Application

    # The selection pages of the demo's application (the coordinator and the representative see them;
    # an LLE round has no paper exercise, so that page is "not found" for everyone).
    demo_application = Application.objects.order_by("pk").first()
    selection = {
        f"selection:{name}": [reverse(f"selection:{name}", args=[demo_application.pk])]
        for name in (
            "application",
            "eligibility",
            "paper-exercise",
            "assessment",
            "assessment-summary",
            "panel",
            "decision",
            "appeal",
            "appeal-decision",
        )
    }
    from domain.commissioning.models import AgendaItem
    from domain.organisations.models import Organisation

    # The demo's only agenda item, already decided: its decide page sends the panel back to the
    # meeting, ranking again and taking off the agenda take only POST (their GET answers 405).
    item = AgendaItem.objects.get(request__status="matched")
    commissioning = {
        **{
            f"broker:{name}": [reverse(f"broker:{name}", args=[item.meeting_id, item.pk])]
            for name in ("decide", "item-remove", "item-rank")
        },
        # The school contact's request: the "request sent" page the front door ends on (theirs only),
        # and the client's answer to the offer, which waits for the leader first ("not found" now).
        **{
            f"requests:{name}": [reverse(f"requests:{name}", args=[item.request_id])]
            for name in ("submitted", "offer-answer")
        },
    }
    return {
        **selection,
        **commissioning,
        **_deployment_examples(),
        **_training_examples(),
        **_selection_and_review_examples(),
        "public:school-detail": [reverse("public:school-detail", args=[DEMO_URN_START])],
        "public:school-search": [f"{reverse('public:school-search')}?q={SCHOOLS[0][0].split()[0]}"],
        # POST only (its GET answers 405 whatever the notification): asked for, never shown.
        "portal:notification-read": [reverse("portal:notification-read", args=[1])],
        # A referee's emailed link that was never sent (the real token is only in the email): the
        # "not recognised" page, answering 404.
        "references:answer": [reverse("references:answer", args=["forged-token-that-looks-like-a-real-one"])],
        # Invitations (web/accounts/people_*.py): an invitation's link never sent (404), inviting
        # into the demo's alliance (reached after a question page that only POSTs), and sending an
        # invitation again (POST only).
        "accounts:invitation-accept": [reverse("accounts:invitation-accept", args=["forged-token-that-looks-real"])],
        "people:invite-to": [
            reverse("people:invite-to", args=["organisation", Organisation.objects.get(code="DEMO-TSA1").pk])
        ],
        "people:invitation-send": [reverse("people:invitation-send", args=[999999])],
        # The applicant's referees and withdraw pages (the demo's draft application), and a
        # referee's request on the coordinator's pages (the demo has none: chase takes only POST,
        # replace answers 404).
        "recruitment:application-referees": [
            reverse("recruitment:application-referees", args=[_demo_application_id()])
        ],
        "recruitment:application-withdraw": [
            reverse("recruitment:application-withdraw", args=[_demo_application_id()])
        ],
        "rounds:reference-chase": [reverse("rounds:reference-chase", args=[999999])],
        "rounds:reference-replace": [reverse("rounds:reference-replace", args=[999999])],
        # POST only: its GET answers 405
        "leader:unavailable-remove": [reverse("leader:unavailable-remove", args=[999999])],
        # Pages reached only after a POST (issue 12): an uploaded file of existing leaders, checked
        # (only its uploader sees it: a made-up one is not found); an account's confirmation link
        # (a forged one is refused); moving the demo's alliance to its hub, checked.
        "alliance:import-check": [reverse("alliance:import-check", args=[999999])],
        "register:import-check": [reverse("register:import-check", args=[999999])],
        "accounts:register-confirm": [reverse("accounts:register-confirm", args=["Zm9yZ2Vk", "forged-token"])],
        "regional:organisation-move-to-hub-check": [
            reverse(
                "regional:organisation-move-to-hub-check",
                kwargs={
                    "organisation_id": Organisation.objects.get(code="DEMO-TSA1").pk,
                    "hub_id": Organisation.objects.get(code="DEMO-HUB1").pk,
                },
            )
        ],
        # A real link from a password reset email: the "choose a new password" page.
        "accounts:password-reset-confirm": [
            reverse(
                "accounts:password-reset-confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
                    "token": default_token_generator.make_token(person),
                },
            )
        ],
    }


def _deployment_examples() -> dict[str, list[str]]:
    """The demo deployment's pages that no link leads to there: its contract is agreed (the draft's
    pages send the alliance back to the contract; agreeing takes a POST), its one invoice is
    issued, its planned visit has no note yet, and nobody asked for more days."""
    from domain.deployments.models import Deployment, ImpactMeasure, Invoice, Visit

    deployment = Deployment.objects.get()
    d = deployment.pk
    version = deployment.current_contract.number
    measure = ImpactMeasure.objects.filter(contract=deployment.current_contract).first().pk
    planned = Visit.objects.get(deployment=deployment, status="planned").pk
    invoice = Invoice.objects.get(deployment=deployment).pk
    return {
        **{
            f"deployments:{name}": [reverse(f"deployments:{name}", args=[d])]
            for name in ("contract-terms", "contract-measure-add", "contract-propose", "contract-withdraw")
        },
        **{
            f"deployments:{name}": [reverse(f"deployments:{name}", args=[d, version])]
            for name in ("contract-version", "contract-agree")
        },
        **{
            f"deployments:{name}": [reverse(f"deployments:{name}", args=[d, measure])]
            for name in ("contract-measure-change", "contract-measure-remove")
        },
        **{
            f"deployments:{name}": [reverse(f"deployments:{name}", args=[d, planned])]
            for name in ("visit-note", "visit-cancel")
        },
        "deployments:invoice-issue": [reverse("deployments:invoice-issue", args=[d, invoice])],
        "deployments:variation-decide": [reverse("deployments:variation-decide", args=[d, 999999])],
    }


def _training_examples() -> dict[str, list[str]]:
    """The demo's events: the induction is already published (its check page says so), and the
    bookings pages link to cancelling only a place that can still be cancelled (Alex's was
    attended: its page says why it cannot be). The check page of a paid place is reached by the
    event page's form: asked here for the person themself, as that form's "Continue" asks."""
    from domain.training.models import Booking, Event

    induction = Event.objects.get(kind="induction")
    attended = Booking.objects.get(delegate__email="system.leader@demo.test")
    return {
        "events:organise-publish": [reverse("events:organise-publish", args=[induction.pk])],
        "events:booking-cancel": [reverse("events:booking-cancel", args=[attended.pk])],
        "events:event-confirm": [reverse("events:event-confirm", args=[induction.pk])],
    }


def _selection_and_review_examples() -> dict[str, list[str]]:
    """Issue 14's pages in the demo (demo.national_selection, demo.designation_reviews) that a
    link may reach only through a notification or a list: the system leader's route on their NLE
    draft and their appeal against the NLG review's decision, the appeal the coordinator hears,
    putting the agreed grid in force, and a judgement on a criterion needing evidence."""
    from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
    from domain.designation.models import DesignationReview
    from domain.recruitment.models import Application

    nle_draft = Application.objects.get(applicant__email="system.leader@demo.test", round__role="nle")
    not_renewed = DesignationReview.objects.get(
        designation__person__email="system.leader@demo.test", status="not_renewed"
    )
    appealed = DesignationReview.objects.get(status="appealed")
    agreed = CriteriaVersion.objects.get(status=CriteriaStatus.AGREED, region="YH")
    # The coordinator's judgement on a criterion of the application at the check that needs evidence.
    at_the_check = Application.objects.get(applicant__email="harper.skelwith@demo.test")
    needing = next(
        criterion["id"]
        for group in at_the_check.eligibility_checks.order_by("-pk").first().evaluation["groups"]
        for criterion in group["criteria"]
        if criterion["result"] == "needs_evidence"
    )
    return {
        "selection:judgement": [reverse("selection:judgement", args=[at_the_check.pk, needing])],
        "recruitment:application-route": [reverse("recruitment:application-route", args=[nle_draft.pk])],
        "portal:review-appeal": [reverse("portal:review-appeal", args=[not_renewed.pk])],
        "portal:review-appeal-decide": [reverse("portal:review-appeal-decide", args=[appealed.pk])],
        "regional:criteria-in-force": [reverse("regional:criteria-in-force", args=[agreed.pk])],
    }


def urls_without_arguments() -> dict[str, str]:
    """Every named URL in the configuration that takes no arguments: name -> path."""
    return {
        name: reverse(name)
        for name, pattern in all_url_patterns()
        if name and not pattern.pattern.regex.groups and name not in NOT_CRAWLED
    }


def view_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


@dataclass
class Answer:
    url: str
    status: int
    final_url: str
    content_type: str
    found_on: str | None
    how: str  # "seed", "link" or "form"


# A phone's width (an iPhone 12 to 15 held upright), for the overflow check.
PHONE = {"width": 390, "height": 844}
# The outermost elements that stick out past the right of the screen, when the page scrolls sideways.
OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width + 1) return "";
  const sticksOut = (e) => e.getBoundingClientRect().right > width + 1;
  const outermost = [...document.body.querySelectorAll("*")].filter(
    (e) => sticksOut(e) && !(e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement))
  );
  const named = outermost.slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\\s+/)[0] : ""));
  return `${root.scrollWidth} px wide: ${named.join(", ")}`;
}"""
# Words a person should never read: the seed documents' names, and the service's codes for things
# (a snake_case value such as "client_pays", or a criteria set's code such as "yh-lle@1").
INTERNAL_WORDS = [
    re.compile(r"\bseeds?\b(?! (?:funding|money|corn))", re.IGNORECASE),
    re.compile(r"(?<![@\w./-])[a-z]+(?:_[a-z]+)+(?![\w@.])"),
    re.compile(r"\b[a-z]{2,}-[a-z]{2,}@\d+\b"),
]


@dataclass
class Crawl:
    """Crawls the live server at `origin` in `page`, as whoever is signed in there."""

    page: Page
    origin: str
    audit: "AccessibilityAudit | None" = None  # checks each page at a phone's width too
    answers: list[Answer] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    too_wide: list[str] = field(default_factory=list)  # pages wider than a 390 px phone
    internal_words: list[str] = field(default_factory=list)  # internal codes in what a person reads
    _queued: set[str] = field(default_factory=set)
    _shown_per_view: Counter = field(default_factory=Counter)

    def run(self, seeds: list[str]) -> "Crawl":
        queue = deque()
        for url in seeds:
            self._enqueue(queue, url, None, "seed")
        while queue:
            url, found_on, how = queue.popleft()
            answer = self._ask(url, found_on, how)
            if self._should_show(answer):
                for link, link_how in self._show(answer.url):
                    self._enqueue(queue, link, answer.url, link_how)
        return self

    def _local(self, url: str) -> str | None:
        """The path and query of a link to this service, without its fragment; None otherwise."""
        absolute = urljoin(self.origin + "/", url)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin or parts.path.startswith(settings.STATIC_URL):
            return None
        return urlunsplit(("", "", parts.path, parts.query, ""))

    def _enqueue(self, queue, url, found_on, how):
        local = self._local(url)
        if local is None or local in self._queued or view_name(local) in NOT_CRAWLED:
            return
        self._queued.add(local)
        queue.append((local, found_on, how))

    def _ask(self, url, found_on, how) -> Answer:
        response = self.page.request.get(self.origin + url)
        answer = Answer(
            url=url,
            status=response.status,
            final_url=self._local(response.url) or response.url,
            content_type=response.headers.get("content-type", ""),
            found_on=found_on,
            how=how,
        )
        response.dispose()
        self.answers.append(answer)
        return answer

    def _should_show(self, answer: Answer) -> bool:
        if answer.status == 405 or not answer.content_type.startswith("text/html"):
            return False  # a POST-only view, or a download
        if answer.how == "form":
            return False  # a form's target is looked at, never shown without its form
        # A refusal ("you cannot use this page", "not found", "gone") is the same error page
        # whichever page refused: it is shown once per answer, not once per view that refused.
        name = view_name(answer.final_url) if answer.status == 200 else f"answered {answer.status}"
        if self._shown_per_view[name] >= MAX_PER_VIEW:
            return False  # seeds come first, so their pages are shown before links' pages
        self._shown_per_view[name] += 1
        return True

    def _show(self, url: str) -> list[tuple[str, str]]:
        """Shows the page in the browser (the accessibility check runs before the next action)
        and returns its links and the targets of its forms."""
        self.page.goto(url)
        self.shown.append(url)
        self._check_phone_and_words(url)
        links = self.page.eval_on_selector_all("a[href]", "links => links.map((a) => a.href)")
        forms = self.page.eval_on_selector_all(
            "form", "forms => forms.map((f) => [f.method.toLowerCase(), f.getAttribute('action') || ''])"
        )
        found = [(link, "link") for link in links]
        for method, action in forms:
            if action:  # a form without an action is sent to the page it is on
                found.append((action, "link" if method == "get" else "form"))
        return found

    def _check_phone_and_words(self, url: str) -> None:
        """The page at 390 px wide: nothing wider than the screen (a wide table scrolls in its own
        container), and the accessibility check as a phone shows it (the usual check runs at the
        desktop width before the next action). Then its visible text: no internal code or seed
        reference (issue 15). The resize lays the page out again without loading it."""
        size = self.page.viewport_size
        self.page.set_viewport_size(PHONE)
        wide = self.page.evaluate(OVERFLOW_JS)
        if self.audit is not None:
            self.audit.check_as_shown_now(self.page, "at 390 px")
        self.page.set_viewport_size(size)
        if wide:
            self.too_wide.append(f"{url}: {wide}")
        text = self.page.inner_text("body")
        for pattern in INTERNAL_WORDS:
            if found := pattern.search(text):
                self.internal_words.append(f"{url}: “{found.group(0)}”")

    # What the smoke test asserts.

    def server_errors(self) -> list[str]:
        return [self._describe(a) for a in self.answers if a.status >= 500]

    def broken_links(self) -> list[str]:
        """Links a person is shown that lead to "not found" or "you cannot use this page"."""
        return [self._describe(a) for a in self.answers if a.how == "link" and a.status in (403, 404)]

    def views_reached(self) -> set[str]:
        return {name for a in self.answers if (name := view_name(a.url))}

    @staticmethod
    def _describe(answer: Answer) -> str:
        where = f" (linked from {answer.found_on})" if answer.found_on else ""
        return f"{answer.url} answered {answer.status}{where}"
