"""Decision table for the Yorkshire and Humber LLE criteria (seed 000, Criteria): facts -> the
expected result of each criterion, with a fragment of the reason a person reads."""

import pytest

from domain.designation.criteria import MET, NEEDS_EVIDENCE, NOT_MET, get_set, load_sets

from .builders import (
    OTHER_URN,
    add_school,
    changed,
    criterion,
    declare,
    evaluation,
    graded,
    inspections,
    judge,
    lle_base,
    met,
    no_posts,
    no_school,
    not_met,
    posts,
    report_card,
    school_field,
    ungraded,
)

FILE_SETS = load_sets()  # the JSON files: the engine's fixtures (stored versions start from them)

OTHER_GOOD_SCHOOL = {
    "urn": OTHER_URN,
    "name": "Second Primary School",
    "accountable": True,
    "inspections": [graded("2024-01-10", "good")],
}

# (criterion, what the row shows, changes to the base facts, expected result, a fragment of the reason)
TABLE = [
    # --- "at least 3 years of experience as a serving headteacher (including any period as acting
    # head or head of school)" (seed 000) ---
    ("years_as_head", "4 years as head", [], MET, "4 years 2 months as a serving head"),
    ("years_as_head", "exactly 3 years", [posts(("headteacher", "2023-11-22", None))], MET, "3 years as"),
    (
        "years_as_head",
        "a day short of 3 years",
        [posts(("headteacher", "2023-11-23", None))],
        NOT_MET,
        "2 years 11 months",
    ),
    (
        "years_as_head",
        "acting head time counts toward the 3 years",
        [posts(("acting_head", "2023-01-01", "2023-09-01"), ("headteacher", "2023-09-01", None))],
        MET,
        "(including 7 months as acting head) — at least 3 years needed",
    ),
    (
        "years_as_head",
        "head of school time counts toward the 3 years",
        [posts(("head_of_school", "2022-09-01", "2024-09-01"), ("headteacher", "2024-09-01", None))],
        MET,
        "including 2 years as head of school",
    ),
    (
        "years_as_head",
        "deputy head time does not count",
        [posts(("deputy_head", "2020-09-01", "2024-09-01"), ("headteacher", "2024-09-01", None))],
        NOT_MET,
        "2 years 2 months as a serving head",
    ),
    (
        "years_as_head",
        "overlapping posts count once",
        [posts(("acting_head", "2024-09-01", "2026-09-01"), ("headteacher", "2024-09-01", None))],
        NOT_MET,
        "2 years 2 months",
    ),
    (
        "years_as_head",
        "ended headships add up",
        [posts(("headteacher", "2015-09-01", "2017-09-01"), ("headteacher", "2025-09-01", None))],
        MET,
        "3 years 2 months",
    ),
    (
        "years_as_head",
        "a headship starting later is ignored",
        [posts(("headteacher", "2027-01-01", None))],
        NOT_MET,
        "0 months",
    ),
    ("years_as_head", "no posts given", [no_posts], NEEDS_EVIDENCE, "No posts given"),
    # --- leader: "have an Ofsted rating of good" (seed 000): the current school, good or better ---
    ("leader_school_rated_good", "good", [], MET, "Good — good or better needed"),
    ("leader_school_rated_good", "outstanding", [inspections(graded("2023-06-14", "outstanding"))], MET, "Outstanding"),
    (
        "leader_school_rated_good",
        "requires improvement",
        [inspections(graded("2023-06-14", "requires_improvement"))],
        NOT_MET,
        "Requires improvement",
    ),
    (
        "leader_school_rated_good",
        "inadequate",
        [inspections(graded("2023-06-14", "inadequate"))],
        NOT_MET,
        "Inadequate",
    ),
    (
        "leader_school_rated_good",
        "the latest grade counts, not the best",
        [inspections(graded("2019-06-14", "outstanding"), graded("2024-06-14", "requires_improvement"))],
        NOT_MET,
        "Requires improvement",
    ),
    (
        "leader_school_rated_good",
        "latest inspection ungraded (from September 2024)",
        [inspections(graded("2019-06-14", "good"), ungraded("2025-03-05"))],
        NEEDS_EVIDENCE,
        "the last overall grade was Good (14 June 2019)",
    ),
    (
        "leader_school_rated_good",
        "latest inspection a report card (from November 2025)",
        [inspections(graded("2019-06-14", "requires_improvement"), report_card("2026-01-20"))],
        NEEDS_EVIDENCE,
        "report card on 20 January 2026, with no overall grade",
    ),
    ("leader_school_rated_good", "never inspected", [inspections()], NEEDS_EVIDENCE, "No inspection on record"),
    ("leader_school_rated_good", "no school given", [no_school], NEEDS_EVIDENCE, "No current school given"),
    # --- declarations (seed 000) ---
    ("stay_two_years", "declared", [], MET, "Declared"),
    ("stay_two_years", "declared not", [declare("stay_two_years", False)], NOT_MET, "declared that this is not so"),
    ("stay_two_years", "not yet declared", [declare("stay_two_years", None)], NEEDS_EVIDENCE, "Not yet declared"),
    ("governing_body_support", "declared", [], MET, "Declared"),
    ("governing_body_support", "declared not", [declare("governing_body_support", False)], NOT_MET, "not so"),
    (
        "governing_body_support",
        "not yet declared",
        [declare("governing_body_support", None)],
        NEEDS_EVIDENCE,
        "Not yet",
    ),
    ("time_induction_training", "declared", [], MET, "Declared"),
    ("time_induction_training", "declared not", [declare("time_induction_training", False)], NOT_MET, "not so"),
    (
        "time_induction_training",
        "not yet declared",
        [declare("time_induction_training", None)],
        NEEDS_EVIDENCE,
        "Not yet",
    ),
    # --- assessor's judgements on evidence (seed 000) ---
    ("capacity_to_support", "judged met", [], MET, "Judged met by Assessor A"),
    ("capacity_to_support", "judged not met", [judge("capacity_to_support", not_met())], NOT_MET, "Judged not met"),
    (
        "capacity_to_support",
        "not yet judged",
        [judge("capacity_to_support", None)],
        NEEDS_EVIDENCE,
        "An assessor must judge",
    ),
    ("coaching_experience", "judged met", [], MET, "Judged met"),
    ("coaching_experience", "judged not met", [judge("coaching_experience", not_met())], NOT_MET, "Judged not met"),
    (
        "coaching_experience",
        "not yet judged",
        [judge("coaching_experience", None)],
        NEEDS_EVIDENCE,
        "coaching or mentoring",
    ),
    # --- "have accountability for one or more school(s) that meet the criteria below" ---
    ("accountable_for_eligible_school", "the current school meets them", [], MET, "Example Primary School meets"),
    (
        "accountable_for_eligible_school",
        "the current school does not, another accountable school does",
        [
            inspections(graded("2024-01-10", "requires_improvement")),
            add_school(OTHER_GOOD_SCHOOL),
            *(
                judge(f"{key}@{OTHER_URN}", met())
                for key in ("pupil_performance", "above_minimum_standards", "senior_leader_capacity")
            ),
        ],
        MET,
        "Second Primary School meets",
    ),
    (
        "accountable_for_eligible_school",
        "another school not yet judged needs evidence",
        [inspections(graded("2024-01-10", "requires_improvement")), add_school(OTHER_GOOD_SCHOOL)],
        NEEDS_EVIDENCE,
        "Second Primary School may meet",
    ),
    (
        "accountable_for_eligible_school",
        "a school the person is not accountable for does not count",
        [
            inspections(graded("2024-01-10", "requires_improvement")),
            add_school({**OTHER_GOOD_SCHOOL, "accountable": False}),
            *(
                judge(f"{key}@{OTHER_URN}", met())
                for key in ("pupil_performance", "above_minimum_standards", "senior_leader_capacity")
            ),
        ],
        NOT_MET,
        "None of the schools",
    ),
    (
        "accountable_for_eligible_school",
        "the only school is RI",
        [inspections(graded("2024-01-10", "requires_improvement"))],
        NOT_MET,
        "1 checked",
    ),
    (
        "accountable_for_eligible_school",
        "the only school is ungraded",
        [inspections(ungraded("2025-10-01"))],
        NEEDS_EVIDENCE,
        "may meet",
    ),
    ("accountable_for_eligible_school", "no school given", [no_school], NEEDS_EVIDENCE, "No school"),
    # --- the school: "have an Ofsted rating of good" (seed 000), good or better ---
    ("school_rated_good", "good", [], MET, "Good"),
    ("school_rated_good", "outstanding", [inspections(graded("2022-01-10", "outstanding"))], MET, "Outstanding"),
    (
        "school_rated_good",
        "requires improvement",
        [inspections(graded("2022-01-10", "requires_improvement"))],
        NOT_MET,
        "Requires improvement",
    ),
    (
        "school_rated_good",
        "ungraded inspection",
        [inspections(ungraded("2025-01-10"))],
        NEEDS_EVIDENCE,
        "ungraded inspection on 10 January 2025",
    ),
    ("school_rated_good", "report card", [inspections(report_card("2025-12-01"))], NEEDS_EVIDENCE, "report card"),
    ("school_rated_good", "no school given", [no_school], NEEDS_EVIDENCE, "No current school"),
    ("pupil_performance", "judged met", [], MET, "Judged met"),
    ("pupil_performance", "judged not met", [judge("pupil_performance", not_met())], NOT_MET, "Judged not met"),
    ("pupil_performance", "not yet judged", [judge("pupil_performance", None)], NEEDS_EVIDENCE, "assessor"),
    ("above_minimum_standards", "judged met", [], MET, "Judged met"),
    (
        "above_minimum_standards",
        "judged not met",
        [judge("above_minimum_standards", not_met())],
        NOT_MET,
        "Judged not met",
    ),
    (
        "above_minimum_standards",
        "not yet judged",
        [judge("above_minimum_standards", None)],
        NEEDS_EVIDENCE,
        "minimum standards",
    ),
    ("senior_leader_capacity", "judged met", [], MET, "Judged met"),
    (
        "senior_leader_capacity",
        "judged not met",
        [judge("senior_leader_capacity", not_met())],
        NOT_MET,
        "Judged not met",
    ),
    (
        "senior_leader_capacity",
        "not yet judged",
        [judge("senior_leader_capacity", None)],
        NEEDS_EVIDENCE,
        "senior team",
    ),
    # --- "If you are applying as a sixth form college, you must be able to show evidence of
    # supporting schools in addition to any support provided to sixth form colleges." (seed 000) ---
    ("sixth_form_college_supports_schools", "not a sixth form college: does not apply", [], MET, "Does not apply"),
    (
        "sixth_form_college_supports_schools",
        "a sixth form college (by its type) with no evidence yet",
        [school_field("type_name", "Sixth Form College")],
        NEEDS_EVIDENCE,
        "is a sixth form college. An assessor must judge this on evidence: Evidence of support given to schools",
    ),
    (
        "sixth_form_college_supports_schools",
        "a sixth form college that shows support to schools",
        [
            school_field("sixth_form_college", True),
            judge("sixth_form_college_supports_schools", met("Supported 3 schools")),
        ],
        MET,
        "Supported 3 schools",
    ),
    (
        "sixth_form_college_supports_schools",
        "a sixth form college that supported only other colleges",
        [school_field("sixth_form_college", True), judge("sixth_form_college_supports_schools", not_met())],
        NOT_MET,
        "Judged not met",
    ),
    ("sixth_form_college_supports_schools", "no school given", [no_school], NEEDS_EVIDENCE, "cannot tell"),
]


@pytest.mark.parametrize(
    ("criterion_id", "changes", "expected", "fragment"),
    [
        pytest.param(cid, changes, expected, fragment, id=f"{cid}: {why}")
        for cid, why, changes, expected, fragment in TABLE
    ],
)
def test_lle_criterion(criterion_id, changes, expected, fragment):
    result = criterion("yh-lle", changed(lle_base(), *changes), criterion_id)
    assert result.result == expected, result.reason
    assert fragment in result.reason


def test_the_table_covers_every_shipped_lle_criterion_and_each_result():
    shipped = {c.id for g in get_set("yh-lle", FILE_SETS).groups for c in g.criteria}
    covered = {(cid, expected) for cid, _, _, expected, _ in TABLE}
    assert shipped == {cid for cid, _ in covered}
    for cid in shipped:
        assert {MET, NEEDS_EVIDENCE} <= {e for c, e in covered if c == cid}, cid


def test_sixth_form_college_does_not_apply_to_other_schools():
    result = criterion("yh-lle", lle_base(), "sixth_form_college_supports_schools")
    assert result.applies is False
    college = criterion(
        "yh-lle", changed(lle_base(), school_field("sixth_form_college", True)), "sixth_form_college_supports_schools"
    )
    assert college.applies is True


def test_every_criterion_met_makes_the_leader_eligible():
    result = evaluation("yh-lle", lle_base())
    assert result.result == MET
    assert result.reason == "Eligible: every criterion is met"
    assert [g.result for g in result.groups] == [MET, MET]


def test_one_criterion_not_met_makes_the_leader_not_eligible_and_names_it():
    result = evaluation("yh-lle", changed(lle_base(), declare("stay_two_years", False)))
    assert result.result == NOT_MET
    assert result.reason == (
        "Not eligible: 1 criterion not met: expect to remain at your current school for at least 2 years "
        "after being selected (Criteria for the leader)"
    )


def test_a_school_with_no_overall_grade_leaves_the_outcome_open_never_refused():
    raw = changed(lle_base(), inspections(graded("2019-06-14", "requires_improvement"), ungraded("2025-03-05")))
    result = evaluation("yh-lle", raw)
    assert result.result == NEEDS_EVIDENCE
    assert "none is not met" in result.reason
    assert "have an Ofsted rating of good (Criteria for the leader)" in result.reason
    assert "have an Ofsted rating of good (Criteria for the headteacher's school)" in result.reason
