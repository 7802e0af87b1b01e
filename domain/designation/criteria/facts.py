"""The facts a criteria set is checked against: plain dataclasses, so that the engine runs and is
tested without the database. `facts_from_dict` reads the JSON format documented in
docs/eligibility.md and refuses a malformed file with one line naming the bad entry."""

import datetime as dt
from dataclasses import dataclass, field

# Ofsted's overall effectiveness grades, as in domain.schools.models.OfstedGrade (1 is best).
GRADES = {"outstanding": 1, "good": 2, "requires_improvement": 3, "inadequate": 4}
GRADE_LABELS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
# As in domain.schools.models.InspectionKind: only "graded" inspections give an overall grade.
INSPECTION_KINDS = ("graded", "ungraded", "report_card")
KIND_LABELS = {
    "graded": "graded inspection",
    "ungraded": "ungraded inspection",
    "report_card": "report card",
}
ROLE_LABELS = {
    "headteacher": "headteacher",
    "executive_head": "executive headteacher",
    "acting_head": "acting head",
    "head_of_school": "head of school",
    "mat_ceo": "MAT chief executive",
    "trust_leader": "trust leader",
    "deputy_head": "deputy headteacher",
    "assistant_head": "assistant headteacher",
    "senior_leader": "senior leader",
    "middle_leader": "middle leader",
    "school_business_manager": "school business manager",
    "chair_of_governors": "chair of governors",
    "trustee": "trustee",
    "governance_professional": "governance professional",
}
JUDGEMENT_RESULTS = ("met", "not_met")


class FactsError(ValueError):
    """The facts file is malformed; the message names the bad entry."""


@dataclass(frozen=True)
class InspectionFact:
    inspected_on: dt.date
    kind: str = "graded"
    overall_grade: int | None = None  # 1-4; None for ungraded inspections and report cards

    @property
    def when(self) -> str:
        return f"{self.inspected_on.day} {self.inspected_on:%B %Y}"

    @property
    def description(self) -> str:
        if self.overall_grade is None:
            return f"{KIND_LABELS.get(self.kind, self.kind)} on {self.when}, with no overall grade"
        return f"{KIND_LABELS.get(self.kind, self.kind)} on {self.when}: {GRADE_LABELS[self.overall_grade]}"


@dataclass(frozen=True)
class SchoolFacts:
    urn: int | None = None
    name: str = ""
    phase: str = ""
    type_name: str = ""
    sixth_form_college: bool | None = None  # None: read from type_name
    sponsored_academy: bool = False
    accountable: bool = True  # the person is accountable for this school
    inspections: tuple[InspectionFact, ...] = ()

    @property
    def label(self) -> str:
        return self.name or (f"URN {self.urn}" if self.urn else "the school")

    @property
    def is_sixth_form_college(self) -> bool:
        if self.sixth_form_college is not None:
            return self.sixth_form_college
        return "sixth form college" in self.type_name.lower().replace("-", " ")

    def ordered_inspections(self) -> list[InspectionFact]:
        """Oldest first."""
        return sorted(self.inspections, key=lambda i: (i.inspected_on, i.kind))

    @property
    def latest_inspection(self) -> InspectionFact | None:
        ordered = self.ordered_inspections()
        return ordered[-1] if ordered else None

    @property
    def latest_graded(self) -> InspectionFact | None:
        graded = [i for i in self.ordered_inspections() if i.overall_grade is not None]
        return graded[-1] if graded else None


@dataclass(frozen=True)
class Post:
    """A period in a post: headteacher, acting head, head of school, MAT chief executive..."""

    role: str
    start: dt.date
    end: dt.date | None = None  # None: still in post; otherwise the day the post ended
    school_urn: int | None = None


@dataclass(frozen=True)
class Judgement:
    """An assessor's judgement on the evidence for one criterion."""

    result: str  # met | not_met
    evidence: str = ""
    assessor: str = ""


@dataclass(frozen=True)
class Facts:
    as_of: dt.date
    post: str = ""  # the person's current post, e.g. "headteacher", "mat_ceo"
    posts: tuple[Post, ...] | None = None  # None: not given (checks need evidence)
    current_school_urn: int | None = None
    schools: tuple[SchoolFacts, ...] = ()
    declarations: dict[str, bool] = field(default_factory=dict)
    judgements: dict[str, Judgement] = field(default_factory=dict)
    exceptions_claimed: frozenset[str] = frozenset()

    @property
    def current_school(self) -> SchoolFacts | None:
        for school in self.schools:
            if self.current_school_urn is not None and school.urn == self.current_school_urn:
                return school
        return self.schools[0] if self.schools and self.current_school_urn is None else None

    def school(self, urn: int | None) -> SchoolFacts | None:
        return next((s for s in self.schools if urn is not None and s.urn == urn), None)


# --- reading the JSON format ------------------------------------------------------------------


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FactsError(f"{where}: {value!r} is not a date like 2024-09-01") from None


def _int_or_none(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FactsError(f"{where}: {value!r} is not a whole number")
    return value


def _grade(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower().replace(" ", "_") in GRADES:
        return GRADES[value.strip().lower().replace(" ", "_")]
    if isinstance(value, int) and not isinstance(value, bool) and value in GRADE_LABELS:
        return value
    raise FactsError(f"{where}: {value!r} is not an Ofsted grade (1-4, or {', '.join(GRADES)})")


def _mapping(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise FactsError(f"{where}: expected an object {{...}}, got {type(value).__name__}")
    return value


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise FactsError(f"{where}: expected a list [...], got {type(value).__name__}")
    return value


def _inspection(raw, where: str) -> InspectionFact:
    raw = _mapping(raw, where)
    kind = raw.get("kind", "graded")
    if kind not in INSPECTION_KINDS:
        raise FactsError(f"{where}.kind: {kind!r} is not one of {', '.join(INSPECTION_KINDS)}")
    grade = _grade(raw.get("overall_grade"), f"{where}.overall_grade")
    if kind != "graded" and grade is not None:
        raise FactsError(f"{where}: an inspection of kind {kind!r} gives no overall grade")
    return InspectionFact(inspected_on=_date(raw.get("date"), f"{where}.date"), kind=kind, overall_grade=grade)


def _school(raw, where: str) -> SchoolFacts:
    raw = _mapping(raw, where)
    sfc = raw.get("sixth_form_college")
    if sfc is not None and not isinstance(sfc, bool):
        raise FactsError(f"{where}.sixth_form_college: expected true or false")
    inspections = tuple(
        _inspection(item, f"{where}.inspections[{n}]")
        for n, item in enumerate(_list(raw.get("inspections", []), f"{where}.inspections"))
    )
    return SchoolFacts(
        urn=_int_or_none(raw.get("urn"), f"{where}.urn"),
        name=str(raw.get("name", "")),
        phase=str(raw.get("phase", "")),
        type_name=str(raw.get("type_name", "")),
        sixth_form_college=sfc,
        sponsored_academy=bool(raw.get("sponsored_academy", False)),
        accountable=bool(raw.get("accountable", True)),
        inspections=inspections,
    )


def _post(raw, where: str) -> Post:
    raw = _mapping(raw, where)
    role = raw.get("role")
    if not isinstance(role, str) or not role:
        raise FactsError(f"{where}.role: give the post, e.g. headteacher, acting_head, head_of_school")
    start = _date(raw.get("start"), f"{where}.start")
    end = None if raw.get("end") is None else _date(raw.get("end"), f"{where}.end")
    if end is not None and end < start:
        raise FactsError(f"{where}: ends ({end}) before it starts ({start})")
    return Post(role=role, start=start, end=end, school_urn=_int_or_none(raw.get("school_urn"), f"{where}.school_urn"))


def _judgement(raw, where: str) -> Judgement:
    raw = _mapping(raw, where)
    result = raw.get("result")
    if result not in JUDGEMENT_RESULTS:
        raise FactsError(f"{where}.result: {result!r} is not one of {', '.join(JUDGEMENT_RESULTS)}")
    return Judgement(result=result, evidence=str(raw.get("evidence", "")), assessor=str(raw.get("assessor", "")))


def facts_from_dict(raw) -> Facts:
    """Facts from the JSON format of docs/eligibility.md; FactsError names the first bad entry."""
    raw = _mapping(raw, "facts")
    if "as_of" not in raw:
        raise FactsError('as_of: give the date the facts are checked on, e.g. "2026-11-22"')
    person = _mapping(raw.get("person", {}), "person")
    posts = None
    if "posts" in person:
        posts = tuple(_post(p, f"person.posts[{n}]") for n, p in enumerate(_list(person["posts"], "person.posts")))
    declarations = _mapping(raw.get("declarations", {}), "declarations")
    for key, value in declarations.items():
        if not isinstance(value, bool):
            raise FactsError(f"declarations.{key}: expected true or false, got {value!r}")
    judgements = {
        key: _judgement(value, f"judgements.{key}")
        for key, value in _mapping(raw.get("judgements", {}), "judgements").items()
    }
    claimed = _list(raw.get("exceptions_claimed", []), "exceptions_claimed")
    if not all(isinstance(c, str) for c in claimed):
        raise FactsError("exceptions_claimed: expected a list of exception ids (strings)")
    schools = tuple(_school(s, f"schools[{n}]") for n, s in enumerate(_list(raw.get("schools", []), "schools")))
    current = _int_or_none(raw.get("current_school_urn"), "current_school_urn")
    if current is not None and not any(s.urn == current for s in schools):
        raise FactsError(f"current_school_urn: no school with URN {current} in schools")
    post = person.get("post", "")
    if not isinstance(post, str):
        raise FactsError('person.post: expected a string, e.g. "headteacher"')
    return Facts(
        as_of=_date(raw["as_of"], "as_of"),
        post=post,
        posts=posts,
        current_school_urn=current,
        schools=schools,
        declarations=dict(declarations),
        judgements=judgements,
        exceptions_claimed=frozenset(claimed),
    )
