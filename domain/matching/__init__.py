"""The matching engine: proposes system leaders for requests for support, with the reasons, and
assigns a whole panel meeting's requests at once. A plain Python package: it imports nothing from
the web application or its framework, so it is usable on its own (`python -m domain.matching`);
see docs/matching.md."""

from .assignment import Solution, solve
from .model import (
    Instance,
    InstanceError,
    Leader,
    Request,
    SupportedSchool,
    Weights,
    load_instance,
    parse_instance,
    parse_instance_text,
)
from .ranking import LeaderIndex, Ranking, rank
from .scoring import Candidate, Factor, candidate

__all__ = [
    "Candidate",
    "Factor",
    "Instance",
    "InstanceError",
    "Leader",
    "LeaderIndex",
    "Ranking",
    "Request",
    "Solution",
    "SupportedSchool",
    "Weights",
    "candidate",
    "load_instance",
    "parse_instance",
    "parse_instance_text",
    "rank",
    "solve",
]
