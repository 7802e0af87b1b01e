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
        "this designation as `redesignated` and opens a new one, linked to it, for the new term. An "
        "upheld appeal against a de-designation restores the designation."
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
        # An appeal against a de-designation made at review, upheld by someone else (seed 000:
        # "TSAs would manage appeals and review of designation").
        Transition("restore", (S.DE_DESIGNATED,), S.ACTIVE, "Restore the designation", reason_required=True),
    ),
)


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Waiting for the leader's self-assessment"
    SUBMITTED = "submitted", "Waiting for a decision"
    REDESIGNATED = "redesignated", "Re-designated"
    NOT_RENEWED = "not_renewed", "Not renewed"
    DE_DESIGNATED = "de_designated", "De-designated"
    APPEALED = "appealed", "Appealed"
    APPEAL_DISMISSED = "appeal_dismissed", "Appeal dismissed"


# Decisions a leader may appeal (the review's own record of them: ReviewStatus).
APPEALABLE_STATES = frozenset({ReviewStatus.NOT_RENEWED, ReviewStatus.DE_DESIGNATED})

R = ReviewStatus

REVIEW = Workflow(
    name="designation.review",
    states=ReviewStatus,
    initial=R.OPEN,
    description=(
        "The review at the end of a designation's term (seed 004 §22-26: a light-touch review and "
        "re-designation process). The service opens it six months before the term ends; the leader "
        "writes and sends a self-assessment; the designating body reads the pack (self-assessment, "
        "feedback from supported schools and alliances, inspections, numbers) and re-designates the "
        "leader for a new term, does not renew the designation (it ends with its term), or "
        "de-designates the leader for one of seed 004 §26's reasons. The leader may appeal a "
        "non-renewal or a de-designation once; someone other than the decision maker hears it. An "
        "upheld appeal sends the review back for a fresh decision (a de-designated designation is "
        "restored first)."
    ),
    transitions=(
        Transition("submit", (R.OPEN,), R.SUBMITTED, "Send the self-assessment"),
        Transition("redesignate", (R.SUBMITTED,), R.REDESIGNATED, "Re-designate the leader", reason_required=True),
        Transition("not_renew", (R.SUBMITTED,), R.NOT_RENEWED, "Do not renew the designation", reason_required=True),
        Transition(
            "de_designate", (R.OPEN, R.SUBMITTED), R.DE_DESIGNATED, "De-designate the leader", reason_required=True
        ),
        Transition("appeal", tuple(sorted(APPEALABLE_STATES)), R.APPEALED, "Appeal the decision", reason_required=True),
        Transition("uphold_appeal", (R.APPEALED,), R.SUBMITTED, "Uphold the appeal", reason_required=True),
        Transition("dismiss_appeal", (R.APPEALED,), R.APPEAL_DISMISSED, "Dismiss the appeal", reason_required=True),
    ),
)
