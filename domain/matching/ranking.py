"""Ranking the leaders for one request, fast enough for a panel page: the hard filters and the
factors are computed for every leader at once with numpy over a `LeaderIndex` built once per
instance (the service keeps it while a meeting is open). Only the top candidates and a few of the
excluded are then described in words, by the reference code in filters.py and scoring.py, so the
reasons a panel reads are always the reference ones."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from . import filters
from .filters import exclusion_reason
from .model import Instance, Request
from .scoring import ALL_THROUGH, ALL_THROUGH_COVERS, NEUTRAL, Candidate, candidate

EMPTY = np.zeros(0, dtype=np.int64)


class LeaderIndex:
    """Every leader's features as arrays, and look-ups from a school, trust or role to leaders."""

    def __init__(self, instance: Instance):
        self.instance = instance
        leaders = instance.leaders
        self.leaders = leaders
        n = self.size = len(leaders)
        self.ids = [leader.id for leader in leaders]
        self.position = {leader.id: i for i, leader in enumerate(leaders)}
        self.easting = np.array([np.nan if x.easting is None else x.easting for x in leaders], dtype=float)
        self.northing = np.array([np.nan if x.northing is None else x.northing for x in leaders], dtype=float)
        self.located = ~np.isnan(self.easting)
        self.capacity = np.array([x.capacity for x in leaders], dtype=np.int64)
        self.load = np.array([x.load for x in leaders], dtype=float)
        feedback = np.array([np.nan if x.feedback is None else x.feedback for x in leaders], dtype=float)
        self.feedback_value = np.where(np.isnan(feedback), NEUTRAL, feedback)
        self.has_role = np.array([bool(x.roles) for x in leaders], dtype=bool)
        self.has_phases = np.array([bool(x.phases) for x in leaders], dtype=bool)
        self.roles = self._membership(n, ((i, set(x.roles)) for i, x in enumerate(leaders)))
        self.specialisms = self._membership(n, ((i, set(x.specialisms)) for i, x in enumerate(leaders)))
        self.phases = self._membership(n, ((i, set(x.phases)) for i, x in enumerate(leaders)))
        self.by_school = self._lookup((i, [x.school_id]) for i, x in enumerate(leaders) if x.school_id is not None)
        self.by_trust = self._lookup((i, [x.trust_id]) for i, x in enumerate(leaders) if x.trust_id is not None)
        self.by_recent_employer = self._lookup((i, set(x.recent_employers)) for i, x in enumerate(leaders))
        # Experience, flattened: one row per supported school, grouped by leader in leader order.
        self.phase_codes = {
            code: k for k, code in enumerate(sorted({s.phase for x in leaders for s in x.experience if s.phase}))
        }
        rows = [(i, s) for i, x in enumerate(leaders) for s in x.experience]
        self.experience_leader = np.array([i for i, _ in rows], dtype=np.int64)
        self.experience_phase = np.array(
            [-1 if s.phase is None else self.phase_codes[s.phase] for _, s in rows], dtype=np.int64
        )
        self.experience_outcome = np.array([np.nan if s.outcome is None else s.outcome for _, s in rows], dtype=float)
        self.experience_size = np.array([np.nan if s.size is None else s.size for _, s in rows], dtype=float)
        counts = np.bincount(self.experience_leader, minlength=n) if rows else np.zeros(n, dtype=np.int64)
        self.has_experience = counts > 0
        self.experience_starts = (np.cumsum(counts) - counts)[self.has_experience]
        # Explicit affinities: for each request, the leaders given and their scores.
        self.affinities: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
        if instance.affinities is not None:
            grouped: dict[str, tuple[list, list]] = {}
            for (request_id, leader_id), score in instance.affinities.items():
                positions, scores = grouped.setdefault(request_id, ([], []))
                positions.append(self.position[leader_id])
                scores.append(score)
            self.affinities = {
                r: (np.array(p, dtype=np.int64), np.array(s, dtype=float)) for r, (p, s) in grouped.items()
            }

    @staticmethod
    def _membership(n: int, pairs) -> dict[str, np.ndarray]:
        table: dict[str, np.ndarray] = {}
        for i, codes in pairs:
            for code in codes:
                if code not in table:
                    table[code] = np.zeros(n, dtype=bool)
                table[code][i] = True
        return table

    @staticmethod
    def _lookup(pairs) -> dict[str, np.ndarray]:
        table: dict[str, list[int]] = {}
        for i, keys in pairs:
            for key in keys:
                table.setdefault(key, []).append(i)
        return {key: np.array(value, dtype=np.int64) for key, value in table.items()}

    # Filters ------------------------------------------------------------------------------------

    def exclusion_codes(self, request: Request, widen=()) -> np.ndarray:
        """For every leader, 0 when eligible for the request, else the first filter it fails
        (`widen`: the wider searches chosen, filters.WIDENINGS)."""
        n = self.size
        lifted = filters.lifted(widen)
        code = np.zeros(n, dtype=np.int8)

        def apply(mask: np.ndarray, value: int) -> None:
            code[(code == 0) & mask] = value

        def positions(indices: np.ndarray) -> np.ndarray:
            mask = np.zeros(n, dtype=bool)
            mask[indices] = True
            return mask

        apply(~self.has_role, filters.NO_DESIGNATION)
        apply(~self.roles.get(request.role, np.zeros(n, dtype=bool)), filters.WRONG_ROLE)
        if request.school_id is not None:
            apply(positions(self.by_school.get(request.school_id, EMPTY)), filters.SAME_SCHOOL)
        if request.trust_id is not None:
            apply(positions(self.by_trust.get(request.trust_id, EMPTY)), filters.SAME_TRUST)
        if request.school_id is not None:
            apply(positions(self.by_recent_employer.get(request.school_id, EMPTY)), filters.RECENT_EMPLOYER)
        if request.conflicts:
            declared = np.array([self.position[x] for x in request.conflicts if x in self.position], dtype=np.int64)
            apply(positions(declared), filters.DECLARED_CONFLICT)
        if filters.NOT_ENOUGH_DAYS not in lifted:
            apply(self.capacity < request.days, filters.NOT_ENOUGH_DAYS)
        if self.affinities is not None:
            given, _ = self.affinities.get(request.id, (EMPTY, None))
            apply(~positions(given), filters.NO_AFFINITY)
        return code

    # Factors ------------------------------------------------------------------------------------

    def factor_values(self, request: Request) -> dict[str, np.ndarray]:
        """Each factor's value (0 to 1) for every leader: the same numbers as scoring.factor_values."""
        n = self.size
        weights = self.instance.weights
        false = np.zeros(n, dtype=bool)
        if request.needs:
            needs = list(dict.fromkeys(request.needs))
            covered = np.zeros(n, dtype=float)
            for code in needs:
                covered += self.specialisms.get(code, false)
            needs_value = covered / len(needs)
        else:
            needs_value = np.full(n, NEUTRAL)
        if request.phase is None:
            phase_value = np.full(n, NEUTRAL)
        else:
            covers = self.phases.get(request.phase, false)
            if request.phase in ALL_THROUGH_COVERS:
                covers = covers | self.phases.get(ALL_THROUGH, false)
            phase_value = np.where(self.has_phases, covers.astype(float), NEUTRAL)
        if request.easting is None:
            distance_value = np.full(n, NEUTRAL)
        else:
            km = np.hypot(self.easting - request.easting, self.northing - request.northing) / 1000
            with np.errstate(invalid="ignore"):
                distance_value = np.where(self.located, 0.5 ** (km / weights.distance_half_km), NEUTRAL)
        return {
            "needs": needs_value,
            "phase": phase_value,
            "distance": distance_value,
            "experience": self._experience(request),
            "feedback": self.feedback_value,
            "spread": np.maximum(0.0, 1.0 - self.load / weights.spread_days),
        }

    def _experience(self, request: Request) -> np.ndarray:
        value = np.zeros(self.size, dtype=float)
        if not len(self.experience_leader):
            return value
        if request.phase is None:
            phase = np.full(len(self.experience_phase), NEUTRAL)
        else:
            wanted = self.phase_codes.get(request.phase, -2)
            phase = np.where(self.experience_phase < 0, NEUTRAL, (self.experience_phase == wanted).astype(float))
        if request.outcome is None:
            outcome = np.full(len(self.experience_outcome), NEUTRAL)
        else:
            outcome = np.where(
                np.isnan(self.experience_outcome), NEUTRAL, 1.0 - np.abs(request.outcome - self.experience_outcome) / 3
            )
        if request.size is None:
            size = np.full(len(self.experience_size), NEUTRAL)
        else:
            sizes = self.experience_size
            larger = np.maximum(sizes, request.size)
            with np.errstate(invalid="ignore", divide="ignore"):
                ratio = np.where(larger == 0, 1.0, np.minimum(sizes, request.size) / np.where(larger == 0, 1, larger))
            size = np.where(np.isnan(sizes), NEUTRAL, ratio)
        similarity = (phase + outcome + size) / 3
        value[self.has_experience] = np.maximum.reduceat(similarity, self.experience_starts)
        return value

    def scores(self, request: Request, widen=()) -> tuple[np.ndarray, np.ndarray]:
        """(exclusion codes, scores) for every leader; the score is what the leader would score
        were they eligible."""
        code = self.exclusion_codes(request, widen)
        if self.affinities is not None:
            score = np.zeros(self.size, dtype=float)
            given, values = self.affinities.get(request.id, (EMPTY, np.zeros(0)))
            score[given] = values
            return code, score
        weights = self.instance.weights
        total = weights.total
        values = self.factor_values(request)
        score = np.zeros(self.size, dtype=float)
        for name, weight in weights.factor_weights().items():
            score += weight * values[name] / total
        return code, score

    def eligible(self, request: Request, top: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(leader positions, scores) of the eligible leaders, best first (ties by leader order);
        only the best `top` when given."""
        return best(*self.scores(request), top)


def best(code: np.ndarray, score: np.ndarray, top: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(positions, scores) of the eligible leaders (code 0), best first, ties by position."""
    positions = np.flatnonzero(code == 0)
    scores = score[positions]
    if top is not None and len(positions) > top:
        # Keep everything tied with the top-th score, so that the cut is deterministic.
        threshold = np.partition(scores, len(scores) - top)[len(scores) - top]
        keep = scores >= threshold
        positions, scores = positions[keep], scores[keep]
    order = np.lexsort((positions, -scores))
    if top is not None:
        order = order[:top]
    return positions[order], scores[order]


@dataclass(frozen=True)
class Ranking:
    request_id: str
    candidates: tuple[Candidate, ...]  # eligible, best first, each with its breakdown
    eligible_count: int
    excluded: tuple[Candidate, ...]  # a few of the excluded, each with its reason
    excluded_count: int
    excluded_by_reason: dict[str, int]  # how many leaders each filter excluded

    def as_dict(self) -> dict:
        return {
            "request": self.request_id,
            "eligible_count": self.eligible_count,
            "candidates": [c.as_dict() for c in self.candidates],
            "excluded_count": self.excluded_count,
            "excluded_by_reason": self.excluded_by_reason,
            "excluded": [c.as_dict() for c in self.excluded],
        }


FILTER_NAMES = {
    filters.NO_DESIGNATION: "no current designation",
    filters.WRONG_ROLE: "not the role sought",
    filters.SAME_SCHOOL: "conflict: same school",
    filters.SAME_TRUST: "conflict: same trust",
    filters.RECENT_EMPLOYER: "conflict: recent employer",
    filters.DECLARED_CONFLICT: "conflict: declared",
    filters.NOT_ENOUGH_DAYS: "not enough free days",
    filters.NO_AFFINITY: "no affinity given",
}


def rank(
    index: LeaderIndex, request: Request, *, limit: int = 10, excluded_limit: int = 20, widen=(), scored=None
) -> Ranking:
    """The best `limit` eligible leaders for the request with their breakdowns, and up to
    `excluded_limit` excluded leaders with their reasons (those that fail a later filter, such as
    free days, first: they came closest). `widen`: the wider searches chosen (filters.WIDENINGS);
    `scored`: index.scores(request, widen) when the caller has it already."""
    instance = index.instance
    code, score = scored if scored is not None else index.scores(request, widen)
    eligible = np.flatnonzero(code == 0)
    top, _ = best(code, score, limit)
    candidates = tuple(candidate(request, index.leaders[i], instance, widen) for i in top)
    excluded_positions = np.flatnonzero(code != 0)
    closest = excluded_positions[np.argsort(-code[excluded_positions], kind="stable")[:excluded_limit]]
    excluded = tuple(
        Candidate(index.ids[i], 0.0, excluded=exclusion_reason(int(code[i]), request, index.leaders[i]))
        for i in closest
    )
    counts = Counter(code[excluded_positions].tolist())
    return Ranking(
        request_id=request.id,
        candidates=candidates,
        eligible_count=len(eligible),
        excluded=excluded,
        excluded_count=len(excluded_positions),
        excluded_by_reason={FILTER_NAMES[c]: counts[c] for c in sorted(counts)},
    )
