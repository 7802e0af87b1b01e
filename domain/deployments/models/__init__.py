"""A deployment of a system leader to a client school and everything recorded about it: the
contract and action plan, notes of visit, variations, causes for concern, reviews, feedback,
quality assurance and invoices (seed 000 "Deployment" and "Quality assurance"; seed 002
"Contracting and Quality Assurance"; DESIGN.md capabilities 8 and 9)."""

from .concerns import Concern, ConcernSeverity
from .contract import ContractAgreement, ContractVersion, ContractView, ImpactMeasure, Payer
from .deployment import Deployment, Party
from .feedback import FeedbackForm, FeedbackResponse, FeedbackRound, FeedbackStage
from .payments import Invoice
from .quality import QaActivity, QaKind, QaOutcome
from .reviews import MeasureJudgement, MeasureResult, Review, ReviewKind
from .visits import Variation, Visit

__all__ = [
    "Concern",
    "ConcernSeverity",
    "ContractAgreement",
    "ContractVersion",
    "ContractView",
    "Deployment",
    "FeedbackForm",
    "FeedbackResponse",
    "FeedbackRound",
    "FeedbackStage",
    "ImpactMeasure",
    "Invoice",
    "MeasureJudgement",
    "MeasureResult",
    "Party",
    "Payer",
    "QaActivity",
    "QaKind",
    "QaOutcome",
    "Review",
    "ReviewKind",
    "Variation",
    "Visit",
]
