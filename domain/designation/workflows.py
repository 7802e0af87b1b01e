"""The life of a designation (seed 004 §22-26; seed 001; DESIGN.md capability 3)."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class DesignationStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    DE_DESIGNATED = "de_designated", "De-designated"
    LAPSED = "lapsed", "Lapsed"
    REDESIGNATED = "redesignated", "Re-designated"


# States in which a designation is over: no reminders, no deployments.
ENDED_STATES = frozenset({DesignationStatus.DE_DESIGNATED, DesignationStatus.LAPSED, DesignationStatus.REDESIGNATED})

S = DesignationStatus

DESIGNATION = Workflow(
    name="designation.designation",
    states=DesignationStatus,
    initial=S.ACTIVE,
    description=(
        "A system leader's designation for one term. A suspended designation is not offered for "
        "deployment until it is reinstated. De-designation needs one of the reasons of seed 004 §26 "
        "(lack of activity or engagement, misconduct, clear failure to meet the standards) and an "
        "explanation. The service lapses a designation at the end of its term (also when it is "
        "suspended: the term ends all the same). Re-designation after review (seed 004 §22-25) closes "
        "this designation as `redesignated` and opens a new one, linked to it, for the new term."
    ),
    transitions=(
        Transition("suspend", (S.ACTIVE,), S.SUSPENDED, "Suspend the designation", reason_required=True),
        Transition("reinstate", (S.SUSPENDED,), S.ACTIVE, "Reinstate the designation"),
        Transition(
            "de_designate",
            (S.ACTIVE, S.SUSPENDED),
            S.DE_DESIGNATED,
            "De-designate the leader",
            reason_required=True,
        ),
        Transition("lapse", (S.ACTIVE, S.SUSPENDED), S.LAPSED, "Lapse the designation"),
        Transition(
            "redesignate", (S.ACTIVE, S.LAPSED), S.REDESIGNATED, "Re-designate the leader", reason_required=True
        ),
    ),
)
