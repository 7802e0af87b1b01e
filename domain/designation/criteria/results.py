"""What an evaluation returns: a result per criterion, per group (or NLE route) and per set, each
with a reason a person can read."""

from dataclasses import asdict, dataclass

MET = "met"
NOT_MET = "not_met"
NEEDS_EVIDENCE = "needs_evidence"
RESULTS = (MET, NOT_MET, NEEDS_EVIDENCE)
RESULT_LABELS = {MET: "met", NOT_MET: "not met", NEEDS_EVIDENCE: "needs evidence"}


@dataclass(frozen=True)
class CriterionResult:
    id: str
    text: str
    check: str  # data | declaration | judgement
    result: str
    reason: str
    source: str = ""
    applies: bool = True  # False when the criterion does not apply (then it counts as met)
    by_exception: str = ""  # the id of the exception that made it met, if any


@dataclass(frozen=True)
class GroupResult:
    id: str
    title: str
    result: str
    reason: str
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True)
class Evaluation:
    set_id: str
    version: int
    status: str
    role: str
    region: str
    title: str
    outcome: str  # all | any
    result: str
    reason: str
    groups: tuple[GroupResult, ...]

    def to_dict(self) -> dict:
        return asdict(self)


def combine_all(results: list[str]) -> str:
    """Every part must be met: one not met fails it; otherwise anything unknown needs evidence."""
    if NOT_MET in results:
        return NOT_MET
    if NEEDS_EVIDENCE in results:
        return NEEDS_EVIDENCE
    return MET


def combine_any(results: list[str]) -> str:
    """One part met is enough (the NLE routes, seed 004 §11: "meet one of the following")."""
    if MET in results:
        return MET
    if NEEDS_EVIDENCE in results:
        return NEEDS_EVIDENCE
    return NOT_MET
