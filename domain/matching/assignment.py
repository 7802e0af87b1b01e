"""Assigning a whole meeting's requests at once: each request to at most one leader, each leader's
assigned days within their free days, the total score as high as possible. This is a generalised
assignment problem, solved in four steps:

1. greedy: best pairs first while days allow (always reported, for comparison);
2. a Lagrangian relaxation (leaders' day limits priced into the objective, prices found by
   subgradient steps): a proven upper bound as strong as the linear-programming one, without a
   solver, and prices for the days of busy leaders;
3. priced greedy: greedy again, pairs ordered by score less the price of the days they use;
4. OR-Tools CP-SAT under a time limit, starting from the better greedy answer.

The answer given is the best found; its gap is (bound - objective) / bound where the bound is the
lower of CP-SAT's and the relaxation's. When OR-Tools is missing or CP-SAT finds nothing in time,
the better greedy answer is given (status FALLBACK) with the relaxation's bound and gap.

Scores are scaled to whole numbers (`SCALE`) for the model; the objective reported is the sum of
the assigned pairs' real scores, and the optimality claims are about the scaled scores.

Only eligible pairs enter the model, and with `top_k` only each request's best `top_k` leaders.
The gap is relative to that restricted model. `upper_bound` is a bound for the unrestricted
problem (every request given its best eligible leader, ignoring capacity), so
`gap_to_upper_bound` is an honest, if loose, gap against every possible assignment."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .filters import flags
from .model import Instance
from .ranking import FILTER_NAMES, LeaderIndex, best

SCALE = 10_000
DEFAULT_TOP_K = 50
DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WORKERS = 2  # the benchmark machine has two cores
# CP-SAT's presolve spent most of a 10 s budget on this model (50,000 pairs, two cores) and, when the
# machine was busy, left no time to search; without it the search starts from the hint at once and
# the root linear relaxation still gives the bound.
SOLVER_PARAMETERS: dict = {"cp_model_presolve": False}
EXTRACTION_MARGIN = 0.2  # seconds kept back from CP-SAT for reading its answer and writing the report


def scaled(score: float) -> int:
    return int(round(score * SCALE))


@dataclass(frozen=True)
class Assignment:
    request_id: str
    leader_id: str
    score: float
    days: int
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unassigned:
    request_id: str
    reason: str


@dataclass
class Solution:
    assignments: list[Assignment]
    unassigned: list[Unassigned]
    objective: float  # sum of the assigned pairs' scores
    objective_scaled: int
    bound: float  # proven bound on the (restricted) model's objective: CP-SAT's or the Lagrangian one, the lower
    gap: float  # (bound - objective) / bound, on the restricted model; 0 means proven optimal
    status: str  # OPTIMAL, FEASIBLE, GREEDY (no solver run) or FALLBACK (solver missing or found nothing)
    solver: str  # whose assignment is given: "cp-sat", "priced-greedy" or "greedy"
    seconds: float  # everything: scoring, model, solving
    solver_seconds: float
    greedy_objective: float
    top_k: int | None
    pairs: int  # eligible pairs in the model
    upper_bound: float  # every request with its best eligible leader, capacity ignored
    gap_to_upper_bound: float | None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        def r(value):
            return None if value is None else round(value, 6)

        return {
            "assignments": [
                {"request": a.request_id, "leader": a.leader_id, "score": round(a.score, 4), "days": a.days}
                | ({"flags": list(a.flags)} if a.flags else {})
                for a in self.assignments
            ],
            "unassigned": [{"request": u.request_id, "reason": u.reason} for u in self.unassigned],
            "objective": r(self.objective),
            "bound": r(self.bound),
            "gap": r(self.gap),
            "status": self.status,
            "solver": self.solver,
            "greedy_objective": r(self.greedy_objective),
            "upper_bound": r(self.upper_bound),
            "gap_to_upper_bound": r(self.gap_to_upper_bound),
            "top_k": self.top_k,
            "pairs": self.pairs,
            "seconds": round(self.seconds, 3),
            "solver_seconds": round(self.solver_seconds, 3),
            "notes": self.notes,
        }


@dataclass
class Pairs:
    """The model's candidate pairs: for request r, leaders[r] (positions) with scores[r]."""

    leaders: list[np.ndarray]
    scores: list[np.ndarray]  # real scores
    weights: list[np.ndarray]  # scaled integer scores
    best: list[float]  # each request's best eligible score (before the top-k cut), 0 when none
    no_eligible_reason: dict[int, str]


def candidate_pairs(instance: Instance, index: LeaderIndex, top_k: int | None) -> Pairs:
    leaders, scores, weights, best_scores, reasons = [], [], [], [], {}
    for r, request in enumerate(instance.requests):
        code, score = index.scores(request)
        positions, values = best(code, score, top_k)
        leaders.append(positions)
        scores.append(values)
        weights.append(np.rint(values * SCALE).astype(np.int64))
        best_scores.append(float(values[0]) if len(values) else 0.0)
        if not len(positions):
            counts = Counter(code.tolist())
            if not counts:
                reasons[r] = "No eligible leader: there are no leaders in the instance"
            else:
                parts = [f"{FILTER_NAMES[c]} ({n})" for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
                reasons[r] = "No eligible leader: " + ", ".join(parts)
    return Pairs(leaders, scores, weights, best_scores, reasons)


def greedy(instance: Instance, pairs: Pairs, price: np.ndarray | None = None) -> dict[int, tuple[int, int]]:
    """Best pairs first: {request: (leader position, index in the request's candidates)}. With
    prices for leaders' days, pairs are taken in order of score less the price of the days."""
    days = [request.days for request in instance.requests]
    left = {leader: leader_obj.capacity for leader, leader_obj in enumerate(instance.leaders)}
    entries = sorted(
        (-(int(w) if price is None else w - price[leader] * days[r]), r, int(leader), k)
        for r in range(len(instance.requests))
        for k, (leader, w) in enumerate(zip(pairs.leaders[r], pairs.weights[r], strict=True))
    )
    chosen: dict[int, tuple[int, int]] = {}
    for _, r, leader, k in entries:
        if r not in chosen and left[leader] >= days[r]:
            chosen[r] = (leader, k)
            left[leader] -= days[r]
    return chosen


def _objective(pairs: Pairs, chosen: dict[int, tuple[int, int]]) -> tuple[int, float]:
    return (
        sum(int(pairs.weights[r][k]) for r, (_, k) in chosen.items()),
        sum(float(pairs.scores[r][k]) for r, (_, k) in chosen.items()),
    )


def _cp_sat(instance: Instance, pairs: Pairs, hint, deadline: float, workers: int, gap_limit: float):
    """(status name, chosen, bound in scaled units) or None when OR-Tools is not installed."""
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        return None
    model = cp_model.CpModel()
    by_leader: dict[int, tuple[list, list]] = {}
    variables, objective_vars, objective_weights = [], [], []
    for r, request in enumerate(instance.requests):
        row = [model.new_bool_var(f"x{r}_{k}") for k in range(len(pairs.leaders[r]))]
        for leader, x in zip(pairs.leaders[r].tolist(), row, strict=True):
            terms = by_leader.setdefault(leader, ([], []))
            terms[0].append(x)
            terms[1].append(request.days)
        if r in hint:  # greedy's choice; CP-SAT completes the rest (a complete hint built slower and helped no more)
            model.add_hint(row[hint[r][1]], True)
        if len(row) > 1:
            model.add_at_most_one(row)
        variables.append(row)
        objective_vars.extend(row)
        objective_weights.extend(pairs.weights[r].tolist())
    for leader, (xs, days) in by_leader.items():
        capacity = instance.leaders[leader].capacity
        if sum(days) > capacity:
            model.add(cp_model.LinearExpr.weighted_sum(xs, days) <= capacity)
    model.maximize(cp_model.LinearExpr.weighted_sum(objective_vars, objective_weights))
    remaining = deadline - time.perf_counter() - EXTRACTION_MARGIN
    if remaining < 0.05:
        return "NO TIME LEFT", None, None
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = remaining
    solver.parameters.num_workers = workers
    solver.parameters.relative_gap_limit = gap_limit
    for key, value in SOLVER_PARAMETERS.items():
        setattr(solver.parameters, key, value)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return name, None, None
    chosen = {}
    for r, row in enumerate(variables):
        for k, x in enumerate(row):
            if solver.boolean_value(x):
                chosen[r] = (int(pairs.leaders[r][k]), k)
                break
    return name, chosen, solver.best_objective_bound


def lagrangian_bound(instance: Instance, pairs: Pairs, lower: int, iterations: int = 300) -> int:
    return lagrangian(instance, pairs, lower, iterations)[0]


def lagrangian(instance: Instance, pairs: Pairs, lower: int, iterations: int = 300) -> tuple[int, np.ndarray]:
    """An upper bound on the (restricted) model's best total scaled score, from the solver or not:
    leaders' day limits are moved into the objective with prices (Lagrangian relaxation, prices set
    by subgradient steps). For any prices the relaxed best is a valid bound; the best prices give
    the linear-programming bound. `lower` is the best total known, to size the steps."""
    counts = np.array([len(p) for p in pairs.leaders], dtype=np.int64)
    has_pairs = counts > 0
    if not has_pairs.any():
        return 0, np.zeros(len(instance.leaders))
    leader_of = np.concatenate(pairs.leaders).astype(np.int64)
    weight = np.concatenate(pairs.weights).astype(float)
    request_of = np.repeat(np.arange(len(counts)), counts)
    days = np.array([r.days for r in instance.requests], dtype=float)[request_of]
    capacity = np.array([x.capacity for x in instance.leaders], dtype=float)
    starts = (np.cumsum(counts) - counts)[has_pairs]
    position = np.arange(len(weight))
    price = best_price = np.zeros(len(capacity))
    best_bound = float(np.sum(np.maximum(0.0, np.maximum.reduceat(weight, starts))))
    step_scale, since_improved = 2.0, 0
    for _ in range(iterations):
        reduced = weight - price[leader_of] * days
        best_per_request = np.maximum.reduceat(reduced, starts)
        value = float(price @ capacity + np.sum(np.maximum(0.0, best_per_request)))
        if value < best_bound - 1e-9:
            best_bound, best_price, since_improved = value, price, 0
        else:
            since_improved += 1
            if since_improved >= 15:
                step_scale, since_improved = step_scale / 2, 0
        # The subgradient: each leader's days left over when every request takes its best priced pair.
        best_repeated = np.repeat(best_per_request, counts[has_pairs])
        is_best = (reduced >= best_repeated) & (best_repeated > 0)
        # The first best pair of each request (pairs are grouped by request): no sorting needed.
        first = len(weight) - np.maximum.reduceat(np.where(is_best, len(weight) - position, 0), starts)
        taken = first[first < len(weight)]
        used = np.bincount(leader_of[taken], weights=days[taken], minlength=len(capacity))
        gradient = capacity - used
        gradient[(price <= 0) & (gradient > 0)] = 0.0  # prices cannot go below 0
        norm = float(gradient @ gradient)
        if norm == 0 or best_bound - lower < max(0.5, 1e-5 * best_bound) or step_scale < 1e-4:
            break
        price = np.maximum(0.0, price - step_scale * (value - lower) / norm * gradient)
    return int(np.floor(best_bound + 1e-6)), best_price


def _fill_zero_pairs(instance: Instance, pairs: Pairs, chosen: dict[int, tuple[int, int]]) -> None:
    """Give still-unassigned requests a leader whose pair scores 0, where days allow: it changes
    no objective, and a solver has no reason to make such a pair."""
    left = {leader: x.capacity for leader, x in enumerate(instance.leaders)}
    for r, (leader, _) in chosen.items():
        left[leader] -= instance.requests[r].days
    for r, request in enumerate(instance.requests):
        if r in chosen:
            continue
        for k, (leader, w) in enumerate(zip(pairs.leaders[r], pairs.weights[r], strict=True)):
            if w == 0 and left[int(leader)] >= request.days:
                chosen[r] = (int(leader), k)
                left[int(leader)] -= request.days
                break


def solve(
    instance: Instance,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    top_k: int | None = DEFAULT_TOP_K,
    workers: int = DEFAULT_WORKERS,
    gap_limit: float = 0.0,
    use_solver: bool = True,
    index: LeaderIndex | None = None,
) -> Solution:
    """The best assignment of every request that can be found (and proven) within `time_limit`
    seconds of wall-clock time, all included: scoring the pairs, greedy, the relaxation and
    building the model come first, and CP-SAT gets the time that is left."""
    started = time.perf_counter()
    index = index or LeaderIndex(instance)
    pairs = candidate_pairs(instance, index, top_k)
    greedy_chosen = greedy(instance, pairs)
    greedy_scaled, greedy_objective = _objective(pairs, greedy_chosen)
    # The relaxation's bound, and its prices for leaders' days make a better greedy start.
    relaxed, price = lagrangian(instance, pairs, greedy_scaled)
    priced = greedy(instance, pairs, price)
    if _objective(pairs, priced)[0] > greedy_scaled:
        chosen, solver_name = priced, "priced-greedy"
    else:
        chosen, solver_name = greedy_chosen, "greedy"
    notes = []
    status, bound_scaled = "GREEDY", None
    solver_started = time.perf_counter()
    if use_solver:
        result = _cp_sat(instance, pairs, chosen, started + time_limit, workers, gap_limit)
        if result is None:
            status = "FALLBACK"
            notes.append(f"OR-Tools is not installed: the {solver_name} assignment is given")
        elif result[1] is None:
            status = "FALLBACK"
            notes.append(
                f"CP-SAT found no solution in {time_limit:g} s ({result[0]}): the {solver_name} assignment is given"
            )
        else:
            status, cp_chosen, bound_scaled = result
            if _objective(pairs, cp_chosen)[0] >= _objective(pairs, chosen)[0]:
                chosen, solver_name = cp_chosen, "cp-sat"
            else:
                notes.append(
                    f"CP-SAT's solution scored below its starting point: the {solver_name} assignment is given"
                )
                status = "FEASIBLE"
    solver_seconds = time.perf_counter() - solver_started
    chosen = dict(chosen)
    _fill_zero_pairs(instance, pairs, chosen)
    objective_scaled, objective = _objective(pairs, chosen)
    bound_scaled = max(objective_scaled, relaxed if bound_scaled is None else min(relaxed, int(bound_scaled)))
    bound = bound_scaled / SCALE
    gap = (bound_scaled - objective_scaled) / bound_scaled if bound_scaled > 0 else 0.0
    if gap == 0 and status == "FEASIBLE":
        status = "OPTIMAL"
    upper_bound = sum(pairs.best)
    assignments, unassigned = [], []
    for r, request in enumerate(instance.requests):
        if r in chosen:
            leader, k = chosen[r]
            leader_obj = instance.leaders[leader]
            assignments.append(
                Assignment(
                    request.id,
                    leader_obj.id,
                    float(pairs.scores[r][k]),
                    request.days,
                    flags(request, leader_obj, instance),
                )
            )
        elif r in pairs.no_eligible_reason:
            unassigned.append(Unassigned(request.id, pairs.no_eligible_reason[r]))
        else:
            unassigned.append(
                Unassigned(request.id, "Its eligible leaders' free days went to requests where they scored higher")
            )
    if top_k is not None:
        notes.append(f"Each request's best {top_k} eligible leaders were considered; the gap is relative to that model")
    return Solution(
        assignments=assignments,
        unassigned=unassigned,
        objective=objective,
        objective_scaled=objective_scaled,
        bound=bound,
        gap=gap,
        status=status,
        solver=solver_name,
        seconds=time.perf_counter() - started,
        solver_seconds=solver_seconds,
        greedy_objective=greedy_objective,
        top_k=top_k,
        pairs=sum(len(p) for p in pairs.leaders),
        upper_bound=upper_bound,
        gap_to_upper_bound=(upper_bound - objective) / upper_bound if upper_bound > 0 else 0.0,
        notes=notes,
    )
