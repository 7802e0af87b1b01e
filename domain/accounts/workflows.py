"""The life of a membership (a person's role in an organisation)."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    ENDED = "ended", "Ended"


MEMBERSHIP = Workflow(
    name="accounts.membership",
    states=MembershipStatus,
    initial=MembershipStatus.ACTIVE,
    description=(
        "A person's role in an organisation. A suspended role gives no access until it is "
        "reinstated; an ended role stays on the record and cannot be reinstated (add a new one)."
    ),
    transitions=(
        Transition(
            "suspend", (MembershipStatus.ACTIVE,), MembershipStatus.SUSPENDED, "Suspend the role", reason_required=True
        ),
        Transition("reinstate", (MembershipStatus.SUSPENDED,), MembershipStatus.ACTIVE, "Reinstate the role"),
        Transition(
            "end",
            (MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED),
            MembershipStatus.ENDED,
            "End the role",
            reason_required=True,
        ),
    ),
)
