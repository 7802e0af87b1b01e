"""Reviews of a deployment with the results of its impact measures (seed 002: "a clear framework
for monitoring the success of the work, on completion and through to a final review"; seed 000:
"mid deployment reviews ... evaluation"), and the NLG progress review (seed 003: "A progress
review, within 4 months of the initial report is included")."""

import calendar
import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from domain.accounts.selectors import coordinators_of
from domain.audit.services import audit_record
from domain.notifications.services import reminder_schedule, reminders_cancel_about

from .contract_commitments import commitments_settle
from .errors import DeploymentRefused
from .models import Deployment, FeedbackStage, ImpactMeasure, MeasureJudgement, MeasureResult, Party, Review, ReviewKind
from .policies import can_manage_deployment, is_leader_of
from .services import LINK_TO_DEPLOYMENT, require_open, step, tell
from .workflows import DEPLOYMENT, DeploymentStatus

TEXT_LIMIT = 4000
RESULT_LIMIT = 300
NLG_KINDS = frozenset({ReviewKind.NLG_INITIAL, ReviewKind.NLG_PROGRESS})
# Seed 003: the progress review is "within 4 months of the initial report".
NLG_PROGRESS_MONTHS = 4
# The leader and the alliance are reminded a fortnight before it is due, and again on the day.
NLG_REMINDER_LEAD = dt.timedelta(days=14)
REMINDER_HOUR = 9


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months on, or the month's last day when it has fewer days
    (31 October + 4 months = 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nlg_progress_due_on(initial_report_on: dt.date) -> dt.date:
    return add_months(initial_report_on, NLG_PROGRESS_MONTHS)


def can_record_review(user, deployment) -> bool:
    """The brokering alliance and the leader record reviews."""
    return is_leader_of(user, deployment) or can_manage_deployment(user, deployment)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(REMINDER_HOUR)))


def _reminder_key(deployment: Deployment, when: str) -> str:
    return f"deployments.nlg_progress.{deployment.pk}.{when}"


def _schedule_progress_reminders(deployment: Deployment, initial: Review) -> None:
    due_on = nlg_progress_due_on(initial.held_on)
    title = f"Progress review due by {due_on.day} {due_on:%B %Y}"
    body = (
        f"The progress review of {deployment.client_school.display_name} ({deployment.reference}) is due within "
        f"four months of the initial governance report of {initial.held_on.day} {initial.held_on:%B %Y}."
    )
    link = LINK_TO_DEPLOYMENT.format(pk=deployment.pk)
    people = {p.pk: p for p in (deployment.leader, *coordinators_of(deployment.organisation))}
    for person in people.values():
        for when, day in (("fortnight", due_on - NLG_REMINDER_LEAD), ("due", due_on)):
            reminder_schedule(
                user=person,
                key=_reminder_key(deployment, when),
                title=title,
                body=body,
                due_at=_at(day),
                link=link,
                about=initial,
            )


def _clean(value, *, missing: str, too_long: str, limit: int = TEXT_LIMIT, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise DeploymentRefused(missing)
    if len(text) > limit:
        raise DeploymentRefused(too_long)
    return text


def _results(deployment: Deployment, kind: str, results) -> list[tuple[ImpactMeasure, str, str]]:
    """Checks the results against the current contract's impact measures: {measure or its id:
    (result, judgement)}."""
    measures = (
        {m.pk: m for m in ImpactMeasure.objects.filter(contract_id=deployment.current_contract_id)}
        if deployment.current_contract_id
        else {}
    )
    cleaned = []
    for key, value in (results or {}).items():
        measure = measures.get(getattr(key, "pk", key))
        if measure is None:
            raise DeploymentRefused("Give results only for the impact measures of the agreed contract")
        result, judgement = value
        result = _clean(
            result,
            missing=f"Enter the result for {measure.measure}",
            too_long=f"The result for {measure.measure} must be {RESULT_LIMIT} characters or fewer",
            limit=RESULT_LIMIT,
        )
        if judgement not in MeasureJudgement.values:
            raise DeploymentRefused(f"Select whether {measure.measure} was met")
        cleaned.append((measure, result, judgement))
    if kind == ReviewKind.FINAL:
        given = {measure.pk for measure, _, _ in cleaned}
        missing = [m for pk, m in measures.items() if pk not in given]
        if missing:
            raise DeploymentRefused(f"Enter the result for {missing[0].measure}: the final review gives every result")
    return cleaned


@transaction.atomic
def review_record(
    *,
    actor,
    deployment: Deployment,
    kind: str,
    held_on: dt.date,
    summary: str,
    evaluation: str = "",
    results: Mapping | None = None,
) -> Review:
    """Records a review with the results of the contract's impact measures. The mid-deployment
    review opens the middle feedback round; the final review, with the evaluation and every result,
    completes the deployment and opens the end feedback round. On an NLG deployment the initial
    governance report starts the clock on the progress review, which cancels its reminders."""
    deployment = (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("leader", "client_school", "organisation", "request")
        .get(pk=deployment.pk)
    )
    if not can_record_review(actor, deployment):
        raise DeploymentRefused(
            "You cannot record a review of this deployment because only the system leader and the brokering "
            "alliance record reviews"
        )
    if kind not in ReviewKind.values:
        raise DeploymentRefused("Select the kind of review")
    label = ReviewKind(kind).label
    if kind in NLG_KINDS and not deployment.is_nlg:
        raise DeploymentRefused(
            f"You cannot record a {label.lower()} because this is not a national leader of governance deployment"
        )
    if kind in (ReviewKind.MID, ReviewKind.FINAL) and deployment.status != DeploymentStatus.ACTIVE:
        raise DeploymentRefused(
            f"You cannot record the {label.lower()} because the deployment is "
            f"{deployment.get_status_display().lower()}: every party must first agree its contract"
            if deployment.status == DeploymentStatus.CONTRACTING
            else f"You cannot record the {label.lower()} because the deployment is "
            f"{deployment.get_status_display().lower()}"
        )
    require_open(deployment)
    if Review.objects.filter(deployment=deployment, kind=kind).exists():
        raise DeploymentRefused(f"The {label.lower()} has already been recorded")
    initial = None
    if kind == ReviewKind.NLG_PROGRESS:
        initial = Review.objects.filter(deployment=deployment, kind=ReviewKind.NLG_INITIAL).first()
        if initial is None:
            raise DeploymentRefused("Record the initial governance report before the progress review")
    if not isinstance(held_on, dt.date):
        raise DeploymentRefused("Enter the date of the review")
    if held_on > timezone.localdate():
        raise DeploymentRefused("The date of the review must be today or in the past")
    if held_on < deployment.starts_on:
        raise DeploymentRefused("The date of the review must be on or after the day the deployment started")
    if initial is not None and held_on < initial.held_on:
        raise DeploymentRefused("The date of the progress review must be on or after the initial governance report")
    summary = _clean(
        summary,
        missing="Enter a summary of the review",
        too_long=f"The summary must be {TEXT_LIMIT:,} characters or fewer",
    )
    evaluation = _clean(
        evaluation,
        missing="Enter the evaluation of the deployment",
        too_long=f"The evaluation must be {TEXT_LIMIT:,} characters or fewer",
        required=kind == ReviewKind.FINAL,
    )
    cleaned = _results(deployment, kind, results)

    review = Review.objects.create(
        deployment=deployment,
        kind=kind,
        held_on=held_on,
        summary=summary,
        evaluation=evaluation,
        recorded_by=actor,
    )
    MeasureResult.objects.bulk_create(
        MeasureResult(review=review, measure=measure, result=result, judgement=judgement)
        for measure, result, judgement in cleaned
    )
    audit_record(
        actor=actor,
        action="deployments.review.recorded",
        subject=review,
        organisation=deployment.organisation,
        data={"deployment_id": deployment.pk, "kind": kind, "held_on": held_on.isoformat(), "results": len(cleaned)},
    )

    from .feedback_services import feedback_round_open

    if kind == ReviewKind.MID:
        # Seed 000: feedback from client and leader at the middle of the deployment.
        feedback_round_open(actor=actor, deployment=deployment, stage=FeedbackStage.MIDDLE)
    elif kind == ReviewKind.FINAL:
        # Workflow DEPLOYMENT: "completed when the final review is recorded".
        step(workflow=DEPLOYMENT, obj=deployment, event="complete", actor=actor, data={"review_id": review.pk})
        commitments_settle(
            actor=actor, deployment=deployment, why="The deployment is complete: days not logged are free again"
        )
        feedback_round_open(actor=actor, deployment=deployment, stage=FeedbackStage.END)
    elif kind == ReviewKind.NLG_INITIAL:
        _schedule_progress_reminders(deployment, review)
    elif kind == ReviewKind.NLG_PROGRESS:
        reminders_cancel_about(subject=initial, reason="The progress review was recorded")

    tell(
        deployment,
        Party.LEADER,
        Party.CLIENT,
        Party.ALLIANCE,
        Party.COMMISSIONER,
        title=f"{label} recorded: {deployment.client_school.display_name}",
        body=f"{actor.full_name} recorded the {label.lower()} of {held_on.day} {held_on:%B %Y}.",
        exclude=actor,
    )
    return review
