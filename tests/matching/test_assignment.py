import itertools
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.matching import assignment
from domain.matching.assignment import SCALE, candidate_pairs, greedy, lagrangian_bound, solve
from domain.matching.filters import check
from domain.matching.ranking import LeaderIndex

from .builders import instance, leader, random_instance, request


def exhaustive_optimum(meeting) -> int:
    """The best total scaled score over every way of giving each request one eligible leader or none."""
    pairs = candidate_pairs(meeting, LeaderIndex(meeting), None)
    choices = [[None, *range(len(pairs.leaders[r]))] for r in range(len(meeting.requests))]
    best = 0
    for combination in itertools.product(*choices):
        used = Counter()
        total = 0
        for r, k in enumerate(combination):
            if k is not None:
                used[int(pairs.leaders[r][k])] += meeting.requests[r].days
                total += int(pairs.weights[r][k])
        if all(used[leader] <= meeting.leaders[leader].capacity for leader in used):
            best = max(best, total)
    return best


def assert_feasible(meeting, solution):
    requests = {r.id: r for r in meeting.requests}
    leaders = {x.id: x for x in meeting.leaders}
    assigned = [a.request_id for a in solution.assignments]
    assert len(assigned) == len(set(assigned)), "a request was assigned twice"
    assert set(assigned) | {u.request_id for u in solution.unassigned} == set(requests)
    assert not set(assigned) & {u.request_id for u in solution.unassigned}
    days = Counter()
    for a in solution.assignments:
        assert check(requests[a.request_id], leaders[a.leader_id], meeting) is None, "a filtered pair was assigned"
        days[a.leader_id] += requests[a.request_id].days
    for leader_id, committed in days.items():
        assert committed <= leaders[leader_id].capacity, f"{leader_id}'s free days were exceeded"


@settings(max_examples=50, deadline=None)
@given(random_instance(max_requests=4, max_leaders=4))
def test_cp_sat_is_feasible_and_as_good_as_exhaustive_search(meeting):
    solution = solve(meeting, top_k=None, time_limit=10)
    assert_feasible(meeting, solution)
    optimum = exhaustive_optimum(meeting)
    assert solution.status == "OPTIMAL"
    assert solution.objective_scaled == optimum
    assert solution.gap == 0
    greedy_only = solve(meeting, top_k=None, use_solver=False)
    assert greedy_only.objective_scaled <= optimum
    # The bound proven without the solver is a true bound.
    assert round(greedy_only.bound * SCALE) >= optimum
    pairs = candidate_pairs(meeting, LeaderIndex(meeting), None)
    assert lagrangian_bound(meeting, pairs, 0) >= optimum


@settings(max_examples=50, deadline=None)
@given(random_instance(max_requests=6, max_leaders=5))
def test_greedy_is_feasible_and_never_beats_the_solver(meeting):
    greedy_only = solve(meeting, top_k=None, use_solver=False)
    assert_feasible(meeting, greedy_only)
    assert greedy_only.solver in ("greedy", "priced-greedy") and greedy_only.status == "GREEDY"
    assert greedy_only.bound >= greedy_only.objective_scaled / SCALE and 0 <= greedy_only.gap <= 1
    solved = solve(meeting, top_k=None)
    assert_feasible(meeting, solved)
    assert solved.objective_scaled >= greedy_only.objective_scaled


@settings(max_examples=30, deadline=None)
@given(random_instance(max_requests=6, max_leaders=6))
def test_a_top_k_model_is_still_feasible(meeting):
    solution = solve(meeting, top_k=1)
    assert_feasible(meeting, solution)
    assert solution.upper_bound >= solution.objective - 1e-9


def test_capacity_makes_the_solver_beat_greedy():
    # Greedy gives L1 to R1 (its best pair); the best total gives R1 to L2 and R2 to L1.
    meeting = instance(
        [request(id="R1", days=5), request(id="R2", days=5)],
        [leader(id="L1", capacity=5), leader(id="L2", capacity=5)],
        affinities={("R1", "L1"): 0.9, ("R1", "L2"): 0.8, ("R2", "L1"): 0.7},
    )
    solution = solve(meeting)
    assert {(a.request_id, a.leader_id) for a in solution.assignments} == {("R1", "L2"), ("R2", "L1")}
    assert round(solution.objective, 4) == 1.5
    assert round(solution.greedy_objective, 4) == 0.9
    assert solution.status == "OPTIMAL" and solution.gap == 0


def test_unassigned_requests_say_why():
    meeting = instance(
        [request(id="R1", days=5), request(id="R2", days=5), request(id="R3", role="nlg")],
        [leader(id="L1", capacity=5)],
        affinities={("R1", "L1"): 0.9, ("R2", "L1"): 0.2},
    )
    solution = solve(meeting)
    reasons = {u.request_id: u.reason for u in solution.unassigned}
    assert reasons == {
        "R2": "Its eligible leaders' free days went to requests where they scored higher",
        "R3": "No eligible leader: not the role sought (1)",
    }


def test_assignments_carry_the_alliance_flag():
    meeting = instance([request()], [leader(organisation_id="TSA2")], brokering_organisation="TSA1")
    (only,) = solve(meeting).assignments
    assert only.flags == ("Needs the agreement of TSA2, the alliance the leader is associated with",)


def test_greedy_is_the_fallback_without_the_solver(monkeypatch):
    monkeypatch.setattr(assignment, "_cp_sat", lambda *args: None)
    meeting = instance([request()], [leader()])
    solution = solve(meeting)
    assert (solution.status, solution.solver) == ("FALLBACK", "greedy")
    assert solution.notes[0] == "OR-Tools is not installed: the greedy assignment is given"
    assert [a.leader_id for a in solution.assignments] == ["L1"]


def test_greedy_is_the_fallback_when_the_solver_finds_nothing_in_time(monkeypatch):
    monkeypatch.setattr(assignment, "_cp_sat", lambda *args: ("UNKNOWN", None, None))
    solution = solve(instance([request()], [leader()]), time_limit=0.01)
    assert (solution.status, solution.solver) == ("FALLBACK", "greedy")
    assert "CP-SAT found no solution in 0.01 s (UNKNOWN)" in solution.notes[0]


def test_the_report_is_json_ready():
    solution = solve(instance([request()], [leader()]))
    report = solution.as_dict()
    assert set(report) >= {"assignments", "unassigned", "objective", "bound", "gap", "solver", "greedy_objective"}
    assert report["solver"] == "cp-sat" and report["gap"] == 0


def test_the_relaxation_bounds_a_capacity_bound_instance_closely():
    # Ten requests of 5 days want L1 (scores 0.9) but it has 10 days; L2 (0.5) has room for all.
    requests = [request(id=f"R{n}", days=5) for n in range(10)]
    affinities = {(f"R{n}", "L1"): 0.9 for n in range(10)} | {(f"R{n}", "L2"): 0.5 for n in range(10)}
    meeting = instance(requests, [leader(id="L1", capacity=10), leader(id="L2", capacity=50)], affinities=affinities)
    greedy_only = solve(meeting, use_solver=False)
    assert round(greedy_only.objective, 4) == 2 * 0.9 + 8 * 0.5
    assert greedy_only.upper_bound == 9.0  # capacity ignored
    assert greedy_only.bound == greedy_only.objective and greedy_only.gap == 0  # the relaxation proves it


def test_the_time_limit_covers_everything_and_greedy_answers_when_none_is_left():
    meeting = instance([request(id=f"R{n}") for n in range(20)], [leader(id=f"L{n}") for n in range(20)])
    solution = solve(meeting, time_limit=1e-6)
    assert (solution.status, solution.solver) == ("FALLBACK", "greedy")
    assert solution.notes[0] == "CP-SAT found no solution in 1e-06 s (NO TIME LEFT): the greedy assignment is given"
    assert len(solution.assignments) == 20


@settings(max_examples=50, deadline=None)
@given(random_instance(max_requests=6, max_leaders=4), st.lists(st.floats(0, 5000), min_size=4, max_size=4))
def test_priced_greedy_is_feasible_whatever_the_prices(meeting, prices):
    pairs = candidate_pairs(meeting, LeaderIndex(meeting), None)
    chosen = greedy(meeting, pairs, np.array(prices[: len(meeting.leaders)]))
    used = Counter()
    for r, (position, k) in chosen.items():
        assert int(pairs.leaders[r][k]) == position
        assert check(meeting.requests[r], meeting.leaders[position], meeting) is None
        used[position] += meeting.requests[r].days
    assert all(used[p] <= meeting.leaders[p].capacity for p in used)
