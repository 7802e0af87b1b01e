"""The workflows of a deployment (seed 000 "Deployment": "contract/action plan, notes of visit,
evaluation, cause of concern, process and payment contract"; seed 002 "Contracting and Quality
Assurance"; DESIGN.md capabilities 8 and 9): the deployment itself, each version of its contract,
each visit, each request to vary the days, each cause for concern and each invoice."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class DeploymentStatus(models.TextChoices):
    CONTRACTING = "contracting", "Agreeing the contract"
    ACTIVE = "active", "Under way"
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended early"


D = DeploymentStatus

DEPLOYMENT = Workflow(
    name="deployments.deployment",
    states=DeploymentStatus,
    initial=D.CONTRACTING,
    description=(
        'A deployment starts when the client accepts the offer of a request. Seed 002: "At the start of '
        "the deployment, objectives and impact measures will be agreed ... An LLE contract will be drawn up "
        'by the teaching school and agree with all parties involved." It is under way once every party has '
        "agreed the first version of its contract, and completed when the final review is recorded. The "
        "brokering alliance can end it early, saying why."
    ),
    transitions=(
        Transition("start", (D.CONTRACTING,), D.ACTIVE, "Start the deployment"),
        Transition("complete", (D.ACTIVE,), D.COMPLETED, "Complete the deployment"),
        Transition("end_early", (D.CONTRACTING, D.ACTIVE), D.ENDED, "End the deployment early", reason_required=True),
    ),
)

# Deployments still in hand: visits, concerns and reviews are recorded only on these.
OPEN_DEPLOYMENT_STATES = frozenset({D.CONTRACTING, D.ACTIVE})


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Waiting for agreement"
    AGREED = "agreed", "Agreed"
    SUPERSEDED = "superseded", "Replaced by a later version"
    WITHDRAWN = "withdrawn", "Withdrawn"


C = ContractStatus

CONTRACT = Workflow(
    name="deployments.contract",
    states=ContractStatus,
    initial=C.DRAFT,
    description=(
        "One version of a deployment's contract and action plan. The brokering alliance drafts it and "
        "proposes it to the parties (the client headteacher, the leader, the alliance and the commissioner "
        "where there is one). It is agreed when every party has agreed the version they read; a change is "
        "a new version, agreed again, and the earlier version is then superseded. A proposed version can "
        "be withdrawn, saying why, and a new draft made."
    ),
    transitions=(
        Transition("propose", (C.DRAFT,), C.PROPOSED, "Send the contract to the parties"),
        Transition("agree", (C.PROPOSED,), C.AGREED, "Agree the contract"),
        Transition("supersede", (C.AGREED,), C.SUPERSEDED, "Replace the contract"),
        Transition("withdraw", (C.DRAFT, C.PROPOSED), C.WITHDRAWN, "Withdraw the contract", reason_required=True),
    ),
)

# A deployment has at most one version being drafted or agreed at a time.
OPEN_CONTRACT_STATES = frozenset({C.DRAFT, C.PROPOSED})


class VisitStatus(models.TextChoices):
    PLANNED = "planned", "Note of visit to write"
    SHARED = "shared", "Note shared with the school"
    CANCELLED = "cancelled", "Cancelled"


V = VisitStatus

VISIT = Workflow(
    name="deployments.visit",
    states=VisitStatus,
    initial=V.PLANNED,
    description=(
        'Seed 000 asks for "notes of visit". The leader plans a visit (or records one after the event); '
        "after it the note of visit (date, hours, days, activities, findings, next steps) is due within a "
        "set number of working days, with a chaser. Sharing the note with the client logs its time "
        "against the agreed days. A planned visit can be cancelled, saying why."
    ),
    transitions=(
        Transition("share", (V.PLANNED,), V.SHARED, "Share the note of visit"),
        Transition("cancel", (V.PLANNED,), V.CANCELLED, "Cancel the visit", reason_required=True),
    ),
)


class VariationStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for a decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


VA = VariationStatus

VARIATION = Workflow(
    name="deployments.variation",
    states=VariationStatus,
    initial=VA.REQUESTED,
    description=(
        "A request to go beyond the deployment's agreed days. The leader or the alliance asks, saying how "
        "many more days and why; the brokering alliance approves it (the days are added to what the leader "
        "may log and committed in their availability) or refuses it, saying why."
    ),
    transitions=(
        Transition("approve", (VA.REQUESTED,), VA.APPROVED, "Approve the extra days"),
        Transition("refuse", (VA.REQUESTED,), VA.REFUSED, "Refuse the extra days", reason_required=True),
    ),
)


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    ESCALATED = "escalated", "Escalated"
    RESOLVED = "resolved", "Resolved"


CC = ConcernStatus

CONCERN = Workflow(
    name="deployments.concern",
    states=ConcernStatus,
    initial=CC.OPEN,
    description=(
        'Seed 000 asks for a "cause of concern" record. The leader, the client or the alliance raises one, '
        "with its severity; the alliance's quality lead is told at once. The alliance escalates it to the "
        "commissioner and the region's representatives when it needs them, and resolves it, recording how. "
        "Only those who need it see it."
    ),
    transitions=(
        Transition("escalate", (CC.OPEN,), CC.ESCALATED, "Escalate the concern", reason_required=True),
        Transition("resolve", (CC.OPEN, CC.ESCALATED), CC.RESOLVED, "Resolve the concern", reason_required=True),
    ),
)


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    PAID = "paid", "Paid"
    CANCELLED = "cancelled", "Cancelled"


I = InvoiceStatus  # noqa: E741

INVOICE = Workflow(
    name="deployments.invoice",
    states=InvoiceStatus,
    initial=I.DRAFT,
    description=(
        'Seed 000: the alliance will "broker, process payment, support and QA deployments". An invoice from '
        "the brokering alliance to the payer for days evidenced by shared notes of visit, at the contract's "
        "day rate, with the remuneration to the leader's school and the alliance's brokerage fee. Drafted, "
        "issued, then marked paid; a draft or issued invoice can be cancelled, saying why."
    ),
    transitions=(
        Transition("issue", (I.DRAFT,), I.ISSUED, "Issue the invoice"),
        Transition("pay", (I.ISSUED,), I.PAID, "Mark the invoice as paid"),
        Transition("cancel", (I.DRAFT, I.ISSUED), I.CANCELLED, "Cancel the invoice", reason_required=True),
    ),
)

# Invoices that count against the evidenced days.
LIVE_INVOICE_STATES = frozenset({I.DRAFT, I.ISSUED, I.PAID})
