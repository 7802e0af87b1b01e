"""Checking a read file against the register: each row is created, updated, unchanged or
refused, with every reason by row and column ("Row 7, column 'School URN': 999999 is not a
school on the register"). Pure: it reads only the `Context` loaded for the file.

A row is one designation of one person (known by their e-mail address). Facts about the person
(name, school, association, pen portrait) must agree across their rows."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from domain.designation.models import (
    HISTORICAL_SOURCES,
    DesignatingSource,
    DesignationRole,
    term_end,
    term_years_for,
)
from domain.designation.specialisms import labels_of

from ..people import DIRECT_CONTACT_ROLES
from ..portrait_services import LIMITS
from ..workflows import PortraitStatus
from .columns import BY_KEY
from .context import Context, OrganisationFact, SchoolFact
from .reading import RawRow, Sheet
from .values import (
    CellRefused,
    date_of,
    email_of,
    phases_of,
    phases_of_school,
    role_of,
    source_of,
    specialisms_of,
    urn_of,
    words,
)

CREATED, UPDATED, UNCHANGED, REFUSED = "created", "updated", "unchanged", "refused"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, REFUSED)
FORMULA_SIGNS = ("=", "+", "-", "@")
ROLES_WITH_PHASES = frozenset({DesignationRole.LLE, DesignationRole.SLE, DesignationRole.NLE})
NAME_LIMIT = 150


@dataclass
class LeaderRow:
    """A row read without a problem."""

    number: int
    full_name: str
    email: str
    role: str
    specialisms: list[str]
    phases: list[str]
    school: SchoolFact
    source: str
    designated_on: dt.date
    ends_on: dt.date | None  # the end of the term, given or the role's term for an alliance's
    term_years: int | None
    organisation: OrganisationFact | None
    portrait_text: str

    @property
    def designating_organisation(self) -> OrganisationFact | None:
        return self.organisation if self.source == DesignatingSource.TSA_OR_HUB else None


@dataclass
class RowResult:
    number: int
    name: str = ""
    email: str = ""
    role: str = ""  # as people read it
    outcome: str = REFUSED
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    row: LeaderRow | None = None
    person_id: int | None = None  # the existing account
    designation_id: int | None = None  # the existing designation (updated or unchanged)
    # Facts of the person written once, from their first row: a new association, a new pen portrait.
    associates: bool = False
    writes_portrait: bool = False


@dataclass
class CheckResult:
    rows: list[RowResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the file as a whole

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(r.outcome for r in self.rows)
        return {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows) and not any(r.outcome == REFUSED for r in self.rows)

    @property
    def reasons(self) -> list[str]:
        return [*self.problems, *(p for r in self.rows for p in r.problems)]


def _where(number: int, key: str, message: str) -> str:
    return f"Row {number}, column '{BY_KEY[key].heading}': {message}"


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class _Row:
    """Reads one raw row's cells, collecting a problem for each cell that cannot be read."""

    def __init__(self, raw: RawRow):
        self.raw = raw
        self.problems: list[str] = []

    def refuse(self, key: str, message: str) -> None:
        self.problems.append(_where(self.raw.number, key, message))

    def cell(self, key: str, reader=None, *, required: bool = False, default=None):
        cell = self.raw.cells.get(key)
        value = cell.value if cell is not None else None
        if cell is not None and cell.formula:
            self.refuse(key, "the cell holds a formula: type the value itself")
            return default
        if isinstance(value, str):
            value = value.strip()
            if value.startswith(FORMULA_SIGNS) and BY_KEY[key].text:
                self.refuse(key, "a cell may not start with =, +, - or @ (a spreadsheet could run it as a formula)")
                return default
        if value is None or value == "":
            if required:
                self.refuse(key, f"enter the {BY_KEY[key].heading.lower()}")
            return default
        if reader is None:
            return str(value)
        try:
            return reader(value)
        except CellRefused as refusal:
            self.refuse(key, str(refusal))
            return default


def _organisation(row: _Row, context: Context) -> OrganisationFact | None:
    text = row.cell("association")
    if text is None:
        if context.own_only:
            row.refuse("association", f"enter your alliance, hub or grouping ({_names(context)})")
        return None
    key = words(text)
    found = context.in_scope.get(key)
    if found is not None:
        if not found.is_active:
            row.refuse("association", f"{found.name} is closed, so leaders cannot associate with it")
        return found
    other = context.elsewhere.get(key)
    if other is None:
        row.refuse(
            "association", f"'{text}' is not an alliance, hub or grouping on the service: write its name or code"
        )
    elif context.own_only:
        row.refuse("association", f"{other.name} is not yours: you can import leaders only for {_names(context)}")
    else:
        row.refuse("association", f"{other.name} is not an alliance, hub or grouping of your region")
    return None


def _names(context: Context) -> str:
    return ", ".join(context.scope_names) or "no alliance, hub or grouping"


def _read(raw: RawRow, context: Context) -> tuple[LeaderRow | None, RowResult]:
    row = _Row(raw)
    result = RowResult(number=raw.number)
    full_name = row.cell("full_name", required=True, default="")
    if len(full_name) > NAME_LIMIT:
        row.refuse("full_name", f"the name must be {NAME_LIMIT} characters or fewer")
    email = row.cell("email", email_of, required=True, default="")
    role = row.cell("role", role_of, required=True)
    specialisms = row.cell("specialisms", specialisms_of, default=[])
    phases = row.cell("phases", phases_of, default=[])
    urn = row.cell("urn", urn_of, required=True)
    source = row.cell("source", source_of, required=True)
    designated_on = row.cell("designated_on", date_of, required=True)
    given_end = row.cell("term_ends", date_of)
    organisation = _organisation(row, context)
    portrait_text = row.cell("pen_portrait", default="")
    result.name, result.email = full_name, email
    result.role = DesignationRole(role).label if role else raw.text("role")

    school = context.schools.get(urn) if urn is not None else None
    if urn is not None and school is None:
        row.refuse("urn", f"{urn} is not a school on the register")
    elif school is not None and context.region_ids is not None and school.region_id not in context.region_ids:
        row.refuse("urn", f"{urn} is {school.name}, a school outside your region: its region imports its leaders")
    if role == DesignationRole.SLE and not specialisms and not raw.text("specialisms"):
        # Seed 003: "SLEs are experienced middle or senior leaders with a specialism".
        row.refuse("specialisms", "enter at least one specialism for a specialist leader of education")
    if not phases and school is not None and not raw.text("phases"):
        phases = phases_of_school(school.phase, school.type_group)
        if not phases and role in ROLES_WITH_PHASES:
            row.refuse("phases", f"enter the phases the leader works in: the register gives no phase for {school.name}")
    if designated_on is not None and designated_on > context.today:
        row.refuse(
            "designated_on",
            f"{_date_text(designated_on)} is in the future: the file is for leaders already designated",
        )
    ends_on, term_years = given_end, None
    if given_end is None and designated_on is not None and source == DesignatingSource.TSA_OR_HUB and role:
        term_years = term_years_for(role)
        ends_on = term_end(designated_on, term_years)
    if designated_on is not None and ends_on is not None:
        if ends_on < designated_on:
            row.refuse("term_ends", "the term must end after the date of designation")
        elif ends_on < context.today:
            row.refuse(
                "term_ends",
                f"the term ended on {_date_text(ends_on)}, so the designation has ended: "
                + (
                    "leave the row out"
                    if given_end
                    else "enter the end of the term if it was extended, or leave the row out"
                ),
            )
    # (A coordinator leaving it empty was already asked for their own.)
    if source == DesignatingSource.TSA_OR_HUB and not raw.text("association") and not context.own_only:
        row.refuse("association", "a designation by an alliance or hub names it: enter the alliance, hub or grouping")
    if len(portrait_text) > LIMITS["experience"]:
        row.refuse("pen_portrait", f"the pen portrait must be {LIMITS['experience']:,} characters or fewer")
    result.problems = row.problems
    if row.problems:
        return None, result
    return (
        LeaderRow(
            number=raw.number,
            full_name=" ".join(full_name.split()),
            email=email,
            role=role,
            specialisms=specialisms,
            phases=phases,
            school=school,
            source=source,
            designated_on=designated_on,
            ends_on=ends_on,
            term_years=term_years,
            organisation=organisation,
            portrait_text=portrait_text.strip(),
        ),
        result,
    )


def _agree(first: LeaderRow, row: LeaderRow, refuse) -> None:
    """Rows of one person (one e-mail address) must say the same about them."""
    if words(first.full_name) != words(row.full_name):
        refuse("full_name", f"row {first.number} gives this email address to {first.full_name}: one person, one name")
    if first.school.id != row.school.id:
        refuse(
            "urn",
            f"row {first.number} puts {first.full_name} at {first.school.name} ({first.school.urn}): "
            "one school for each leader",
        )
    if first.role == row.role:
        refuse(
            "role",
            f"row {first.number} already lists {first.full_name} as {_a(row.role)}: one row for each designation",
        )
    if first.organisation and row.organisation and first.organisation.id != row.organisation.id:
        refuse(  # seed 000, "Principles of association"
            "association",
            f"row {first.number} associates {first.full_name} with {first.organisation.name}: a leader associates "
            "with one alliance, hub or grouping at a time",
        )
    if first.portrait_text and row.portrait_text and first.portrait_text != row.portrait_text:
        refuse("pen_portrait", f"row {first.number} gives {first.full_name} another pen portrait: one for each leader")


def _a(role: str) -> str:
    label = DesignationRole(role).label.lower()
    return f"an {label}" if label[0] in "aeiou" else f"a {label}"


@dataclass(frozen=True)
class _Person:
    """What a person's rows say of them: the first row's number, their association and portrait."""

    first: int
    organisation: OrganisationFact | None
    portrait_text: str


def _compare(row: LeaderRow, result: RowResult, context: Context, said: _Person, person) -> None:
    """Sets the outcome of a row that read well, against what the register holds."""

    def refuse(key, message):
        result.problems.append(_where(row.number, key, message))

    organisation = said.organisation
    person_first = said.first == row.number
    active = context.associations.get(person.id) if person else None
    if person is not None and words(person.full_name) != words(row.full_name):
        refuse("full_name", f"{row.email} is the email address of {person.full_name} on the service: use that name")
    if active is not None and organisation is not None and active.id != organisation.id:
        refuse(  # seed 000, "Principles of association"
            "association",
            f"{row.full_name} is already associated with {active.name}. A leader associates with one alliance, hub "
            "or grouping at a time: they would need to end or transfer that association first",
        )
    approver = organisation or active
    if row.portrait_text and approver is None and row.role not in DIRECT_CONTACT_ROLES:
        refuse(
            "pen_portrait",
            "an LLE or SLE's pen portrait is approved by the alliance, hub or grouping they are associated with: "
            "enter it in 'Associated with', or leave the pen portrait empty",
        )
    existing = context.designations.get((person.id, row.role)) if person else None
    if existing is not None:
        result.designation_id = existing.id
        same_body = existing.source == row.source and (
            existing.source in HISTORICAL_SOURCES
            or existing.organisation_id == getattr(row.designating_organisation, "id", None)
        )
        if not same_body:
            refuse(
                "source",
                f"{row.full_name} is already designated as {_a(row.role)} by {existing.organisation_name}: "
                "change the row to match, or leave it out",
            )
        elif existing.starts_on != row.designated_on:
            refuse(
                "designated_on",
                f"{row.full_name} is already designated as {_a(row.role)} from {_date_text(existing.starts_on)}: "
                "change the row to match, or leave it out",
            )
    if result.problems:
        return
    result.person_id = person.id if person else None
    changes = []
    if existing is None:
        result.outcome = CREATED
    else:
        if existing.ends_on != row.ends_on:
            changes.append(f"term ends {_date_text(row.ends_on) if row.ends_on else 'when reviewed'}")
        if list(existing.specialisms) != row.specialisms:
            changes.append("specialisms: " + (", ".join(labels_of([], row.specialisms)[1]) or "none"))
        if list(existing.phases) != row.phases:
            changes.append("phases: " + (", ".join(labels_of(row.phases, [])[0]) or "none"))
        if existing.school_id != row.school.id:
            changes.append(f"school: {row.school.name}")
    if person_first:
        if organisation is not None and active is None:
            result.associates = True
            changes.append(f"associated with {organisation.name}")
        latest = context.portraits.get(person.id) if person else None
        if said.portrait_text and (latest is None or latest.experience.strip() != said.portrait_text):
            result.writes_portrait = True
            if latest is None or latest.status != PortraitStatus.SUBMITTED:
                changes.append("pen portrait sent for approval")
            else:
                changes.append("pen portrait waiting for approval changed")
    result.changes = changes
    if existing is not None:
        result.outcome = UPDATED if changes else UNCHANGED


def check_sheet(sheet: Sheet, context: Context) -> CheckResult:
    """Every row of `sheet` checked against `context`."""
    result = CheckResult(problems=list(sheet.problems))
    read: list[tuple[LeaderRow | None, RowResult]] = []
    firsts: dict[str, LeaderRow] = {}
    people: dict[str, list[LeaderRow]] = {}
    for raw in sheet.rows:
        row, row_result = _read(raw, context)
        result.rows.append(row_result)
        read.append((row, row_result))
        if row is None:
            continue
        row_result.row = row
        first = firsts.setdefault(row.email, row)
        if first is not row:
            _agree(
                first,
                row,
                lambda key, message, r=row, into=row_result: into.problems.append(_where(r.number, key, message)),
            )
        people.setdefault(row.email, []).append(row)
    said = {
        email: _Person(
            first=rows[0].number,
            organisation=next((r.organisation for r in rows if r.organisation is not None), None),
            portrait_text=next((r.portrait_text for r in rows if r.portrait_text), ""),
        )
        for email, rows in people.items()
    }
    for row, row_result in read:
        if row is not None and not row_result.problems:
            _compare(row, row_result, context, said[row.email], context.people.get(row.email))
        if row_result.problems:
            row_result.outcome = REFUSED
    return result
