"""The criteria engine for designation (issue 3, part 1): criteria sets as versioned data per role
and region, checked against plain facts. Pure: no web, no database writes.

    from domain.designation.criteria import evaluate, facts_from_dict, get_set
    evaluation = evaluate(get_set("yh-lle"), facts_from_dict(raw))
"""

from .adapters import facts_from_school
from .evaluate import evaluate
from .facts import Facts, FactsError, InspectionFact, Judgement, Post, SchoolFacts, facts_from_dict
from .results import MET, NEEDS_EVIDENCE, NOT_MET, CriterionResult, Evaluation, GroupResult
from .sets import CriteriaSet, CriteriaSetError, Criterion, Group, get_set, load_sets, parse_set

__all__ = [
    "MET",
    "NEEDS_EVIDENCE",
    "NOT_MET",
    "CriteriaSet",
    "CriteriaSetError",
    "Criterion",
    "CriterionResult",
    "Evaluation",
    "Facts",
    "FactsError",
    "Group",
    "GroupResult",
    "InspectionFact",
    "Judgement",
    "Post",
    "SchoolFacts",
    "evaluate",
    "facts_from_dict",
    "facts_from_school",
    "get_set",
    "load_sets",
    "parse_set",
]
