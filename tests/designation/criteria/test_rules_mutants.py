"""The criteria rules (domain/designation/criteria/rules.py) as decision tables, written to kill the
mutants `make mutate` found surviving (docs/testing.md, "Mutation testing"). Each row states a rule:
the exact message a set's author is shown for a bad parameter, the defaults a set may leave out,
how a post or role the labels do not know is written, and how separate periods in post add up."""

# ruff: noqa: E501 - one row of a decision table a line

import datetime as dt
import re

import pytest

from domain.designation.criteria import MET, NEEDS_EVIDENCE, NOT_MET
from domain.designation.criteria.facts import Facts
from domain.designation.criteria.rules import RULES, ParamError, _years_before

from .test_criteria_boundaries import AS_OF, HEADS, OTHER_URN, check, graded, post, school, ungraded

GRADE_NAMES = "outstanding, good, requires_improvement, inadequate"
MOVED_UP = "rating_moved_up"

# --- the parameters a set gives each rule: checked when the set loads -------------------------

# rule, params, the message (None: the parameters are valid)
PARAMETERS = [
    # ofsted_rating: "at_least" is a grade, good when left out (issue 3: "rated good" is good or better).
    ("ofsted_rating", {}, None),
    ("ofsted_rating", {"at_least": "outstanding"}, None),
    ("ofsted_rating", {"at_least": "excellent"}, f"params.at_least must be one of {GRADE_NAMES}, not 'excellent'"),
    # sponsored_academy_moved_out (seed 004 §11 iii): "from" and "to_at_least" are grades.
    ("sponsored_academy_moved_out", {}, None),
    ("sponsored_academy_moved_out", {"from": "poor"}, f"params.from must be one of {GRADE_NAMES}, not 'poor'"),
    (
        "sponsored_academy_moved_out",
        {"to_at_least": "great"},
        f"params.to_at_least must be one of {GRADE_NAMES}, not 'great'",
    ),
    # accountable_school_meets_group (seed 000, Criteria): names a group of the set.
    ("accountable_school_meets_group", {"group": "school"}, None),
    ("accountable_school_meets_group", {}, "params.group must name a group of this set"),
    ("accountable_school_meets_group", {"group": 3}, "params.group must name a group of this set"),
    # rating_moved_up (seed 004 §11 i): "recent experience" is a whole number of years, 1 or more.
    (MOVED_UP, {"roles": HEADS, "recent_years": 1}, None),
    (MOVED_UP, {"roles": HEADS, "recent_years": 0}, "params.recent_years must be >= 1"),
    (MOVED_UP, {"roles": HEADS, "recent_years": -1}, "params.recent_years must be >= 1"),
    (MOVED_UP, {"roles": HEADS, "recent_years": True}, "params.recent_years must be >= 1"),
    (MOVED_UP, {"roles": HEADS, "recent_years": 2.5}, "params.recent_years must be >= 1"),
    # ... and each excluded move is a pair of grades ("excluding inadequate to requires improvement").
    (MOVED_UP, {"roles": HEADS, "recent_years": 5, "excluded_moves": [["inadequate", "requires_improvement"]]}, None),
    (
        MOVED_UP,
        {"roles": HEADS, "recent_years": 5, "excluded_moves": [["inadequate"]]},
        f"params.excluded_moves: each move is [from, to] with grades from {GRADE_NAMES}",
    ),
    (
        MOVED_UP,
        {"roles": HEADS, "recent_years": 5, "excluded_moves": [["good", "great"]]},
        f"params.excluded_moves: each move is [from, to] with grades from {GRADE_NAMES}",
    ),
    (
        MOVED_UP,
        {"roles": HEADS, "recent_years": 5, "excluded_moves": [["good", "good", "good"]]},
        f"params.excluded_moves: each move is [from, to] with grades from {GRADE_NAMES}",
    ),
]


@pytest.mark.parametrize(
    ("rule", "params", "message"), PARAMETERS, ids=[f"{r} {p} -> {m or 'valid'}" for r, p, m in PARAMETERS]
)
def test_a_rules_parameters_are_checked_when_the_set_loads_with_a_message_naming_the_parameter(rule, params, message):
    if message is None:
        RULES[rule].validate(params)
    else:
        with pytest.raises(ParamError, match=f"^{re.escape(message)}$"):
            RULES[rule].validate(params)


# --- current_post: a post the labels do not know is written in words ----------------------------

# roles asked for, the person's post, result, reason
CURRENT_POST = [
    (
        ["headteacher", "form_tutor"],
        "",
        NEEDS_EVIDENCE,
        "No current post given: must be serving as headteacher or form tutor",
    ),
    (["headteacher"], "lunch_supervisor", NOT_MET, "Serving as lunch supervisor, not as headteacher"),
    (["form_tutor"], "form_tutor", MET, "Serving as form tutor"),
    (["acting_head"], "head_of_school", NOT_MET, "Serving as head of school, not as acting head"),
]


@pytest.mark.parametrize(("roles", "current", "result", "reason"), CURRENT_POST)
def test_the_current_post_is_named_in_words_even_when_the_set_names_a_post_without_a_label(
    roles, current, result, reason
):
    assert check("current_post", {"roles": roles}, Facts(as_of=AS_OF, post=current)) == (result, reason)


# --- ofsted_rating: "rated good" unless the set says otherwise ----------------------------------

OFSTED_DEFAULT = [
    # the latest graded inspection, result, the end of the reason
    (graded("2023-06-14", 2), MET, "good or better needed"),
    (graded("2023-06-14", 3), NOT_MET, "good or better needed"),
]


@pytest.mark.parametrize(("latest", "result", "ending"), OFSTED_DEFAULT)
def test_a_set_that_gives_no_grade_asks_for_good_or_better(latest, result, ending):
    got = check("ofsted_rating", {}, Facts(as_of=AS_OF), school_facts=school(latest))
    assert got[0] == result
    assert got[1].endswith(f" — {ending}")


def test_an_ungraded_latest_inspection_with_no_graded_one_before_names_no_earlier_grade():
    """Issue 3: an inspection with no overall grade needs evidence, never "not met"."""
    subject = school(ungraded("2025-01-15"))
    result, reason = check("ofsted_rating", {}, Facts(as_of=AS_OF), school_facts=subject)
    assert result == NEEDS_EVIDENCE
    assert re.fullmatch(
        r"The latest inspection of School 100001 \([^;)]*\): an assessor must judge on evidence whether it is good or better",
        reason,
    ), reason


# --- years_in_post: separate periods add up ------------------------------------------------------


def test_three_separate_headships_add_up_to_the_three_years():
    """Seed 000, Criteria: "at least 3 years of experience as a serving headteacher": time in post is
    added up over every headship, not only the last two."""
    posts = (
        post("headteacher", "2016-08-31", "2017-09-01", urn=1),  # 366 days
        post("headteacher", "2018-09-01", "2019-09-01", urn=2),
        post("headteacher", "2021-09-01", "2022-09-01", urn=3),
    )
    params = {"min_years": 3, "roles": HEADS, "label": "as a serving head"}
    assert check("years_in_post", params, Facts(as_of=AS_OF, posts=posts)) == (
        MET,
        "3 years as a serving head — at least 3 years needed",
    )


# --- the calendar helper: no year before year 1 ---------------------------------------------------


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (dt.date(2026, 11, 22), 3, dt.date(2023, 11, 22)),
        (dt.date(2028, 2, 29), 1, dt.date(2027, 2, 28)),
        (dt.date(2026, 11, 22), 2025, dt.date(1, 11, 22)),
        (dt.date(2026, 11, 22), 2026, dt.date.min),
        (dt.date(2026, 11, 22), 2027, dt.date.min),
    ],
)
def test_the_same_day_years_earlier_is_the_earliest_date_when_there_is_no_such_year(day, years, expected):
    assert _years_before(day, years) == expected


# --- more parameters: years and roles ---------------------------------------------------------------

MORE_PARAMETERS = [
    ("years_in_post", {"min_years": 0.5, "roles": HEADS}, None),
    ("years_in_post", {"min_years": 1, "roles": HEADS}, None),
    ("years_in_post", {"min_years": 0, "roles": HEADS}, "params.min_years must be a number above 0"),
    (
        "current_post",
        {"roles": [""]},
        'params.roles must be a non-empty list of posts, e.g. ["headteacher", "acting_head"]',
    ),
]


@pytest.mark.parametrize(
    ("rule", "params", "message"), MORE_PARAMETERS, ids=[f"{r} {p} -> {m or 'valid'}" for r, p, m in MORE_PARAMETERS]
)
def test_years_must_be_above_nought_and_each_post_named(rule, params, message):
    test_a_rules_parameters_are_checked_when_the_set_loads_with_a_message_naming_the_parameter(rule, params, message)


# --- years_in_post: part years and one month -------------------------------------------------------

# params, the person's posts, result, reason
PART_YEARS = [
    # half a year is 182.6 days; 100 days are not enough
    (
        {"min_years": 0.5, "roles": HEADS, "label": "as a serving head"},
        (post("headteacher", "2026-08-14"),),
        NOT_MET,
        "3 months as a serving head — at least 0.5 years needed",
    ),
    # one month is "1 month", not "1 months"
    (
        {"min_years": 1, "roles": HEADS},
        (post("headteacher", "2025-10-22"),),
        MET,
        "1 year 1 month as a serving head — at least 1 year needed",
    ),
]


@pytest.mark.parametrize(("params", "held", "result", "reason"), PART_YEARS)
def test_part_years_are_days_of_an_average_year_and_one_month_is_singular(params, held, result, reason):
    assert check("years_in_post", params, Facts(as_of=AS_OF, posts=held)) == (result, reason)


# --- rating_moved_up (seed 004 §11 i): what each outcome says ------------------------------------

RECENT = {"roles": HEADS, "recent_years": 5}  # no excluded moves: none are excluded
EXCLUDING = {**RECENT, "excluded_moves": [["inadequate", "requires_improvement"]]}
SINCE = "since 22 November 2021 counts as recent"
RI_TO_GOOD = school(graded("2019-01-01", 3), graded("2023-01-01", 2))
MOVED = f"School 100001 moved from requires improvement to good (1 January 2023) while the person led it — {SINCE}"
UNGRADED_2023 = "School 100001: ungraded inspection on 1 January 2023, with no overall grade"
UNGRADED_2025 = "School 100001: ungraded inspection on 1 January 2025, with no overall grade"

# why, params, posts, schools, result, reason
MOVES = [
    (
        "no posts given",
        RECENT,
        None,
        (),
        NEEDS_EVIDENCE,
        "No posts given: evidence of leading a school that moved up is needed",
    ),
    (
        "a school with no number",
        RECENT,
        (post("headteacher", "2020-01-01", urn=None),),
        (),
        NEEDS_EVIDENCE,
        "No inspections given for the school(s) led (a school not named): evidence is needed",
    ),
    (
        "two schools with no inspections",
        RECENT,
        (post("headteacher", "2020-01-01", "2021-01-01"), post("headteacher", "2021-01-01", urn=OTHER_URN)),
        (),
        NEEDS_EVIDENCE,
        "No inspections given for the school(s) led (100001, 100002): evidence is needed",
    ),
    (
        "an unknown school, then one that moved up",
        RECENT,
        (post("headteacher", "2020-01-01", "2021-01-01", urn=555), post("headteacher", "2021-01-01")),
        (RI_TO_GOOD,),
        MET,
        MOVED,
    ),
    (
        "an ungraded inspection between the grades",
        RECENT,
        (post("headteacher", "2020-01-01"),),
        (school(graded("2019-01-01", 3), ungraded("2019-06-01"), graded("2023-01-01", 2)),),
        MET,
        MOVED,
    ),
    (
        "good, then good again: not a move up",
        RECENT,
        (post("headteacher", "2020-01-01"),),
        (school(graded("2022-01-01", 2), graded("2024-01-01", 2)),),
        NOT_MET,
        "No school the person led moved up by an Ofsted rating since 22 November 2021",
    ),
    (
        "two ungraded inspections in post",
        RECENT,
        (post("headteacher", "2020-01-01"),),
        (school(graded("2019-01-01", 2), ungraded("2023-01-01"), ungraded("2025-01-01")),),
        NEEDS_EVIDENCE,
        f"No qualifying move in the grades on record, but {UNGRADED_2023}; {UNGRADED_2025}: an assessor must judge the improvement on evidence",
    ),
    (
        "two excluded moves",
        EXCLUDING,
        (post("headteacher", "2020-01-01", "2023-06-01"), post("headteacher", "2023-06-01", urn=OTHER_URN)),
        (
            school(graded("2019-01-01", 4), graded("2023-01-01", 3)),
            school(graded("2019-01-01", 4), graded("2024-01-01", 3), urn=OTHER_URN),
        ),
        NOT_MET,
        "School 100001 moved from inadequate to requires improvement (1 January 2023); School 100002 moved from inadequate to requires improvement (1 January 2024): this move is excluded by the route",
    ),
]


@pytest.mark.parametrize(("why", "params", "held", "schools", "result", "reason"), MOVES, ids=[m[0] for m in MOVES])
def test_a_school_that_moved_up_while_the_person_led_it(why, params, held, schools, result, reason):
    assert check(MOVED_UP, params, Facts(as_of=AS_OF, posts=held, schools=schools)) == (result, reason)


# --- sponsored_academy_moved_out (seed 004 §11 iii) -------------------------------------------------


def academy(*inspections):
    return school(*inspections, sponsored_academy=True)


UNGRADED_ACADEMY = "School 100001: ungraded inspection on 1 January 2021, with no overall grade; School 100001: ungraded inspection on 1 January 2023, with no overall grade"

# why, params, academies, result, reason
OUT_OF_RI = [
    (
        "no academy given",
        {},
        (),
        NEEDS_EVIDENCE,
        "No sponsored academy given: evidence of moving one out of requires improvement is needed",
    ),
    (
        "out of inadequate, when the set says so",
        {"from": "inadequate"},
        (academy(graded("2019-01-01", 4), graded("2023-01-01", 2)),),
        MET,
        "School 100001 moved from inadequate to good (1 January 2023)",
    ),
    (
        "to good, when the set asks for outstanding",
        {"to_at_least": "outstanding"},
        (academy(graded("2019-01-01", 3), graded("2023-01-01", 2)),),
        NOT_MET,
        "None of the 1 sponsored academies given moved out of requires improvement",
    ),
    (
        "an ungraded inspection between RI and good",
        {},
        (academy(graded("2019-01-01", 3), ungraded("2021-01-01"), graded("2023-01-01", 2)),),
        MET,
        "School 100001 moved from requires improvement to good (1 January 2023)",
    ),
    (
        "two ungraded inspections after RI",
        {},
        (academy(graded("2019-01-01", 3), ungraded("2021-01-01"), ungraded("2023-01-01")),),
        NEEDS_EVIDENCE,
        f"{UNGRADED_ACADEMY} after requires improvement: an assessor must judge on evidence",
    ),
]


@pytest.mark.parametrize(("why", "params", "academies", "result", "reason"), OUT_OF_RI, ids=[o[0] for o in OUT_OF_RI])
def test_a_sponsored_academy_moved_out_of_the_grade_the_set_names(why, params, academies, result, reason):
    assert check("sponsored_academy_moved_out", params, Facts(as_of=AS_OF, schools=academies)) == (result, reason)


def test_a_person_accountable_for_no_school_given_needs_evidence():
    """Seed 000, Criteria: "have accountability for one or more school(s)"."""
    facts = Facts(as_of=AS_OF, schools=(school(accountable=False),))
    assert check("accountable_school_meets_group", {"group": "school"}, facts) == (
        NEEDS_EVIDENCE,
        "No school the person is accountable for is given",
    )


# --- years_in_post: the time in each other kind of headship is named -----------------------------

# why, roles, posts, reason (each meets the 3 years)
INCLUDING = [
    (
        "a year as executive head, the second role listed",
        HEADS,
        (post("executive_head", "2022-11-22", "2023-11-22"), post("headteacher", "2023-11-22")),
        "4 years as a serving head (including 1 year as executive headteacher) — at least 3 years needed",
    ),
    (
        "a year in a post with no label",
        ["headteacher", "supply_head"],
        (post("supply_head", "2022-11-22", "2023-11-22"), post("headteacher", "2023-11-22")),
        "4 years as a serving head (including 1 year as supply head) — at least 3 years needed",
    ),
    (
        "a year in each of two other headships",
        HEADS,
        (
            post("executive_head", "2021-11-22", "2022-11-22"),
            post("acting_head", "2022-11-22", "2023-11-22"),
            post("headteacher", "2023-11-22"),
        ),
        "5 years as a serving head (including 1 year as executive headteacher and 1 year as acting head) — at least 3 years needed",
    ),
]


@pytest.mark.parametrize(("why", "roles", "held", "reason"), INCLUDING, ids=[i[0] for i in INCLUDING])
def test_time_as_acting_or_executive_head_counts_and_is_named(why, roles, held, reason):
    """Seed 000, Criteria: "(including any period as acting head or head of school)"."""
    assert check("years_in_post", {"min_years": 3, "roles": roles}, Facts(as_of=AS_OF, posts=held)) == (MET, reason)


def test_every_accountable_school_that_meets_the_school_criteria_is_named():
    facts = Facts(as_of=AS_OF, schools=(school(), school(urn=OTHER_URN)))
    got = check(
        "accountable_school_meets_group", {"group": "school"}, facts, group_on_school=lambda group, s: (MET, "")
    )
    assert got == (MET, "School 100001, School 100002 meets the school criteria")
