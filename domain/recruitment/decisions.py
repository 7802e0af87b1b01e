"""The panel's decision with written feedback, and the appeal (issue 3: "Decision with written
feedback to the applicant; an appeal heard by someone who did not sit on the panel; its outcome
recorded"; seed 000: "TSAs would manage appeals and review of designation").

An approval designates the applicant through domain.designation.services.designation_create, by
the round's alliance or hub, for the round's role, phases and specialisms, from today. For an NLE
or NLG the approval is a recommendation: the Department for Education decides (department.py)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from domain.audit.models import AuditEvent
from domain.audit.services import subject_type_of
from domain.designation.criteria.results import NEEDS_EVIDENCE, NOT_MET
from domain.designation.models import DesignatingSource
from domain.designation.services import DEPARTMENT_ROLES, DesignationRefused, designation_create
from domain.notifications.services import notify
from domain.workflows.table import transition

from .department import notify_department_of_recommendation
from .eligibility import latest_check
from .models import (
    Appeal,
    AppealOutcome,
    Application,
    DepartmentDecision,
    EligibilityCheck,
    PanelDecision,
    PanelOutcome,
)
from .panel import panel_warnings, sits_on_panel
from .policies import can_decide_application, can_run_selection
from .services import MAX_TEXT, RecruitmentRefused
from .workflows import APPLICATION, DECLINED_STATES, ApplicationStatus

# A CHOICE, not from the seeds: a declined applicant may appeal within this many days of the
# decision (seed 000 says only that "TSAs would manage appeals").
APPEAL_DAYS = 28


def _text(value, what: str) -> str:
    value = (value or "").strip() if isinstance(value, str) or value is None else ""
    if not value:
        raise RecruitmentRefused(f"Enter the {what}")
    if len(value) > MAX_TEXT:
        raise RecruitmentRefused(f"The {what} must be {MAX_TEXT:,} characters or fewer")
    return value


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__organisation", "applicant", "school")
        .get(pk=application.pk)
    )


def _designate(actor, application: Application):
    round_ = application.round
    try:
        return designation_create(
            actor=actor,
            person=application.applicant,
            role=round_.role,
            source=DesignatingSource.TSA_OR_HUB,
            organisation=round_.organisation,
            school=application.school,
            phases=list(round_.phases),
            # The SLE's own specialisms from the application (seed 003: "SLEs are experienced
            # middle or senior leaders with a specialism"); the round's when it asked none.
            specialisms=list(application.specialisms or round_.specialisms),
            starts_on=timezone.localdate(),
        )
    except DesignationRefused as error:
        raise RecruitmentRefused(f"The applicant cannot be designated: {error}") from None


def _criteria_needing_evidence(check: EligibilityCheck) -> list[str]:
    """The criteria of the run still needing evidence, in plain words (their text), in set order."""
    return [
        criterion["text"]
        for group in check.evaluation.get("groups", [])
        if group.get("result") == NEEDS_EVIDENCE
        for criterion in group.get("criteria", [])
        if criterion.get("result") == NEEDS_EVIDENCE
    ]


def _refuse_approval_unless_eligible(locked: Application) -> None:
    """Seed 000 ("Application and selection"): the criteria are ones applicants "must" meet, so a
    criterion not met in the latest eligibility run blocks approval, whatever the assessment
    scored; and every "needs evidence" is settled, by an assessor's judgement, before the panel
    approves (issue 14). An upheld appeal has reviewed the whole decision: the panel then approves."""
    if locked.status == ApplicationStatus.APPEAL_UPHELD:
        return
    check = latest_check(locked)
    if check is None:
        return
    if check.result == NOT_MET:
        raise RecruitmentRefused(
            "The applicant does not meet a criterion they must meet, so the panel cannot approve the "
            "application: decline it, saying why"
        )
    if check.result == NEEDS_EVIDENCE:
        pending = _criteria_needing_evidence(check)
        raise RecruitmentRefused(
            "The panel cannot approve while evidence is still needed. Record a judgement on: "
            + "; ".join(pending or ["the criteria marked as needing evidence"])
        )


# The panel decides after the assessment (or again after an upheld appeal); the application may be
# declined, with reasons, at any stage after the eligibility check (issue 14).
APPROVABLE_STATES = (ApplicationStatus.ASSESSED, ApplicationStatus.APPEAL_UPHELD)
DECLINABLE_STATES = (ApplicationStatus.ELIGIBILITY_CHECKED, ApplicationStatus.PAPER_SCORED, ApplicationStatus.ASSESSED)


@transaction.atomic
def panel_decide(*, actor, application: Application, outcome: str, feedback: str) -> PanelDecision:
    """Records the decision and tells the applicant, with the written feedback. An approval comes
    after the assessment, from a valid panel, once the latest eligibility run is met; it
    designates the applicant. A decline may come at any stage after the eligibility check (before
    the assessment, with no panel needed). After an upheld appeal the panel can only approve."""
    if not can_decide_application(actor, application):
        raise RecruitmentRefused("Only the panel or the alliance or hub running the round can decide")
    if outcome not in PanelOutcome.values:
        raise RecruitmentRefused("Choose whether the panel approves or declines the application")
    locked = _locked(application)
    state = locked.get_status_display().lower()
    if locked.status == ApplicationStatus.APPEAL_UPHELD:
        if outcome != PanelOutcome.APPROVED:
            raise RecruitmentRefused("The appeal was upheld, so the panel can now only approve the application")
    elif outcome == PanelOutcome.APPROVED and locked.status not in APPROVABLE_STATES:
        raise RecruitmentRefused(
            f"The panel cannot approve before the assessment is complete; this application is {state}"
        )
    elif outcome == PanelOutcome.DECLINED and locked.status not in DECLINABLE_STATES:
        raise RecruitmentRefused(
            f"The application can be declined only after the eligibility check; this application is {state}"
        )
    if locked.status in APPROVABLE_STATES:
        problems = panel_warnings(locked).problems
        if problems:
            raise RecruitmentRefused("The panel cannot decide yet: " + "; ".join(problems))
    if outcome == PanelOutcome.APPROVED:
        _refuse_approval_unless_eligible(locked)
    feedback = _text(feedback, "written feedback to the applicant")
    decision = PanelDecision.objects.create(
        application=locked,
        outcome=outcome,
        feedback=feedback,
        decided_by=actor if getattr(actor, "pk", None) else None,
    )
    organisation = locked.round.organisation
    if outcome == PanelOutcome.APPROVED and locked.round.role in DEPARTMENT_ROLES:
        # Seed 004 §14: "the department makes the final decision"; seed 003: NLGs are "designated
        # by the DfE". The panel recommends; nobody is designated until the department approves.
        transition(workflow=APPLICATION, obj=application, event="recommend", actor=actor, organisation=organisation)
        notify_department_of_recommendation(application=locked)
        title = f"Your application to {locked.round.title} is recommended to the Department for Education"
        body = (
            "The panel recommended you to the Department for Education, which makes the final decision. "
            f"The panel's feedback:\n\n{feedback}"
        )
    elif outcome == PanelOutcome.APPROVED:
        transition(workflow=APPLICATION, obj=application, event="approve", actor=actor, organisation=organisation)
        decision.designation = _designate(actor, locked)
        decision.save(update_fields=["designation"])
        title = f"Your application to {locked.round.title} is approved"
        body = f"The panel approved your application. Its feedback:\n\n{feedback}"
    else:
        transition(
            workflow=APPLICATION,
            obj=application,
            event="decline",
            actor=actor,
            reason=feedback,
            organisation=organisation,
        )
        title = f"Your application to {locked.round.title} was not approved"
        who = "The panel" if locked.status == ApplicationStatus.ASSESSED else organisation.name
        body = (
            f"{who} declined your application. Its feedback:\n\n{feedback}\n\n"
            f"You may appeal within {APPEAL_DAYS} days, giving your grounds."
        )
    notify(user=locked.applicant, title=title, body=body)
    return decision


def appeal_deadline(application: Application) -> dt.date | None:
    """The last day to appeal the latest decline, or None when there is none."""
    declines = [
        model.objects.filter(application=application, outcome=PanelOutcome.DECLINED)
        .order_by("-decided_at")
        .values_list("decided_at", flat=True)
        .first()
        for model in (PanelDecision, DepartmentDecision)
    ]
    declines = [at for at in declines if at is not None]
    if not declines:
        return None
    return timezone.localtime(max(declines)).date() + dt.timedelta(days=APPEAL_DAYS)


@transaction.atomic
def appeal_lodge(*, applicant, application: Application, grounds: str) -> Appeal:
    """The declined applicant appeals, giving their grounds, within APPEAL_DAYS of the decision."""
    if getattr(applicant, "pk", None) != application.applicant_id:
        raise RecruitmentRefused("Only the applicant can appeal the decision")
    locked = _locked(application)
    if locked.status not in DECLINED_STATES:
        raise RecruitmentRefused(
            f"Only a declined application can be appealed; this application is {locked.get_status_display().lower()}"
        )
    deadline = appeal_deadline(locked)
    if deadline is not None and timezone.localdate() > deadline:
        raise RecruitmentRefused(
            f"The time to appeal ended on {deadline.day} {deadline:%B %Y} ({APPEAL_DAYS} days after the decision)"
        )
    grounds = _text(grounds, "grounds for your appeal")
    appeal = Appeal.objects.create(application=locked, grounds=grounds)
    transition(
        workflow=APPLICATION,
        obj=application,
        event="appeal",
        actor=applicant,
        reason=grounds,
        organisation=locked.round.organisation,
    )
    return appeal


@transaction.atomic
def appeal_decide(*, actor, application: Application, outcome: str, reasons: str) -> Appeal:
    """Records the appeal's outcome, with reasons, and tells the applicant. Heard by someone who
    manages the round and did not sit on the panel nor decide it."""
    if not can_run_selection(actor, application):
        raise RecruitmentRefused("Only the alliance or hub running the round can hear an appeal")
    if outcome not in AppealOutcome.values:
        raise RecruitmentRefused("Choose whether the appeal is upheld or dismissed")
    locked = _locked(application)
    if sits_on_panel(actor, locked) or PanelDecision.objects.filter(application=locked, decided_by=actor).exists():
        raise RecruitmentRefused("An appeal must be heard by someone who did not sit on the panel")
    if locked.status != ApplicationStatus.APPEALED:
        raise RecruitmentRefused(
            f"There is no appeal waiting for a decision; this application is {locked.get_status_display().lower()}"
        )
    reasons = _text(reasons, "reasons for the appeal's outcome")
    appeal = Appeal.objects.select_for_update(of=("self",)).get(application=locked)
    event = "uphold_appeal" if outcome == AppealOutcome.UPHELD else "dismiss_appeal"
    transition(
        workflow=APPLICATION,
        obj=application,
        event=event,
        actor=actor,
        reason=reasons,
        organisation=locked.round.organisation,
    )
    appeal.outcome, appeal.reasons = outcome, reasons
    appeal.decided_by, appeal.decided_at = actor, timezone.now()
    appeal.save(update_fields=["outcome", "reasons", "decided_by", "decided_at"])
    if outcome == AppealOutcome.UPHELD:
        body = f"Your appeal was upheld. The panel will now look at your application again.\n\n{reasons}"
    else:
        body = f"Your appeal was dismissed, so the panel's decision stands.\n\n{reasons}"
    notify(user=locked.applicant, title=f"The outcome of your appeal to {locked.round.title}", body=body)
    return appeal


def declined_at_the_check(application: Application) -> bool:
    """Whether the latest decline came before the assessment, at the eligibility check (or after
    the NLE paper exercise), by the alliance or hub with no panel sitting (issue 14: "decline at
    any stage after the check"). Read from the decline's step in the audit trail, which keeps the
    state it left."""
    left = (
        AuditEvent.objects.filter(
            subject_type=subject_type_of(application),
            subject_id=str(application.pk),
            action=f"{APPLICATION.name}.decline",
        )
        .order_by("-occurred_at", "-id")
        .values_list("from_state", flat=True)
        .first()
    )
    return left is not None and left != ApplicationStatus.ASSESSED


def decision_for_applicant(application: Application) -> dict:
    """What the applicant sees of the selection: the panel's latest decision with its feedback, the
    department's latest decision with its reasons (NLE, NLG), the appeal and its outcome, and until
    when they may appeal."""
    decision = PanelDecision.objects.filter(application=application).order_by("-decided_at", "-id").first()
    appeal = Appeal.objects.filter(application=application).first()
    can_appeal = application.status in DECLINED_STATES
    department = DepartmentDecision.objects.filter(application=application).order_by("-decided_at", "-id").first()
    return {
        "decision": decision,
        "department": department,
        "appeal": appeal,
        "appeal_by": appeal_deadline(application) if can_appeal else None,
    }
