import numpy as np
import pytest
from hypothesis import given, settings

from domain.matching.ranking import LeaderIndex, rank
from domain.matching.scoring import candidate

from .builders import instance, leader, random_instance, request


def test_candidates_come_best_first_with_breakdowns_and_the_excluded_apart():
    r = request(needs=("maths", "send"), easting=400000, northing=400000, school_id="S1")
    leaders = [
        leader(id="half", specialisms=("maths",), easting=400000, northing=400000),
        leader(id="both", specialisms=("maths", "send"), easting=400000, northing=400000),
        leader(id="none", easting=400000, northing=400000),
        leader(id="busy", specialisms=("maths", "send"), capacity=1),
        leader(id="own school", specialisms=("maths", "send"), school_id="S1"),
    ]
    ranking = rank(LeaderIndex(instance([r], leaders)), r)
    assert [c.leader_id for c in ranking.candidates] == ["both", "half", "none"]
    assert all(len(c.factors) == 6 for c in ranking.candidates)
    scores = [c.score for c in ranking.candidates]
    assert scores == sorted(scores, reverse=True)
    assert ranking.eligible_count == 3 and ranking.excluded_count == 2
    assert [c.leader_id for c in ranking.excluded] == ["busy", "own school"]  # the closest to eligible first
    assert ranking.excluded_by_reason == {"conflict: same school": 1, "not enough free days": 1}


def test_ties_are_broken_by_the_leaders_order():
    r = request()
    leaders = [leader(id=f"L{n}") for n in range(5)]
    assert [c.leader_id for c in rank(LeaderIndex(instance([r], leaders)), r).candidates] == [f"L{n}" for n in range(5)]


def test_the_lists_are_capped():
    r = request()
    leaders = [leader(id=f"A{n}") for n in range(30)] + [leader(id=f"B{n}", roles=()) for n in range(30)]
    ranking = rank(LeaderIndex(instance([r], leaders)), r, limit=5, excluded_limit=3)
    assert len(ranking.candidates) == 5 and len(ranking.excluded) == 3
    assert (ranking.eligible_count, ranking.excluded_count) == (30, 30)


def test_no_eligible_leader():
    r = request(role="nlg")
    ranking = rank(LeaderIndex(instance([r], [leader()])), r)
    assert ranking.candidates == () and ranking.excluded_by_reason == {"not the role sought": 1}


@settings(max_examples=60, deadline=None)
@given(random_instance(max_requests=3, max_leaders=6))
def test_the_fast_ranking_agrees_with_the_reference_scoring(meeting):
    index = LeaderIndex(meeting)
    for r in meeting.requests:
        code, score = index.scores(r)
        for position, x in enumerate(meeting.leaders):
            reference = candidate(r, x, meeting)
            assert (code[position] == 0) == (reference.excluded is None)
            if reference.excluded is None:
                assert score[position] == pytest.approx(reference.score, abs=1e-9)
        ranking = rank(index, r, limit=len(meeting.leaders))
        assert len(ranking.candidates) == int(np.sum(code == 0))
        scores = [c.score for c in ranking.candidates]
        assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:], strict=False))
