"""Decision table for the NLE eligibility routes (seed 004 §11 and its footnotes): facts -> the
expected result of each criterion of each route, then the routes together ("meet one of the
following eligibility routes")."""

import pytest

from domain.designation.criteria import MET, NEEDS_EVIDENCE, NOT_MET, get_set, load_sets

from .builders import (
    ACADEMY_URN,
    add_school,
    changed,
    claim,
    criterion,
    evaluation,
    graded,
    inspections,
    judge,
    met,
    nle_base,
    no_posts,
    not_met,
    post,
    posts,
    report_card,
    ungraded,
)

FILE_SETS = load_sets()  # the JSON files: the engine's fixtures (stored versions start from them)

FOOTNOTE_1 = "beacon_not_inspected_during_improvement"
FOOTNOTE_2 = "mat_school_improvement_leader"


def academy(*items):
    return add_school(
        {"urn": ACADEMY_URN, "name": "Sponsored Academy", "sponsored_academy": True, "inspections": list(items)}
    )


TABLE = [
    # --- i. 'Turnaround head': "a headteacher with recent experience of leading a school that has
    # moved up by at least one Ofsted rating (excluding inadequate to requires improvement)" ---
    ("turnaround_is_head", "a headteacher", [], MET, "Serving as headteacher"),
    ("turnaround_is_head", "an executive headteacher", [post("executive_head")], MET, "executive headteacher"),
    (
        "turnaround_is_head",
        "a MAT chief executive",
        [post("mat_ceo")],
        NOT_MET,
        "not as headteacher or executive headteacher",
    ),
    ("turnaround_is_head", "no post given", [post(None)], NEEDS_EVIDENCE, "No current post"),
    (
        "turnaround_moved_up",
        "requires improvement to good while head",
        [],
        MET,
        "moved from requires improvement to good (8 February 2023)",
    ),
    (
        "turnaround_moved_up",
        "inadequate to good (two steps) counts",
        [inspections(graded("2019-01-10", "inadequate"), graded("2023-02-08", "good"))],
        MET,
        "from inadequate to good",
    ),
    (
        "turnaround_moved_up",
        "good to outstanding counts",
        [inspections(graded("2019-01-10", "good"), graded("2023-02-08", "outstanding"))],
        MET,
        "from good to outstanding",
    ),
    (
        "turnaround_moved_up",
        "inadequate to requires improvement is excluded",
        [inspections(graded("2019-01-10", "inadequate"), graded("2023-02-08", "requires_improvement"))],
        NOT_MET,
        "this move is excluded by the route",
    ),
    (
        "turnaround_moved_up",
        "the move came before the head started",
        [posts(("headteacher", "2023-09-01", None))],
        NOT_MET,
        "No school the person led moved up",
    ),
    (
        "turnaround_moved_up",
        "the move is not recent (more than 5 years ago)",
        [
            posts(("headteacher", "2014-09-01", None)),
            inspections(graded("2014-01-10", "requires_improvement"), graded("2016-02-08", "good")),
        ],
        NOT_MET,
        "since 22 November 2021",
    ),
    (
        "turnaround_moved_up",
        "acting head time counts as leading the school",
        [posts(("acting_head", "2022-01-01", "2023-06-01"), ("deputy_head", "2023-06-01", None))],
        MET,
        "while the person led it",
    ),
    (
        "turnaround_moved_up",
        "a grade that fell is not a move up",
        [inspections(graded("2019-01-10", "good"), graded("2023-02-08", "requires_improvement"))],
        NOT_MET,
        "No school the person led moved up",
    ),
    (
        "turnaround_moved_up",
        "after requires improvement, an ungraded inspection (no overall grade)",
        [inspections(graded("2019-01-10", "requires_improvement"), ungraded("2025-02-08"))],
        NEEDS_EVIDENCE,
        "an assessor must judge the improvement",
    ),
    (
        "turnaround_moved_up",
        "after requires improvement, a report card",
        [inspections(graded("2019-01-10", "requires_improvement"), report_card("2026-02-08"))],
        NEEDS_EVIDENCE,
        "report card on 8 February 2026",
    ),
    ("turnaround_moved_up", "no posts given", [no_posts], NEEDS_EVIDENCE, "No posts given"),
    (
        "turnaround_moved_up",
        "the school led is not among the schools given",
        [lambda raw: raw["person"]["posts"][0].update(school_urn=999999)],
        NEEDS_EVIDENCE,
        "No inspections given for the school(s) led (999999)",
    ),
    # --- ii. 'Beacon of excellence': "a headteacher of an outstanding school, with strong
    # performance and progress data", footnote 1 the exception ---
    ("beacon_is_head", "a headteacher", [], MET, "Serving as headteacher"),
    ("beacon_is_head", "a trust leader", [post("trust_leader")], NOT_MET, "Serving as trust leader"),
    ("beacon_is_head", "no post given", [post(None)], NEEDS_EVIDENCE, "No current post"),
    (
        "beacon_outstanding_school",
        "outstanding",
        [inspections(graded("2023-02-08", "outstanding"))],
        MET,
        "Outstanding — outstanding needed",
    ),
    (
        "beacon_outstanding_school",
        "good is not outstanding",
        [],
        NOT_MET,
        "An exception may be claimed: This may include, by exception, a headteacher",
    ),
    (
        "beacon_outstanding_school",
        "footnote 1 claimed, not yet judged",
        [claim(FOOTNOTE_1)],
        NEEDS_EVIDENCE,
        "The applicant claims the exception: an assessor must judge the evidence",
    ),
    (
        "beacon_outstanding_school",
        "footnote 1 judged met: met by exception",
        [claim(FOOTNOTE_1), judge(FOOTNOTE_1, met("Strong progress; no inspection since 2019"))],
        MET,
        "Met by exception, judged by Assessor A: Strong progress; no inspection since 2019",
    ),
    (
        "beacon_outstanding_school",
        "footnote 1 judged not to apply",
        [claim(FOOTNOTE_1), judge(FOOTNOTE_1, not_met())],
        NOT_MET,
        "The exception claimed was judged not to apply",
    ),
    (
        "beacon_outstanding_school",
        "latest inspection ungraded",
        [inspections(graded("2015-02-08", "outstanding"), ungraded("2025-02-08"))],
        NEEDS_EVIDENCE,
        "the last overall grade was Outstanding",
    ),
    ("beacon_performance_data", "judged met", [judge("beacon_performance_data", met())], MET, "Judged met"),
    (
        "beacon_performance_data",
        "judged not met",
        [judge("beacon_performance_data", not_met())],
        NOT_MET,
        "Judged not met",
    ),
    ("beacon_performance_data", "not yet judged", [], NEEDS_EVIDENCE, "performance and progress data"),
    # --- iii. 'Transformative MAT CEO': "the leader of a MAT with strong performance and progress
    # data and experience of moving at least one sponsored academy out of RI", footnote 2 ---
    ("mat_leader", "a MAT chief executive", [post("mat_ceo")], MET, "Serving as MAT chief executive"),
    ("mat_leader", "a headteacher", [], NOT_MET, "An exception may be claimed: In some cases there may be individuals"),
    (
        "mat_leader",
        "a regional director claims footnote 2",
        [post("trust_leader"), claim(FOOTNOTE_2)],
        NEEDS_EVIDENCE,
        "claims the exception",
    ),
    (
        "mat_leader",
        "footnote 2 judged met: met by exception",
        [post("trust_leader"), claim(FOOTNOTE_2), judge(FOOTNOTE_2, met("Regional director, 6 academies improved"))],
        MET,
        "Met by exception, judged by Assessor A: Regional director, 6 academies improved",
    ),
    (
        "mat_leader",
        "footnote 2 judged not to apply",
        [post("trust_leader"), claim(FOOTNOTE_2), judge(FOOTNOTE_2, not_met())],
        NOT_MET,
        "judged not to apply",
    ),
    ("mat_leader", "no post given", [post(None)], NEEDS_EVIDENCE, "No current post"),
    ("mat_performance_data", "judged met", [judge("mat_performance_data", met())], MET, "Judged met"),
    ("mat_performance_data", "judged not met", [judge("mat_performance_data", not_met())], NOT_MET, "Judged not met"),
    ("mat_performance_data", "not yet judged", [], NEEDS_EVIDENCE, "across its academies"),
    (
        "mat_sponsored_academy_out_of_ri",
        "a sponsored academy from RI to good",
        [academy(graded("2020-01-10", "requires_improvement"), graded("2023-05-10", "good"))],
        MET,
        "Sponsored Academy moved from requires improvement to good (10 May 2023)",
    ),
    (
        "mat_sponsored_academy_out_of_ri",
        "RI twice",
        [academy(graded("2020-01-10", "requires_improvement"), graded("2023-05-10", "requires_improvement"))],
        NOT_MET,
        "None of the 1 sponsored academies",
    ),
    (
        "mat_sponsored_academy_out_of_ri",
        "inadequate to good is not out of RI",
        [academy(graded("2020-01-10", "inadequate"), graded("2023-05-10", "good"))],
        NOT_MET,
        "moved out of requires improvement",
    ),
    (
        "mat_sponsored_academy_out_of_ri",
        "RI then an ungraded inspection",
        [academy(graded("2020-01-10", "requires_improvement"), ungraded("2025-05-10"))],
        NEEDS_EVIDENCE,
        "an assessor must judge on evidence",
    ),
    ("mat_sponsored_academy_out_of_ri", "no sponsored academy given", [], NEEDS_EVIDENCE, "No sponsored academy given"),
]


@pytest.mark.parametrize(
    ("criterion_id", "changes", "expected", "fragment"),
    [
        pytest.param(cid, changes, expected, fragment, id=f"{cid}: {why}")
        for cid, why, changes, expected, fragment in TABLE
    ],
)
def test_nle_criterion(criterion_id, changes, expected, fragment):
    result = criterion("national-nle", changed(nle_base(), *changes), criterion_id)
    assert result.result == expected, result.reason
    assert fragment in result.reason


def test_the_table_covers_every_shipped_nle_criterion_and_each_result():
    shipped = {c.id for g in get_set("national-nle", FILE_SETS).groups for c in g.criteria}
    covered = {(cid, expected) for cid, _, _, expected, _ in TABLE}
    assert shipped == {cid for cid, _ in covered}
    for cid in shipped:
        assert {MET, NOT_MET, NEEDS_EVIDENCE} <= {e for c, e in covered if c == cid}, cid


def routes(raw):
    return {g.id: g.result for g in evaluation("national-nle", raw).groups}


BEACON = [
    inspections(graded("2023-02-08", "outstanding")),
    judge("beacon_performance_data", met()),
]
MAT_CEO = [
    post("mat_ceo"),
    posts(("mat_ceo", "2018-09-01", None)),
    judge("mat_performance_data", met()),
    academy(graded("2020-01-10", "requires_improvement"), graded("2023-05-10", "good")),
]

# (what the row shows, changes, the result of each route, the overall result)
ROUTES = [
    ("turnaround head only", [], {"turnaround_head": MET, "beacon_of_excellence": NOT_MET}, MET),
    (
        "beacon of excellence",
        [posts(("headteacher", "2023-09-01", None)), *BEACON],
        {"turnaround_head": NOT_MET, "beacon_of_excellence": MET},
        MET,
    ),
    (
        "beacon of excellence by the exception of footnote 1",
        [
            posts(("headteacher", "2023-09-01", None)),
            claim(FOOTNOTE_1),
            judge(FOOTNOTE_1, met()),
            judge("beacon_performance_data", met()),
        ],
        {"turnaround_head": NOT_MET, "beacon_of_excellence": MET},
        MET,
    ),
    ("transformative MAT CEO", MAT_CEO, {"turnaround_head": NOT_MET, "transformative_mat_ceo": MET}, MET),
    (
        "transformative MAT leader by the exception of footnote 2",
        [*MAT_CEO, post("trust_leader"), claim(FOOTNOTE_2), judge(FOOTNOTE_2, met())],
        {"transformative_mat_ceo": MET},
        MET,
    ),
    (
        "no route: a head of a good school that did not move",
        [posts(("headteacher", "2023-09-01", None)), judge("beacon_performance_data", met())],
        {"turnaround_head": NOT_MET, "beacon_of_excellence": NOT_MET, "transformative_mat_ceo": NOT_MET},
        NOT_MET,  # every route has a criterion not met, though some of their other criteria are open
    ),
    (
        "no route at all",
        [
            posts(("headteacher", "2023-09-01", None)),
            judge("beacon_performance_data", not_met()),
            judge("mat_performance_data", not_met()),
        ],
        {"turnaround_head": NOT_MET, "beacon_of_excellence": NOT_MET, "transformative_mat_ceo": NOT_MET},
        NOT_MET,
    ),
    (
        "an ungraded school leaves the turnaround route open",
        [
            inspections(graded("2019-01-10", "requires_improvement"), ungraded("2025-02-08")),
            judge("mat_performance_data", not_met()),
        ],
        {"turnaround_head": NEEDS_EVIDENCE, "beacon_of_excellence": NEEDS_EVIDENCE, "transformative_mat_ceo": NOT_MET},
        NEEDS_EVIDENCE,
    ),
]


@pytest.mark.parametrize(
    ("changes", "expected_routes", "expected"),
    [pytest.param(changes, r, e, id=why) for why, changes, r, e in ROUTES],
)
def test_nle_routes(changes, expected_routes, expected):
    raw = changed(nle_base(), *changes)
    result = evaluation("national-nle", raw)
    got = routes(raw)
    assert {k: got[k] for k in expected_routes} == expected_routes
    assert result.result == expected, result.reason


def test_every_route_is_shown_with_its_criteria_and_the_outcome_names_the_route():
    result = evaluation("national-nle", nle_base())
    assert [g.title for g in result.groups] == ["Turnaround head", "Beacon of excellence", "Transformative MAT CEO"]
    assert [len(g.criteria) for g in result.groups] == [2, 3, 3]
    assert result.reason == "Eligible by 1 route: Turnaround head"


def test_the_seed_words_are_quoted_in_the_set():
    nle = get_set("national-nle", FILE_SETS)
    beacon = next(c for c in nle.group("beacon_of_excellence").criteria if c.exception)
    assert beacon.exception.text.startswith("This may include, by exception, a headteacher who leads a school")
    mat = next(c for c in nle.group("transformative_mat_ceo").criteria if c.exception)
    assert "for example, regional directors" in mat.exception.text
    assert "(excluding inadequate to requires improvement)" in nle.group("turnaround_head").description
