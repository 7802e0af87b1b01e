"""The life of a recruitment round, an application and a reference request (seed 000 "Application
and selection"; seed 004 §13; DESIGN.md capability 3)."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Closed to applications"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


R = RoundStatus

ROUND = Workflow(
    name="recruitment.round",
    states=RoundStatus,
    initial=R.DRAFT,
    description=(
        "A teaching school alliance or hub recruits system leaders in a round, to meet a local need "
        '(seed 000: "TSAs should use local intelligence and data to forecast demand and recruit '
        'according to need"). Applicants can submit only while the round is open and today is within '
        "its window. A closed round goes on to selection and is completed when every application is "
        "decided. A round can be cancelled, with a reason, until it is completed."
    ),
    transitions=(
        Transition("open", (R.DRAFT,), R.OPEN, "Open the round"),
        Transition("close", (R.OPEN,), R.CLOSED, "Close the round"),
        Transition("complete", (R.CLOSED,), R.COMPLETED, "Complete the round"),
        Transition("cancel", (R.DRAFT, R.OPEN, R.CLOSED), R.CANCELLED, "Cancel the round", reason_required=True),
    ),
)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted, waiting for references"
    REFERENCES_COMPLETE = "references_complete", "References complete"
    ELIGIBILITY_CHECKED = "eligibility_checked", "Eligibility checked"
    PAPER_SCORED = "paper_scored", "Paper exercise scored"
    ASSESSED = "assessed", "Assessed"
    APPROVED = "approved", "Approved by the panel"
    DECLINED = "declined", "Declined by the panel"
    APPEALED = "appealed", "Appealed"
    APPEAL_UPHELD = "appeal_upheld", "Appeal upheld"
    APPEAL_DISMISSED = "appeal_dismissed", "Appeal dismissed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # NLE and NLG: the panel recommends, the Department for Education decides (seed 004 §14:
    # "the department makes the final decision"; seed 003: NLGs are "designated by the DfE").
    RECOMMENDED = "recommended", "Recommended to the Department for Education"
    DEPARTMENT_APPROVED = "department_approved", "Approved by the Department for Education"
    DEPARTMENT_DECLINED = "department_declined", "Declined by the Department for Education"


A = ApplicationStatus

# States in which the application is over for the applicant.
APPLICATION_ENDED_STATES = frozenset({A.APPROVED, A.DEPARTMENT_APPROVED, A.APPEAL_DISMISSED, A.WITHDRAWN})
# The department's: waiting for its decision, or decided by it.
DEPARTMENT_STATES = (A.RECOMMENDED, A.DEPARTMENT_APPROVED, A.DEPARTMENT_DECLINED)
# Declined, by the panel or by the department: the applicant may appeal.
DECLINED_STATES = (A.DECLINED, A.DEPARTMENT_DECLINED)
# States in which the applicant may still withdraw.
WITHDRAWABLE_STATES = (
    A.DRAFT,
    A.SUBMITTED,
    A.REFERENCES_COMPLETE,
    A.ELIGIBILITY_CHECKED,
    A.PAPER_SCORED,
    A.ASSESSED,
)

APPLICATION = Workflow(
    name="recruitment.application",
    states=ApplicationStatus,
    initial=A.DRAFT,
    description=(
        "An application to a recruitment round. The applicant edits it only as a draft; once "
        "submitted it waits for two references and the chair of governors' confirmation (seed 000: "
        '"references will be requested"; the leader must "have the support of your school\'s '
        'governing body / trust board"), which move it on by themselves when the last one answers. '
        "Then the eligibility check, for NLEs the paper exercise (seed 004 §13: eligibility, paper "
        "exercise, interview or assessment), the assessment, and the panel's decision. The check is "
        "run again, every run kept, when an assessor judges a criterion; the status stays where it is. "
        "The application may be declined, with reasons, at any stage after the eligibility check; it "
        "is approved only after the assessment, once every criterion is met. A declined applicant may "
        "appeal; an upheld appeal goes back to the panel, which may then approve. The applicant may "
        "withdraw, with a reason, until the panel decides. For an NLE or NLG the panel's approval is a "
        "recommendation to the Department for Education, whose official approves it, designating the "
        'leader, or declines it with reasons, which the applicant may appeal (seed 004 §14: "the '
        'department makes the final decision"; seed 003).'
    ),
    transitions=(
        Transition("submit", (A.DRAFT,), A.SUBMITTED, "Submit the application"),
        Transition("complete_references", (A.SUBMITTED,), A.REFERENCES_COMPLETE, "Complete the references"),
        Transition(
            "check_eligibility", (A.REFERENCES_COMPLETE,), A.ELIGIBILITY_CHECKED, "Record the eligibility check"
        ),
        Transition("score_paper", (A.ELIGIBILITY_CHECKED,), A.PAPER_SCORED, "Score the paper exercise"),
        Transition("assess", (A.ELIGIBILITY_CHECKED, A.PAPER_SCORED), A.ASSESSED, "Record the assessment"),
        Transition("approve", (A.ASSESSED, A.APPEAL_UPHELD), A.APPROVED, "Approve the application"),
        Transition(
            "decline",
            (A.ELIGIBILITY_CHECKED, A.PAPER_SCORED, A.ASSESSED),
            A.DECLINED,
            "Decline the application",
            reason_required=True,
        ),
        Transition("appeal", DECLINED_STATES, A.APPEALED, "Appeal the decision", reason_required=True),
        Transition("uphold_appeal", (A.APPEALED,), A.APPEAL_UPHELD, "Uphold the appeal", reason_required=True),
        Transition("dismiss_appeal", (A.APPEALED,), A.APPEAL_DISMISSED, "Dismiss the appeal", reason_required=True),
        Transition("withdraw", WITHDRAWABLE_STATES, A.WITHDRAWN, "Withdraw the application", reason_required=True),
        Transition(
            "recommend", (A.ASSESSED, A.APPEAL_UPHELD), A.RECOMMENDED, "Recommend to the Department for Education"
        ),
        Transition(
            "department_approve", (A.RECOMMENDED,), A.DEPARTMENT_APPROVED, "Approve for the Department for Education"
        ),
        Transition(
            "department_decline",
            (A.RECOMMENDED,),
            A.DEPARTMENT_DECLINED,
            "Decline for the Department for Education",
            reason_required=True,
        ),
    ),
)


class ReferenceStatus(models.TextChoices):
    TO_CONFIRM = "to_confirm", "Address to be checked"
    AWAITING = "awaiting", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
    REPLACED = "replaced", "Replaced"
    VOID = "void", "No longer needed"


F = ReferenceStatus

# A request still open: the address waits to be checked, or the link waits for an answer.
REFERENCE_OPEN_STATES = (F.TO_CONFIRM, F.AWAITING)

REFERENCE = Workflow(
    name="recruitment.reference",
    states=ReferenceStatus,
    initial=F.TO_CONFIRM,
    description=(
        "A request to a referee, or to the chair of governors for their confirmation. The applicant "
        "names the person; the alliance's coordinator checks the name, role, organisation and email "
        "address and confirms it (ADR 18): only then is the single-use link e-mailed, and it is answered "
        "once, without an account, before it expires. A person who does not answer, or whose address "
        "does not check out, can be replaced: the old link then says it was replaced. When the "
        "application is withdrawn, every request still open becomes void."
    ),
    transitions=(
        Transition("confirm", (F.TO_CONFIRM,), F.AWAITING, "Confirm the address and send the link"),
        Transition("answer", (F.AWAITING,), F.ANSWERED, "Answer the request"),
        Transition("replace", REFERENCE_OPEN_STATES, F.REPLACED, "Replace the referee", reason_required=True),
        Transition("void", REFERENCE_OPEN_STATES, F.VOID, "Void the request", reason_required=True),
    ),
)
