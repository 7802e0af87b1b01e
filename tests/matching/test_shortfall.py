"""Why few or no leaders are eligible, in plain words, and the wider search that lifts the free-days
filter (and nothing else)."""

import time

import numpy as np
import pytest
from hypothesis import given, settings

from domain.matching import filters
from domain.matching.ranking import LeaderIndex, rank
from domain.matching.shortfall import explain

from .builders import instance, leader, random_instance, request


def shortfall_of(r, leaders, **options):
    return explain(LeaderIndex(instance([r], leaders)), r, **options)


def test_each_filter_is_counted_in_plain_words_with_the_nearest_first():
    r = request(role="lle", days=5, school_id="S1", trust_id="T1", conflicts=("declared",))
    leaders = [
        leader(id="own", roles=("lle",), school_id="S1"),
        leader(id="trust1", roles=("lle",), trust_id="T1"),
        leader(id="trust2", roles=("lle",), trust_id="T1"),
        leader(id="former", roles=("lle",), recent_employers=("S1",)),
        leader(id="declared", roles=("lle",)),
        leader(id="none", roles=("lle",), capacity=0),
        leader(id="four", roles=("lle",), capacity=4),
        leader(id="two", roles=("lle",), capacity=2),
        leader(id="one", roles=("lle",), capacity=1),
        leader(id="sle", roles=("sle",)),
        leader(id="lapsed", roles=()),
    ]
    shortfall = shortfall_of(r, leaders, period="in the spring term 2026 to 2027")
    assert shortfall.eligible == 0 and shortfall.considered == 11
    assert shortfall.summary == "None of the 11 leaders considered can be put forward for this request."
    assert [g.sentence for g in shortfall.groups] == [
        "1 leader holds no current designation",
        "1 leader is not a local leader of education",
        "1 leader works at the school itself",
        "2 leaders are from schools in the school's own trust",
        "1 leader worked at the school recently",
        "1 leader has declared a conflict of interest with the school",
        "4 leaders have fewer than 5 days free in the spring term 2026 to 2027",
    ]
    days = shortfall.groups[-1]
    # At most three names, the most days free first.
    assert [(n.leader_id, n.detail) for n in days.nearest] == [
        ("four", "4 days free"),
        ("two", "2 days free"),
        ("one", "1 day free"),
    ]
    assert days.widening == filters.FEWER_DAYS
    assert [g.widening for g in shortfall.groups[:-1]] == [None] * 6, "designation, role and conflicts are rules"
    assert shortfall.widenings == (filters.FEWER_DAYS,)
    assert shortfall.order.startswith("Each leader is counted once, under the first of these reasons that applies")
    assert "not proposed" not in shortfall.order


def test_a_leader_is_counted_once_under_the_first_filter_that_excludes_them():
    r = request(days=5, school_id="S1", trust_id="T1")
    both = leader(id="both", school_id="S1", trust_id="T1", capacity=0)
    shortfall = shortfall_of(r, [both])
    assert [(g.sentence, g.count) for g in shortfall.groups] == [("1 leader works at the school itself", 1)]


def test_a_request_for_a_day_speaks_of_no_free_days_and_without_a_period():
    shortfall = shortfall_of(request(days=1), [leader(id="a", capacity=0), leader(id="b", capacity=0)])
    assert [g.sentence for g in shortfall.groups] == ["2 leaders have no free days"]
    assert [n.detail for n in shortfall.groups[0].nearest] == ["no free days", "no free days"]


def test_among_leaders_excluded_by_a_rule_the_best_suited_come_first():
    r = request(trust_id="T1", needs=("maths",))
    leaders = [leader(id=f"plain{n}", trust_id="T1") for n in range(3)] + [
        leader(id="maths", trust_id="T1", specialisms=("maths",))
    ]
    names = [n.leader_id for n in shortfall_of(r, leaders).groups[0].nearest]
    assert names == ["maths", "plain0", "plain1"]


def test_the_summary_says_how_few_and_nothing_when_there_is_no_one():
    assert shortfall_of(request(), [leader(id="a")]).summary == (
        "Only 1 of the 1 leader considered can be put forward for this request."
    )
    many = [leader(id=f"L{n}") for n in range(4)]
    assert shortfall_of(request(), many).summary == "4 of the 4 leaders considered can be put forward for this request."
    assert shortfall_of(request(), []).summary == "There are no leaders to consider for this request."
    assert shortfall_of(request(), []).groups == ()


def test_the_wider_search_puts_forward_leaders_with_fewer_days_flagged_and_never_a_conflict():
    r = request(days=5, school_id="S1")
    leaders = [leader(id="short", capacity=2), leader(id="own", school_id="S1", capacity=0)]
    index = LeaderIndex(instance([r], leaders))
    assert rank(index, r).eligible_count == 0
    wider = rank(index, r, widen=[filters.FEWER_DAYS])
    assert [c.leader_id for c in wider.candidates] == ["short"]
    assert wider.candidates[0].flags[0] == "Has 2 days free, 5 days needed: must offer more days before accepting"
    assert [c.leader_id for c in wider.excluded] == ["own"]
    shortfall = explain(index, r, widen=[filters.FEWER_DAYS])
    assert shortfall.widened == (filters.FEWER_DAYS,)
    assert [g.sentence for g in shortfall.groups] == ["1 leader works at the school itself"]
    assert shortfall.widenings == ()


def test_an_unknown_wider_search_is_refused():
    r = request()
    with pytest.raises(ValueError, match="is not a wider search"):
        rank(LeaderIndex(instance([r], [leader()])), r, widen=["conflicts"])
    with pytest.raises(ValueError, match="is not a wider search"):
        filters.exclusion_code(r, leader(), widen=["distance"])


@settings(max_examples=60, deadline=None)
@given(random_instance())
def test_the_counts_agree_with_the_reference_filters(inst):
    index = LeaderIndex(inst)
    for r in inst.requests:
        for widen in ((), (filters.FEWER_DAYS,)):
            shortfall = explain(index, r, widen=widen)
            expected = {}
            for x in inst.leaders:
                code = filters.exclusion_code(r, x, inst, widen)
                if code:
                    expected[code] = expected.get(code, 0) + 1
            assert {g.code: g.count for g in shortfall.groups} == expected
            assert shortfall.eligible == len(inst.leaders) - sum(expected.values())
            assert [g.code for g in shortfall.groups] == sorted(expected)


def test_it_is_fast_for_ten_thousand_leaders():
    rng = np.random.default_rng(1)
    leaders = [
        leader(
            id=f"L{n}",
            roles=("lle",),
            capacity=int(rng.integers(0, 8)),
            trust_id=f"T{rng.integers(0, 500)}",
            school_id=f"S{n}",
            easting=float(rng.integers(100000, 600000)),
            northing=float(rng.integers(100000, 600000)),
        )
        for n in range(10_000)
    ]
    r = request(role="lle", days=6, trust_id="T1", school_id="S5", easting=400000.0, northing=400000.0)
    index = LeaderIndex(instance([r], leaders))
    started = time.perf_counter()
    shortfall = explain(index, r)
    assert time.perf_counter() - started < 0.5
    assert sum(g.count for g in shortfall.groups) + shortfall.eligible == 10_000
