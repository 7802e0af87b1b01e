"""The question pages of asking for support, in order (GOV.UK "question pages"): one question,
or a few closely related ones, a page. The answers wait in a draft in the session until the
check-answers page sends them. `Answers` reads a draft (whatever the session holds) with what it
implies: the school, its phase from the register, the packages it may have, which pages apply."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from domain.commissioning.errors import RequestInvalid
from domain.commissioning.packages import PACKAGES, packages_for
from domain.commissioning.phases import request_phase
from domain.commissioning.request_services import request_check
from domain.designation.models import DesignationRole
from domain.leaders.selectors import brokering_organisations
from domain.organisations.selectors import trust_of
from domain.schools.selectors import school_by_id

from .ask_forms import CONTACT_FIELDS, referrer_problem

SIGNED_IN, PUBLIC = "signed_in", "public"
BOTH = frozenset({SIGNED_IN, PUBLIC})


@dataclass(frozen=True)
class Step:
    slug: str
    fields: tuple[str, ...]
    title: str
    public_title: str = ""
    applies: Callable[["Answers"], bool] = lambda answers: True
    routes: frozenset = BOTH

    def title_for(self, route: str) -> str:
        return self.public_title if route == PUBLIC and self.public_title else self.title


STEPS: tuple[Step, ...] = (
    Step("school", ("school",), "Which school needs support?", "Which is your school?"),
    Step(
        "phase",
        ("phase",),
        "What phase is the school?",
        applies=lambda answers: answers.school is not None and not answers.register_phase,
    ),
    Step("asking", ("referrer_kind",), "Who is asking for the support?", routes=frozenset({SIGNED_IN})),
    Step("needs", ("needs",), "What does the school need support with?"),
    Step("leader", ("role_sought",), "What kind of system leader does the school need?"),
    Step("description", ("description",), "Describe the support the school needs"),
    Step("days", ("days", "pattern"), "How many days of support does the school need?"),
    Step("window", ("window_starts", "window_ends"), "When is the support needed?"),
    Step("funding", ("funding",), "How is the support funded?"),
    # Seed 003's packages: only for governance (a national leader of governance) and an eligible school.
    Step(
        "package",
        ("nlg_package",),
        "Which support package does the school need?",
        applies=lambda answers: answers.draft.get("role_sought") == DesignationRole.NLG and bool(answers.packages),
    ),
    Step("alliance", ("preferred_organisation",), "Which teaching school alliance or hub should arrange it?"),
    Step("consent", ("consent_to_share",), "Does the school agree to share this request?"),
    Step("contact", CONTACT_FIELDS, "Your details", routes=frozenset({PUBLIC})),
)
BY_SLUG = {step.slug: step for step in STEPS}
# The service's fields that are not a question's own: shown on the page of the question that decides them.
FIELD_OF = {"client_trust": "nlg_package"}

TEXT_FIELDS = (
    "school",
    "phase",
    "referrer_kind",
    "role_sought",
    "description",
    "days",
    "pattern",
    "window_starts",
    "window_ends",
    "funding",
    "nlg_package",
    "preferred_organisation",
    "suggested_organisation",
    *CONTACT_FIELDS,
)


def clean_draft(raw) -> dict:
    """The draft with only what a draft may hold, each of its kind (anything else is dropped)."""
    if not isinstance(raw, dict):
        return {}
    draft = {key: raw[key] for key in TEXT_FIELDS if isinstance(raw.get(key), str)}
    if isinstance(raw.get("needs"), list) and all(isinstance(code, str) for code in raw["needs"]):
        draft["needs"] = list(raw["needs"])
    if isinstance(raw.get("consent_to_share"), bool):
        draft["consent_to_share"] = raw["consent_to_share"]
    return draft


def parse_date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


class Answers:
    """A draft, and what it implies."""

    def __init__(self, raw, *, route: str, own_schools=()):
        self.route = route
        self.own_ids = {s.pk for s in own_schools}
        self.draft = clean_draft(raw)
        self.school = school_by_id(self.draft["school"]) if self.draft.get("school") else None
        if self.school is None:
            self.draft.pop("school", None)
        self.trust = trust_of(self.school)
        self.register_phase = request_phase(self.school)
        self.packages = packages_for(self.school, trust=self.trust)
        self._brokers = None

    @property
    def brokers(self) -> list:
        if self._brokers is None:
            self._brokers = list(brokering_organisations())
        return self._brokers

    def preferred(self):
        chosen = self.draft.get("preferred_organisation") or ""
        return next((o for o in self.brokers if str(o.pk) == chosen), None) if chosen else None

    # Which pages, and where the person is -------------------------------------------------------

    def steps(self) -> list[Step]:
        return [step for step in STEPS if self.route in step.routes and step.applies(self)]

    def answered(self, step: Step) -> bool:
        return all(field in self.draft for field in step.fields)

    def first_unanswered(self) -> Step | None:
        return next((step for step in self.steps() if not self.answered(step)), None)

    def after(self, step: Step) -> Step | None:
        steps = self.steps()
        later = steps[steps.index(step) + 1 :] if step in steps else []
        return later[0] if later else None

    def before(self, step: Step) -> Step | None:
        steps = self.steps()
        earlier = steps[: steps.index(step)] if step in steps else []
        return earlier[-1] if earlier else None

    def reachable(self, step: Step) -> bool:
        """The page applies, and every page before it is answered."""
        steps = self.steps()
        return step in steps and all(self.answered(s) for s in steps[: steps.index(step)])

    def with_answers(self, values: dict) -> "Answers":
        """These answers changed (a page's): pages that no longer apply lose theirs."""
        draft = {**self.draft, **values}
        if values.get("school") and values["school"] != self.draft.get("school"):
            for key in ("phase", "nlg_package"):  # asked again, for the new school
                draft.pop(key, None)
        answers = Answers(draft, route=self.route)
        answers.own_ids = self.own_ids
        applying = {step.slug for step in answers.steps()}
        for step in STEPS:
            if step.slug not in applying and step.slug != "school":
                for field in step.fields:
                    answers.draft.pop(field, None)
        return answers

    # What the service makes of them ------------------------------------------------------------

    def values(self) -> dict:
        """The `values` of request_check and request_submit."""
        draft = self.draft
        package = draft.get("nlg_package") or ""
        for_trust = package in PACKAGES and PACKAGES[package].for_trust
        return {
            "needs": draft.get("needs") or [],
            "phase": self.register_phase or draft.get("phase") or "",
            "role_sought": draft.get("role_sought") or "",
            "description": draft.get("description") or "",
            "days": draft.get("days") or "",
            "pattern": draft.get("pattern") or "",
            "window_starts": parse_date(draft.get("window_starts")),
            "window_ends": parse_date(draft.get("window_ends")),
            "funding": draft.get("funding") or "",
            "nlg_package": package,
            "consent_to_share": draft.get("consent_to_share") is True,
            "client_trust": self.trust if for_trust else None,
        }

    def contact(self) -> dict:
        return {field: self.draft.get(field) or "" for field in CONTACT_FIELDS}

    def problems(self) -> dict[str, str]:
        """The service's refusal of the answers so far, field by field (each question's field)."""
        problems = {}
        if self.school is None:
            problems["school"] = "Choose the school that needs support"
        if self.route == SIGNED_IN:
            problem = referrer_problem(self.draft.get("referrer_kind") or "", self.school, self.own_ids)
            if problem:
                problems["referrer_kind"] = problem
        try:
            request_check(self.values(), school=self.school)
        except RequestInvalid as invalid:
            for field, message in invalid.errors.items():
                problems.setdefault(FIELD_OF.get(field, field), message)
        return problems

    def step_of(self, field: str) -> Step | None:
        """The page that asks this field; for a field whose page is skipped, the question that skips it."""
        field = FIELD_OF.get(field, field)
        steps = self.steps()
        found = next((s for s in steps if field in s.fields), None)
        if found is None and field == "nlg_package":
            found = BY_SLUG["leader"]
        if found is None and field in ("contact_name", "contact_email", "contact_role"):
            found = BY_SLUG["contact"]
        return found

    def problems_in_order(self, problems: dict[str, str]) -> list[tuple[Step, str]]:
        """The problems as (page, message), in the order of the pages and of their fields."""
        order = [field for step in STEPS for field in step.fields]
        ranked = sorted(problems.items(), key=lambda item: order.index(item[0]) if item[0] in order else -1)
        return [(self.step_of(field) or STEPS[0], message) for field, message in ranked]
