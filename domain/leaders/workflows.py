"""The workflows of the register of system leaders: association with an alliance, hub or
strategic grouping (seed 000 "Association") and the pen portrait's approval."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class AssociationStatus(models.TextChoices):
    INVITED = "invited", "Invited by the alliance"
    REQUESTED = "requested", "Asked by the leader"
    ACTIVE = "active", "Associated"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired"
    ENDED = "ended", "Ended"
    TRANSFERRED = "transferred", "Transferred"


# An invitation or a request waiting for the other side's answer.
OPEN_STATES = frozenset({AssociationStatus.INVITED, AssociationStatus.REQUESTED})

A = AssociationStatus

ASSOCIATION = Workflow(
    name="leaders.association",
    states=AssociationStatus,
    initial=A.INVITED,
    description=(
        "A system leader's association with one teaching school alliance, hub or strategic grouping, "
        'which exclusively brokers their deployments (seed 000 "Association"). Either side may start '
        "it: the alliance invites (`invited`) and the leader accepts or declines, or the leader asks "
        "(`requested`) and the alliance accepts or declines. A designation by an alliance starts it "
        "`active` straight away. An open invitation or request can be withdrawn by the side that sent "
        "it and expires after 28 days. A leader has at most one active association: a database "
        "constraint and a lock on the leader hold that whatever two coordinators do at the same "
        "moment. An active association ends (either side, with a reason) or is transferred to "
        "another alliance, hub or grouping, which opens a new active association."
    ),
    transitions=(
        Transition("accept", (A.INVITED, A.REQUESTED), A.ACTIVE, "Accept"),
        Transition("decline", (A.INVITED, A.REQUESTED), A.DECLINED, "Decline"),
        Transition("withdraw", (A.INVITED, A.REQUESTED), A.WITHDRAWN, "Withdraw"),
        Transition("expire", (A.INVITED, A.REQUESTED), A.EXPIRED, "Expire"),
        Transition("end", (A.ACTIVE,), A.ENDED, "End the association", reason_required=True),
        Transition("transfer", (A.ACTIVE,), A.TRANSFERRED, "Transfer the association", reason_required=True),
    ),
)


class PortraitStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for approval"
    PUBLISHED = "published", "Published"
    RETURNED = "returned", "Returned for changes"
    SUPERSEDED = "superseded", "Replaced by a newer version"
    WITHDRAWN = "withdrawn", "Taken down"


P = PortraitStatus

PEN_PORTRAIT = Workflow(
    name="leaders.pen_portrait",
    states=PortraitStatus,
    initial=P.DRAFT,
    description=(
        "One version of a system leader's pen portrait. The leader writes it and submits it; the "
        "alliance, hub or grouping they are associated with approves it before it is published in the "
        "directory, or returns it with the changes it needs. A change to a published portrait is a new "
        "version: the published one stays in the directory until the new one is approved, then it is "
        "`superseded`. A published portrait can be taken down, by the leader or the alliance, with a "
        'reason. Seed 000: "Pen portraits for NLEs, LLEs and SLEs should be available on each TSA '
        'website."'
    ),
    transitions=(
        Transition("submit", (P.DRAFT, P.RETURNED), P.SUBMITTED, "Submit for approval"),
        Transition("approve", (P.SUBMITTED,), P.PUBLISHED, "Approve and publish"),
        Transition("return", (P.SUBMITTED,), P.RETURNED, "Return for changes", reason_required=True),
        Transition("supersede", (P.PUBLISHED,), P.SUPERSEDED, "Replace with the newer version"),
        Transition("withdraw", (P.PUBLISHED,), P.WITHDRAWN, "Take down", reason_required=True),
    ),
)
