"""The criteria checked from data. A set names one of these rules with its parameters; each rule
validates its parameters when the set loads and returns (result, reason) for some facts.

An inspection with no overall grade (ungraded from September 2024, report cards from November
2025) never makes a criterion "not met": it needs evidence (issue 3, DESIGN.md capability 1)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .facts import GRADE_LABELS, GRADES, ROLE_LABELS, Facts, Post, SchoolFacts
from .results import MET, NEEDS_EVIDENCE, NOT_MET

DAYS_A_YEAR = 365.25


class ParamError(ValueError):
    pass


@dataclass(frozen=True)
class Context:
    facts: Facts
    school: SchoolFacts | None  # the school the criterion is about (the group's subject)
    # group id, school -> (result, reason): evaluates another group of the set on a school.
    group_on_school: Callable[[str, SchoolFacts], tuple[str, str]]


@dataclass(frozen=True)
class Rule:
    check: Callable[[dict, Context], tuple[str, str]]
    validate: Callable[[dict], None]
    needs_school: bool = False


RULES: dict[str, Rule] = {}


def _rule(name: str, validate: Callable[[dict], None], needs_school: bool = False):
    def register(fn):
        RULES[name] = Rule(check=fn, validate=validate, needs_school=needs_school)
        return fn

    return register


# --- helpers ----------------------------------------------------------------------------------


def _expect(condition: bool, message: str):
    if not condition:
        raise ParamError(message)


def _roles_param(params: dict, key: str = "roles"):
    roles = params.get(key)
    _expect(
        isinstance(roles, list) and roles and all(isinstance(r, str) and r for r in roles),
        f'params.{key} must be a non-empty list of posts, e.g. ["headteacher", "acting_head"]',
    )


def _grade_param(params: dict, key: str, default: str | None = None):
    value = params.get(key, default)
    _expect(value in GRADES, f"params.{key} must be one of {', '.join(GRADES)}, not {value!r}")


def _duration(days: int, as_of: dt.date) -> str:
    """`days` as whole years and months on the calendar, counted back from `as_of`: the days from
    22 November 2024 to 22 November 2026 are "2 years" (not "1 year 11 months" of average years)."""
    start = as_of - dt.timedelta(days=days)
    months = (as_of.year - start.year) * 12 + as_of.month - start.month - (as_of.day < start.day)
    years, months = divmod(max(months, 0), 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def _merged_days(periods: list[tuple[dt.date, dt.date]]) -> int:
    """Days covered by the periods, counting overlaps once."""
    total, current_start, current_end = 0, None, None
    for start, end in sorted(periods):
        if current_end is None or start > current_end:
            if current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).days
    return total


def _periods(facts: Facts, roles: list[str]) -> list[tuple[Post, dt.date, dt.date]]:
    """Posts in `roles`, clipped to the day the facts are checked on (later starts are ignored)."""
    out = []
    for post in facts.posts or ():
        if post.role not in roles or post.start >= facts.as_of:
            continue
        end = min(post.end or facts.as_of, facts.as_of)
        if end > post.start:
            out.append((post, post.start, end))
    return out


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (28 February for 29 February); the earliest date if none."""
    if day.year <= years:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _grade_name(grade: int) -> str:
    return GRADE_LABELS[grade].lower()


# --- years in post ----------------------------------------------------------------------------


def _validate_years(params):
    value = params.get("min_years")
    _expect(
        isinstance(value, int | float) and not isinstance(value, bool) and value > 0,
        "params.min_years must be a number above 0",
    )
    _roles_param(params)


@_rule("years_in_post", _validate_years)
def years_in_post(params: dict, ctx: Context) -> tuple[str, str]:
    """Seed 000, Criteria: "at least 3 years of experience as a serving headteacher (including
    any period as acting head or head of school)". Periods are added up, overlaps counted once."""
    roles, min_years = params["roles"], params["min_years"]
    label = params.get("label", "as a serving head")
    needed = f"at least {min_years:g} year{'s' if min_years != 1 else ''} needed"
    if ctx.facts.posts is None:
        return NEEDS_EVIDENCE, f"No posts given: evidence of time {label} is needed ({needed})"
    periods = _periods(ctx.facts, roles)
    total = _merged_days([(s, e) for _, s, e in periods])
    as_of = ctx.facts.as_of
    including = []
    for role in roles[1:]:
        without = _merged_days([(s, e) for p, s, e in periods if p.role != role])
        if total - without > 0:
            including.append(f"{_duration(total - without, as_of)} as {ROLE_LABELS.get(role, role.replace('_', ' '))}")
    extra = f" (including {' and '.join(including)})" if including else ""
    reason = f"{_duration(total, as_of)} {label}{extra} — {needed}"
    return (MET if total >= _days_in_years_before(as_of, min_years) - 0.5 else NOT_MET), reason


def _days_in_years_before(as_of: dt.date, years: float) -> float:
    """The days in the `years` (whole years on the calendar) just before `as_of`. Seed 000,
    Criteria: "at least 3 years of experience": a person who started on the same day 3 years
    earlier has them, one who started a day later has not, whether or not a 29 February falls
    between (an average year of 365.25 days let a 2-year span with a 29 February pass a day short)."""
    whole = int(years)
    return (as_of - _years_before(as_of, whole)).days + (years - whole) * DAYS_A_YEAR


# --- the current post -------------------------------------------------------------------------


@_rule("current_post", lambda params: _roles_param(params))
def current_post(params: dict, ctx: Context) -> tuple[str, str]:
    roles = params["roles"]
    wanted = " or ".join(ROLE_LABELS.get(r, r.replace("_", " ")) for r in roles)
    post = ctx.facts.post
    if not post:
        return NEEDS_EVIDENCE, f"No current post given: must be serving as {wanted}"
    label = ROLE_LABELS.get(post, post.replace("_", " "))
    if post in roles:
        return MET, f"Serving as {label}"
    return NOT_MET, f"Serving as {label}, not as {wanted}"


# --- the school's latest inspection -----------------------------------------------------------


@_rule("ofsted_rating", lambda params: _grade_param(params, "at_least", "good"), needs_school=True)
def ofsted_rating(params: dict, ctx: Context) -> tuple[str, str]:
    """ "Rated good" means good or better unless the set says otherwise (issue 3). The latest
    inspection counts; one with no overall grade needs evidence, never "not met"."""
    at_least = GRADES[params.get("at_least", "good")]
    wanted = _grade_name(at_least) + (" or better" if at_least > 1 else "")
    school = ctx.school
    latest = school.latest_inspection
    if latest is None:
        return NEEDS_EVIDENCE, f"No inspection on record for {school.label}: evidence is needed that it is {wanted}"
    if latest.overall_grade is None:
        previous = school.latest_graded
        before = (
            f"; the last overall grade was {GRADE_LABELS[previous.overall_grade]} ({previous.when})" if previous else ""
        )
        return NEEDS_EVIDENCE, (
            f"The latest inspection of {school.label} ({latest.description}){before}: "
            f"an assessor must judge on evidence whether it is {wanted}"
        )
    grade = latest.overall_grade
    result = MET if grade <= at_least else NOT_MET
    return result, f"{school.label}: latest {latest.description} — {wanted} needed"


# --- a school that moved up (the turnaround head) ---------------------------------------------


def _validate_moved_up(params):
    _roles_param(params)
    value = params.get("recent_years")
    _expect(isinstance(value, int) and not isinstance(value, bool) and value > 0, "params.recent_years must be >= 1")
    for pair in params.get("excluded_moves", []):
        _expect(
            isinstance(pair, list) and len(pair) == 2 and all(p in GRADES for p in pair),
            f"params.excluded_moves: each move is [from, to] with grades from {', '.join(GRADES)}",
        )


@_rule("rating_moved_up", _validate_moved_up)
def rating_moved_up(params: dict, ctx: Context) -> tuple[str, str]:
    """Seed 004 §11 i: "recent experience of leading a school that has moved up by at least one
    Ofsted rating (excluding inadequate to requires improvement)". A move counts when the later
    of two successive overall grades falls while the person led the school and within the recent
    years the set names; the earlier grade may predate them (they took over the school)."""
    facts = ctx.facts
    if facts.posts is None:
        return NEEDS_EVIDENCE, "No posts given: evidence of leading a school that moved up is needed"
    excluded = {(GRADES[a], GRADES[b]) for a, b in params.get("excluded_moves", [])}
    since = _years_before(facts.as_of, params["recent_years"])
    since_label = f"{since.day} {since:%B %Y}"
    seen_excluded, no_grade, unknown = [], [], []
    for post, start, end in _periods(facts, params["roles"]):
        school = facts.school(post.school_urn)
        if school is None:
            unknown.append(str(post.school_urn or "a school not named"))
            continue
        previous = None
        for inspection in school.ordered_inspections():
            in_post = start < inspection.inspected_on <= end and inspection.inspected_on >= since
            if inspection.overall_grade is None:
                if in_post:
                    no_grade.append(f"{school.label}: {inspection.description}")
                continue
            if in_post and previous is not None and inspection.overall_grade < previous.overall_grade:
                move = (previous.overall_grade, inspection.overall_grade)
                text = f"{school.label} moved from {_grade_name(move[0])} to {_grade_name(move[1])} ({inspection.when})"
                if move in excluded:
                    seen_excluded.append(text)
                else:
                    return MET, f"{text} while the person led it — since {since_label} counts as recent"
            previous = inspection
    if no_grade:
        return NEEDS_EVIDENCE, (
            f"No qualifying move in the grades on record, but {'; '.join(no_grade)}: "
            "an assessor must judge the improvement on evidence"
        )
    if unknown:
        return NEEDS_EVIDENCE, f"No inspections given for the school(s) led ({', '.join(unknown)}): evidence is needed"
    if seen_excluded:
        return NOT_MET, f"{'; '.join(seen_excluded)}: this move is excluded by the route"
    return NOT_MET, f"No school the person led moved up by an Ofsted rating since {since_label}"


# --- a sponsored academy out of RI (the transformative MAT CEO) -------------------------------


def _validate_out_of(params):
    _grade_param(params, "from", "requires_improvement")
    _grade_param(params, "to_at_least", "good")


@_rule("sponsored_academy_moved_out", _validate_out_of)
def sponsored_academy_moved_out(params: dict, ctx: Context) -> tuple[str, str]:
    """Seed 004 §11 iii: "experience of moving at least one sponsored academy out of RI". Read
    from the schools given as sponsored academies: an overall grade of requires improvement
    followed by a good or better one."""
    grade_from = GRADES[params.get("from", "requires_improvement")]
    to_at_least = GRADES[params.get("to_at_least", "good")]
    academies = [s for s in ctx.facts.schools if s.sponsored_academy]
    if not academies:
        return (
            NEEDS_EVIDENCE,
            "No sponsored academy given: evidence of moving one out of requires improvement is needed",
        )
    no_grade = []
    for school in academies:
        previous = None
        for inspection in school.ordered_inspections():
            if inspection.overall_grade is None:
                if previous is not None and previous.overall_grade == grade_from:
                    no_grade.append(f"{school.label}: {inspection.description}")
                continue
            if (
                previous is not None
                and previous.overall_grade == grade_from
                and inspection.overall_grade <= to_at_least
            ):
                return MET, (
                    f"{school.label} moved from {_grade_name(grade_from)} to "
                    f"{_grade_name(inspection.overall_grade)} ({inspection.when})"
                )
            previous = inspection
    if no_grade:
        return (
            NEEDS_EVIDENCE,
            f"{'; '.join(no_grade)} after {_grade_name(grade_from)}: an assessor must judge on evidence",
        )
    return NOT_MET, f"None of the {len(academies)} sponsored academies given moved out of {_grade_name(grade_from)}"


# --- accountable for a school meeting the school criteria -------------------------------------


def _validate_group(params):
    _expect(isinstance(params.get("group"), str), "params.group must name a group of this set")


@_rule("accountable_school_meets_group", _validate_group)
def accountable_school_meets_group(params: dict, ctx: Context) -> tuple[str, str]:
    """Seed 000, Criteria: "have accountability for one or more school(s) that meet the criteria
    below". Each school the person is accountable for is checked against that group; one meeting
    it is enough."""
    schools = [s for s in ctx.facts.schools if s.accountable]
    if not schools:
        return NEEDS_EVIDENCE, "No school the person is accountable for is given"
    outcomes = [(school, *ctx.group_on_school(params["group"], school)) for school in schools]
    for result in (MET, NEEDS_EVIDENCE):
        found = [school.label for school, r, _ in outcomes if r == result]
        if found:
            verb = "meets" if result == MET else "may meet (needs evidence for)"
            return result, f"{', '.join(found)} {verb} the school criteria"
    return (
        NOT_MET,
        f"None of the schools the person is accountable for meets the school criteria ({len(schools)} checked)",
    )
