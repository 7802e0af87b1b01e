"""The score of a leader for a request: a weighted sum of factors, each between 0 and 1, with a
reason a panel member can read. The score is the weighted mean of the factors, so it is between 0
and 1 too. Missing data never counts against a leader: a factor that cannot be worked out is
neutral (0.5) and says so.

This is the reference implementation, one pair at a time. `ranking.py` computes the same numbers
for thousands of leaders at once; a test checks that the two agree."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from domain.designation.specialisms import PHASES, specialism_label

from .filters import check, flags
from .model import Instance, Leader, Request, SupportedSchool, Weights

NEUTRAL = 0.5
# A leader working across all phases covers these phases fully.
ALL_THROUGH = "all_through"
ALL_THROUGH_COVERS = frozenset({"primary", "secondary", ALL_THROUGH})
PHASE_NAMES = dict(PHASES)
OUTCOME_NAMES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}


@dataclass(frozen=True)
class Factor:
    name: str
    weight: float  # as configured (not normalised)
    value: float  # 0 to 1
    contribution: float  # weight * value / total weight: the factors' contributions add up to the score
    reason: str


@dataclass(frozen=True)
class Candidate:
    leader_id: str
    score: float
    factors: tuple[Factor, ...] = ()
    flags: tuple[str, ...] = ()
    excluded: str | None = None  # the reason, when a hard filter excluded the pair

    def as_dict(self) -> dict:
        if self.excluded:
            return {"leader": self.leader_id, "excluded": self.excluded}
        record = {"leader": self.leader_id, "score": round(self.score, 4)}
        record["factors"] = [
            {
                "name": f.name,
                "weight": f.weight,
                "value": round(f.value, 4),
                "contribution": round(f.contribution, 4),
                "reason": f.reason,
            }
            for f in self.factors
        ]
        record["flags"] = list(self.flags)
        return record


@dataclass(frozen=True)
class FactorValue:
    value: float
    reason: str = field(default="")


def phase_name(code: str | None) -> str:
    return PHASE_NAMES.get(code, code or "unknown phase")


def needs_fit(request: Request, leader: Leader) -> FactorValue:
    if not request.needs:
        return FactorValue(NEUTRAL, "The request names no specific needs")
    needs = list(dict.fromkeys(request.needs))
    covered = [code for code in needs if code in leader.specialisms]
    missing = [code for code in needs if code not in leader.specialisms]
    value = len(covered) / len(needs)
    if not covered:
        return FactorValue(0.0, f"Covers none of the needs ({', '.join(map(specialism_label, needs))})")
    reason = f"Covers {len(covered)} of {len(needs)} needs: {', '.join(map(specialism_label, covered))}"
    if missing:
        reason += f"; not {', '.join(map(specialism_label, missing))}"
    return FactorValue(value, reason)


def phase_covers(leader_phases, phase: str) -> bool:
    return phase in leader_phases or (ALL_THROUGH in leader_phases and phase in ALL_THROUGH_COVERS)


def phase_fit(request: Request, leader: Leader) -> FactorValue:
    if request.phase is None:
        return FactorValue(NEUTRAL, "The client's phase is not known")
    if not leader.phases:
        return FactorValue(NEUTRAL, "The leader has not said which phases they work in")
    if phase_covers(leader.phases, request.phase):
        return FactorValue(1.0, f"Works in {phase_name(request.phase).lower()}")
    return FactorValue(0.0, f"Does not work in {phase_name(request.phase).lower()}")


def distance_km(request: Request, leader: Leader) -> float | None:
    if None in (request.easting, request.northing, leader.easting, leader.northing):
        return None
    return math.hypot(request.easting - leader.easting, request.northing - leader.northing) / 1000


def distance_fit(request: Request, leader: Leader, weights: Weights) -> FactorValue:
    km = distance_km(request, leader)
    if km is None:
        missing = "the client's" if request.easting is None else "the leader's"
        return FactorValue(NEUTRAL, f"Distance not known: {missing} location is missing")
    return FactorValue(0.5 ** (km / weights.distance_half_km), f"{km:.1f} km from the client school")


def similarity(request: Request, school: SupportedSchool) -> float:
    """How alike a supported school and the client are: the mean of phase, outcome and size
    likeness, each 0.5 when either side does not know it."""
    known_phase = request.phase is not None and school.phase is not None
    phase = (1.0 if school.phase == request.phase else 0.0) if known_phase else NEUTRAL
    if request.outcome is None or school.outcome is None:
        outcome = NEUTRAL
    else:
        outcome = 1.0 - abs(request.outcome - school.outcome) / 3
    if request.size is None or school.size is None:
        size = NEUTRAL
    elif max(request.size, school.size) == 0:
        size = 1.0
    else:
        size = min(request.size, school.size) / max(request.size, school.size)
    return (phase + outcome + size) / 3


def describe_school(school: SupportedSchool) -> str:
    parts = []
    if school.phase:
        parts.append(phase_name(school.phase).lower())
    if school.outcome:
        parts.append(OUTCOME_NAMES[school.outcome].lower())
    if school.size is not None:
        parts.append(f"{school.size} pupils")
    return ", ".join(parts) or "nothing known about it"


def experience_fit(request: Request, leader: Leader) -> FactorValue:
    if not leader.experience:
        return FactorValue(0.0, "No record of supporting other schools")
    best = max(leader.experience, key=lambda school: similarity(request, school))
    value = similarity(request, best)
    count = len(leader.experience)
    plural = "school" if count == 1 else "schools"
    return FactorValue(value, f"Supported {count} {plural}; the most similar: {describe_school(best)}")


def feedback_fit(leader: Leader) -> FactorValue:
    if leader.feedback is None:
        return FactorValue(NEUTRAL, "No feedback from clients yet")
    return FactorValue(leader.feedback, f"Clients' feedback {round(leader.feedback * 100)}%")


def spread_fit(leader: Leader, weights: Weights) -> FactorValue:
    value = max(0.0, 1.0 - leader.load / weights.spread_days)
    plural = "day" if leader.load == 1 else "days"
    return FactorValue(value, f"{leader.load} {plural} already committed")


def factor_values(request: Request, leader: Leader, weights: Weights) -> dict[str, FactorValue]:
    return {
        "needs": needs_fit(request, leader),
        "phase": phase_fit(request, leader),
        "distance": distance_fit(request, leader, weights),
        "experience": experience_fit(request, leader),
        "feedback": feedback_fit(leader),
        "spread": spread_fit(leader, weights),
    }


def breakdown(request: Request, leader: Leader, weights: Weights) -> tuple[float, tuple[Factor, ...]]:
    """The score and its factors, whose contributions add up to it."""
    values = factor_values(request, leader, weights)
    total = weights.total
    factors = tuple(
        Factor(name, weight, values[name].value, weight * values[name].value / total, values[name].reason)
        for name, weight in weights.factor_weights().items()
    )
    return sum(f.contribution for f in factors), factors


def affinity_breakdown(score: float) -> tuple[float, tuple[Factor, ...]]:
    return score, (Factor("affinity", 1.0, score, score, "Affinity given in the instance"),)


def candidate(request: Request, leader: Leader, instance: Instance, widen=()) -> Candidate:
    """The leader as a candidate for the request: excluded with a reason, or scored with the
    breakdown (`widen`: the wider searches chosen, filters.WIDENINGS)."""
    exclusion = check(request, leader, instance, widen)
    if exclusion is not None:
        return Candidate(leader.id, 0.0, excluded=exclusion.reason)
    if instance.affinities is not None:
        score, factors = affinity_breakdown(instance.affinities[request.id, leader.id])
    else:
        score, factors = breakdown(request, leader, instance.weights)
    return Candidate(leader.id, score, factors, flags(request, leader, instance))
