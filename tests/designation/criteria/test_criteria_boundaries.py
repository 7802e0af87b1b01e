"""Decision tables at the boundaries of every rule of the criteria engine (rules.py): for each
boundary, the day before it, the day itself and the day after, so that a boundary moved by one
day fails a row. Also posts that run past the check date (counted only up to it), posts that
overlap (counted once), posts with no end (counted to the check date), and a check date on a
leap day (29 February 2028).

The rules are called directly with the engine's facts, their parameters written out here (as the
shipped sets give them), so that each row reads as "these facts -> this result, this reason"."""

# ruff: noqa: E501 - one row of a decision table a line

import datetime as dt

import pytest

from domain.designation.criteria import MET, NEEDS_EVIDENCE, NOT_MET
from domain.designation.criteria.facts import Facts, InspectionFact, Post, SchoolFacts
from domain.designation.criteria.rules import RULES, Context

from .builders import changed, criterion, lle_base, posts

AS_OF = dt.date(2026, 11, 22)  # the frozen clock's day
LEAP_DAY = dt.date(2028, 2, 29)
URN, OTHER_URN = 100001, 100002
HEADS = ["headteacher", "executive_head", "acting_head", "head_of_school"]
LEADERS = ["middle_leader", "senior_leader", "assistant_head", "deputy_head", "school_business_manager"]
# As yh-lle gives it (seed 000, Criteria: "at least 3 years of experience as a serving headteacher").
THREE_YEARS_AS_HEAD = {"min_years": 3, "roles": HEADS, "label": "as a serving head"}
# As national-sle gives it (a draft: "at least 2 years of experience as a middle or senior leader").
TWO_YEARS_AS_LEADER = {"min_years": 2, "roles": LEADERS, "label": "as a middle or senior leader"}
# As national-nle gives it (seed 004 §11 i).
MOVED_UP = {"roles": HEADS, "recent_years": 5, "excluded_moves": [["inadequate", "requires_improvement"]]}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def post(role: str, start: str, end: str | None = None, urn: int = URN) -> Post:
    return Post(role=role, start=d(start), end=d(end) if end else None, school_urn=urn)


def graded(day: str, grade: int) -> InspectionFact:
    return InspectionFact(inspected_on=d(day), kind="graded", overall_grade=grade)


def ungraded(day: str) -> InspectionFact:
    return InspectionFact(inspected_on=d(day), kind="ungraded")


def school(*inspections, urn=URN, **fields) -> SchoolFacts:
    return SchoolFacts(urn=urn, name=fields.pop("name", f"School {urn}"), inspections=tuple(inspections), **fields)


def check(rule: str, params: dict, facts: Facts, school_facts=None, group_on_school=None) -> tuple[str, str]:
    RULES[rule].validate(params)
    context = Context(facts=facts, school=school_facts, group_on_school=group_on_school or (lambda *_: (NOT_MET, "")))
    return RULES[rule].check(params, context)


NAMES = {"3y": "years_in_post, 3 years as head", "2y": "years_in_post, 2 years as leader"}


def row(rule, why, expected, fragment, **facts):
    return pytest.param(rule, facts, expected, fragment, id=f"{NAMES.get(rule, rule)}: {why}")


# --- years_in_post ----------------------------------------------------------------------------

YEARS_IN_POST = [
    # The start: exactly 3 years before the check date, a day more, a day less.
    row("3y", "started the day before 3 years back", MET, "3 years as a serving head", posts=[post("headteacher", "2023-11-21")]),
    row("3y", "started 3 years back to the day", MET, "3 years as a serving head", posts=[post("headteacher", "2023-11-22")]),
    row("3y", "started the day after 3 years back", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-23")]),
    # The end, around the check date (the cut-off): a post counts only up to the check date.
    row("3y", "ended the day before the check date", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-22", "2026-11-21")]),
    row("3y", "ends on the check date", MET, "3 years as", posts=[post("headteacher", "2023-11-22", "2026-11-22")]),
    row("3y", "ends the day after the check date: counts to it", MET, "3 years as", posts=[post("headteacher", "2023-11-22", "2026-11-23")]),
    row("3y", "a day short, ending the day after the check date", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-23", "2026-11-23")]),
    row("3y", "a post running months past the check date counts to it", NOT_MET, "2 years 10 months as a serving head", posts=[post("headteacher", "2024-01-10", "2027-08-31")]),
    # Posts that start on or after the check date count for nothing.
    row("3y", "a post starting the day before the check date counts a day", MET, "3 years as", posts=[post("headteacher", "2023-11-22", "2026-11-21"), post("acting_head", "2026-11-21")]),
    row("3y", "a post starting on the check date counts nothing", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-22", "2026-11-21"), post("acting_head", "2026-11-22")]),
    row("3y", "a post starting after the check date counts nothing", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-22", "2026-11-21"), post("acting_head", "2026-11-23", "2028-08-31")]),
    # Posts one after another, overlapping, or the same post given twice: each day counted once.
    row("3y", "back to back posts", MET, "3 years as a serving head (including 1 year 10 months as acting head)", posts=[post("headteacher", "2023-11-22", "2025-01-01"), post("acting_head", "2025-01-01")]),
    row("3y", "a day's gap between posts", NOT_MET, "2 years 11 months", posts=[post("headteacher", "2023-11-22", "2025-01-01"), post("acting_head", "2025-01-02")]),
    row("3y", "overlapping posts counted once", NOT_MET, "2 years 9 months as a serving head", posts=[post("headteacher", "2021-09-01", "2023-09-01"), post("acting_head", "2022-09-01", "2024-06-01")]),
    row("3y", "the same post given twice counted once", NOT_MET, "2 years 2 months as a serving head", posts=[post("headteacher", "2024-09-01"), post("headteacher", "2024-09-01")]),
    row("3y", "a post inside another adds nothing", MET, "4 years 10 months as a serving head —", posts=[post("headteacher", "2022-01-01"), post("acting_head", "2023-01-01", "2024-01-01")]),
    row("3y", "other roles do not count", NOT_MET, "0 months as a serving head", posts=[post("deputy_head", "2015-09-01")]),
    row("3y", "no posts given", NEEDS_EVIDENCE, "No posts given", posts=None),
    # A check date on a leap day: 3 years back is 28 February 2025 (there is no 29th).
    row("3y", "leap day: started the day before 3 years back", MET, "3 years", as_of=LEAP_DAY, posts=[post("headteacher", "2025-02-27")]),
    row("3y", "leap day: started 3 years back (28 February)", MET, "3 years", as_of=LEAP_DAY, posts=[post("headteacher", "2025-02-28")]),
    row("3y", "leap day: started 1 March, a day short", NOT_MET, "2 years 11 months", as_of=LEAP_DAY, posts=[post("headteacher", "2025-03-01")]),
    row("3y", "leap day: a day short, ending after the check date", NOT_MET, "2 years 11 months", as_of=LEAP_DAY, posts=[post("headteacher", "2025-03-01", "2028-03-01")]),
    # Two years (national-sle): the same boundaries, with and without a 29 February between.
    row("2y", "started the day before 2 years back", MET, "2 years as a middle or senior leader", posts=[post("deputy_head", "2024-11-21")]),
    row("2y", "started 2 years back to the day", MET, "2 years as a middle or senior leader", posts=[post("deputy_head", "2024-11-22")]),
    row("2y", "started the day after 2 years back", NOT_MET, "1 year 11 months", posts=[post("deputy_head", "2024-11-23")]),
    row("2y", "leap day: started the day before 2 years back", MET, "2 years", as_of=LEAP_DAY, posts=[post("deputy_head", "2026-02-27")]),
    row("2y", "leap day: started 2 years back (28 February)", MET, "2 years", as_of=LEAP_DAY, posts=[post("deputy_head", "2026-02-28")]),
    row("2y", "leap day: started 1 March, a day short", NOT_MET, "1 year 11 months", as_of=LEAP_DAY, posts=[post("deputy_head", "2026-03-01")]),
    row("2y", "the day after a leap day: started 2 years back", MET, "2 years", as_of=d("2028-03-01"), posts=[post("deputy_head", "2026-03-01")]),
    row("2y", "the day after a leap day: a day short", NOT_MET, "1 year 11 months", as_of=d("2028-03-01"), posts=[post("deputy_head", "2026-03-02")]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), YEARS_IN_POST)
def test_years_in_post(rule, facts, expected, fragment):
    params = THREE_YEARS_AS_HEAD if rule == "3y" else TWO_YEARS_AS_LEADER
    posts_given = facts["posts"]
    result, reason = check(
        "years_in_post",
        params,
        Facts(as_of=facts.get("as_of", AS_OF), posts=None if posts_given is None else tuple(posts_given)),
    )
    assert (result, fragment in reason) == (expected, True), reason


def test_a_post_running_past_the_check_date_is_not_met_through_the_shipped_set():
    """Issue 20: without the cut-off, "not met, 2 years 10 months" became "met, 3 years 7 months"."""
    raw = changed(lle_base(), posts(("headteacher", "2024-01-10", "2027-08-31")))
    result = criterion("yh-lle", raw, "years_as_head")
    assert result.result == NOT_MET
    assert result.reason.startswith("2 years 10 months as a serving head")


# --- current_post -----------------------------------------------------------------------------

CURRENT_POST = [
    row("current_post", "a head", MET, "Serving as headteacher", post="headteacher"),
    row("current_post", "an acting head", MET, "Serving as acting head", post="acting_head"),
    row(
        "current_post", "a deputy", NOT_MET, "Serving as deputy headteacher, not as headteacher or", post="deputy_head"
    ),
    row("current_post", "no current post", NEEDS_EVIDENCE, "No current post given", post=""),
]


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), CURRENT_POST)
def test_current_post(rule, facts, expected, fragment):
    result, reason = check(rule, {"roles": HEADS}, Facts(as_of=AS_OF, post=facts["post"]))
    assert (result, fragment in reason) == (expected, True), reason


# --- ofsted_rating ----------------------------------------------------------------------------

OFSTED_RATING = [
    # The grade boundary of "good or better", and of "outstanding".
    row("ofsted_rating", "outstanding, good needed", MET, "good or better needed", inspections=[graded("2024-03-01", 1)]),
    row("ofsted_rating", "good, good needed", MET, "good or better needed", inspections=[graded("2024-03-01", 2)]),
    row("ofsted_rating", "requires improvement, good needed", NOT_MET, "Requires improvement", inspections=[graded("2024-03-01", 3)]),
    row("ofsted_rating", "good, outstanding needed", NOT_MET, "outstanding needed", at_least="outstanding", inspections=[graded("2024-03-01", 2)]),
    # The latest inspection decides, by a day either way.
    row("ofsted_rating", "good a day after requires improvement", MET, "2 March 2024: Good", inspections=[graded("2024-03-01", 3), graded("2024-03-02", 2)]),
    row("ofsted_rating", "good a day before requires improvement", NOT_MET, "2 March 2024: Requires improvement", inspections=[graded("2024-03-01", 2), graded("2024-03-02", 3)]),
    row("ofsted_rating", "an ungraded inspection a day after a grade", NEEDS_EVIDENCE, "the last overall grade was Requires improvement", inspections=[graded("2024-03-01", 3), ungraded("2024-03-02")]),
    row("ofsted_rating", "a grade a day after an ungraded inspection", NOT_MET, "Requires improvement", inspections=[ungraded("2024-03-01"), graded("2024-03-02", 3)]),
    row("ofsted_rating", "no inspection", NEEDS_EVIDENCE, "No inspection on record", inspections=[]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), OFSTED_RATING)
def test_ofsted_rating(rule, facts, expected, fragment):
    params = {"at_least": facts.get("at_least", "good")}
    the_school = school(*facts["inspections"])
    result, reason = check(rule, params, Facts(as_of=AS_OF, schools=(the_school,)), the_school)
    assert (result, fragment in reason) == (expected, True), reason


# --- rating_moved_up --------------------------------------------------------------------------

HEAD_SINCE_2015 = [post("headteacher", "2015-09-01")]
MOVED_UP_ROWS = [
    # "Recent": 5 years before the check date, 22 November 2021.
    row("rating_moved_up", "moved up the day before the recent years", NOT_MET, "since 22 November 2021", posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2021-11-21", 2)]),
    row("rating_moved_up", "moved up on the first recent day", MET, "moved from requires improvement to good (22 November 2021)", posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2021-11-22", 2)]),
    row("rating_moved_up", "moved up the day after", MET, "(23 November 2021) while the person led it", posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2021-11-23", 2)]),
    # The start of the post: an inspection on the first day was of the previous head's school.
    row("rating_moved_up", "moved up the day before the post began", NOT_MET, "No school the person led moved up", posts=[post("headteacher", "2022-09-01")], inspections=[graded("2020-01-01", 3), graded("2022-08-31", 2)]),
    row("rating_moved_up", "moved up on the post's first day", NOT_MET, "No school the person led moved up", posts=[post("headteacher", "2022-09-01")], inspections=[graded("2020-01-01", 3), graded("2022-09-01", 2)]),
    row("rating_moved_up", "moved up the post's second day", MET, "(2 September 2022) while the person led it", posts=[post("headteacher", "2022-09-01")], inspections=[graded("2020-01-01", 3), graded("2022-09-02", 2)]),
    # The end of the post.
    row("rating_moved_up", "moved up the day before the post ended", MET, "(30 July 2023)", posts=[post("headteacher", "2017-09-01", "2023-07-31")], inspections=[graded("2017-01-01", 3), graded("2023-07-30", 2)]),
    row("rating_moved_up", "moved up on the post's last day", MET, "(31 July 2023)", posts=[post("headteacher", "2017-09-01", "2023-07-31")], inspections=[graded("2017-01-01", 3), graded("2023-07-31", 2)]),
    row("rating_moved_up", "moved up the day after the post ended", NOT_MET, "No school the person led moved up", posts=[post("headteacher", "2017-09-01", "2023-07-31")], inspections=[graded("2017-01-01", 3), graded("2023-08-01", 2)]),
    # The cut-off: nothing after the check date counts, even in a post that runs past it.
    row("rating_moved_up", "moved up on the check date", MET, "(22 November 2026)", posts=[post("headteacher", "2020-09-01", "2027-08-31")], inspections=[graded("2019-01-01", 3), graded("2026-11-22", 2)]),
    row("rating_moved_up", "moved up the day after the check date, in a post running past it", NOT_MET, "No school the person led moved up", posts=[post("headteacher", "2020-09-01", "2027-08-31")], inspections=[graded("2019-01-01", 3), graded("2026-11-23", 2)]),
    row("rating_moved_up", "moved up the day after the check date, in an open post", NOT_MET, "No school the person led moved up", posts=[post("headteacher", "2020-09-01")], inspections=[graded("2019-01-01", 3), graded("2026-11-23", 2)]),
    # A check date on a leap day: 5 years back is 28 February 2023.
    row("rating_moved_up", "leap day: moved up the day before the recent years", NOT_MET, "since 28 February 2023", as_of=LEAP_DAY, posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2023-02-27", 2)]),
    row("rating_moved_up", "leap day: moved up on the first recent day", MET, "(28 February 2023)", as_of=LEAP_DAY, posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2023-02-28", 2)]),
    row("rating_moved_up", "leap day: moved up the day after", MET, "(1 March 2023)", as_of=LEAP_DAY, posts=HEAD_SINCE_2015, inspections=[graded("2014-01-01", 3), graded("2023-03-01", 2)]),
    # The grades: one rating up counts, except inadequate to requires improvement; down never.
    row("rating_moved_up", "inadequate to requires improvement is excluded", NOT_MET, "excluded by the route", posts=HEAD_SINCE_2015, inspections=[graded("2019-01-01", 4), graded("2023-01-01", 3)]),
    row("rating_moved_up", "inadequate to good counts", MET, "moved from inadequate to good", posts=HEAD_SINCE_2015, inspections=[graded("2019-01-01", 4), graded("2023-01-01", 2)]),
    row("rating_moved_up", "good to requires improvement is no move up", NOT_MET, "No school the person led moved up", posts=HEAD_SINCE_2015, inspections=[graded("2019-01-01", 2), graded("2023-01-01", 3)]),
    row("rating_moved_up", "an ungraded inspection while in post", NEEDS_EVIDENCE, "an assessor must judge", posts=HEAD_SINCE_2015, inspections=[graded("2019-01-01", 3), ungraded("2023-01-01")]),
    row("rating_moved_up", "no posts given", NEEDS_EVIDENCE, "No posts given", posts=None, inspections=[]),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), MOVED_UP_ROWS)
def test_rating_moved_up(rule, facts, expected, fragment):
    given = facts["posts"]
    the_facts = Facts(
        as_of=facts.get("as_of", AS_OF),
        posts=None if given is None else tuple(given),
        schools=(school(*facts["inspections"]),),
    )
    result, reason = check(rule, MOVED_UP, the_facts)
    assert (result, fragment in reason) == (expected, True), reason


# --- sponsored_academy_moved_out --------------------------------------------------------------

OUT_OF_RI = [
    # The grade it moved to, around "good".
    row("sponsored_academy_moved_out", "requires improvement to outstanding", MET, "to outstanding", inspections=[graded("2020-01-01", 3), graded("2023-01-01", 1)]),
    row("sponsored_academy_moved_out", "requires improvement to good", MET, "from requires improvement to good (1 January 2023)", inspections=[graded("2020-01-01", 3), graded("2023-01-01", 2)]),
    row("sponsored_academy_moved_out", "requires improvement twice", NOT_MET, "None of the 1 sponsored academies", inspections=[graded("2020-01-01", 3), graded("2023-01-01", 3)]),
    # The grade it moved from: requires improvement, not inadequate.
    row("sponsored_academy_moved_out", "inadequate to good", NOT_MET, "moved out of requires improvement", inspections=[graded("2020-01-01", 4), graded("2023-01-01", 2)]),
    # The order, by a day either way.
    row("sponsored_academy_moved_out", "good the day after requires improvement", MET, "(2 January 2023)", inspections=[graded("2023-01-01", 3), graded("2023-01-02", 2)]),
    row("sponsored_academy_moved_out", "good the day before requires improvement", NOT_MET, "None of the 1", inspections=[graded("2023-01-01", 2), graded("2023-01-02", 3)]),
    row("sponsored_academy_moved_out", "an ungraded inspection after requires improvement", NEEDS_EVIDENCE, "after requires improvement", inspections=[graded("2020-01-01", 3), ungraded("2023-01-01")]),
    row("sponsored_academy_moved_out", "no sponsored academy", NEEDS_EVIDENCE, "No sponsored academy given", inspections=None),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), OUT_OF_RI)
def test_sponsored_academy_moved_out(rule, facts, expected, fragment):
    given = facts["inspections"]
    schools = () if given is None else (school(*given, sponsored_academy=True),)
    result, reason = check(rule, {}, Facts(as_of=AS_OF, schools=schools))
    assert (result, fragment in reason) == (expected, True), reason


# --- accountable_school_meets_group -----------------------------------------------------------

ACCOUNTABLE = [
    row("accountable_school_meets_group", "one of two schools meets the group", MET, "School 100002 meets the school criteria", results={URN: NOT_MET, OTHER_URN: MET}),
    row("accountable_school_meets_group", "one may meet it on evidence", NEEDS_EVIDENCE, "School 100002 may meet", results={URN: NOT_MET, OTHER_URN: NEEDS_EVIDENCE}),
    row("accountable_school_meets_group", "neither meets it", NOT_MET, "(2 checked)", results={URN: NOT_MET, OTHER_URN: NOT_MET}),
    row("accountable_school_meets_group", "the school that meets it is not one the person is accountable for", NOT_MET, "(1 checked)", results={URN: NOT_MET, OTHER_URN: MET}, not_accountable=OTHER_URN),
    row("accountable_school_meets_group", "no school the person is accountable for", NEEDS_EVIDENCE, "No school the person is accountable for", results={}),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "facts", "expected", "fragment"), ACCOUNTABLE)
def test_accountable_school_meets_group(rule, facts, expected, fragment):
    results = facts["results"]
    schools = tuple(school(urn=urn, accountable=urn != facts.get("not_accountable")) for urn in results)
    checked = []

    def group_on_school(group_id, other):
        checked.append((group_id, other.urn))
        return results[other.urn], "checked"

    result, reason = check(rule, {"group": "school"}, Facts(as_of=AS_OF, schools=schools), None, group_on_school)
    assert (result, fragment in reason) == (expected, True), reason
    assert all(group_id == "school" for group_id, _ in checked)


# --- every rule has its table -------------------------------------------------------------------


def test_every_rule_of_the_engine_has_a_decision_table_with_each_of_its_results():
    tables = {
        "years_in_post": YEARS_IN_POST,
        "current_post": CURRENT_POST,
        "ofsted_rating": OFSTED_RATING,
        "rating_moved_up": MOVED_UP_ROWS,
        "sponsored_academy_moved_out": OUT_OF_RI,
        "accountable_school_meets_group": ACCOUNTABLE,
    }
    assert set(tables) == set(RULES)
    for name, table in tables.items():
        assert {param.values[2] for param in table} == {MET, NOT_MET, NEEDS_EVIDENCE}, name
