"""Visits and their notes (seed 000 "Deployment": "notes of visit"; issue 6: "Notes of visit: date,
hours, activities, findings, next steps; shared with the client; due within a set number of working
days after a visit, with a chaser; time logged against the agreed days, a warning at 80% and a
variation request to go beyond").

The leader (or the brokering alliance for them) plans a visit on a date within the deployment's
dates. After the visit the leader writes the note, saving it as a draft as often as they like,
then shares it with the client: sharing logs the visit's days against the days the leader may log
(the agreed days and approved variations), and is refused beyond them (issue 6, bad input: "Time
logged beyond the agreed days without an approved variation is refused"). The note is due a set
number of working days after the visit; the leader is chased the morning after it falls due.

Every function is keyword-only, atomic and audited; a refusal raises DeploymentRefused and
changes nothing."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.leaders.models.availability import days_text, days_words
from domain.notifications.services import reminder_cancel, reminder_schedule

from . import services
from .errors import DeploymentRefused
from .models import Deployment, Visit
from .policies import can_manage_deployment, is_leader_of
from .visit_selectors import time_used
from .workflows import VISIT, DeploymentStatus, VisitStatus
from .working_days import add_working_days

# Working days after a visit by which its note is due, unless settings say otherwise.
DEFAULT_NOTE_DUE_WORKING_DAYS = 5
# A visit is one day at the school: its note logs half a day or a whole day. Longer support is
# several visits, each with its own note, so that every day charged has its own evidence.
MAX_DAYS_PER_VISIT = Decimal("1")
# Hours of support in the visit (the leader's reach, seed 004 §6): more than 0, at most a long
# working day of 12 hours, to one decimal place (the model keeps one).
MAX_HOURS_PER_VISIT = Decimal("12")
# Each part of the note (activities, findings, next steps).
TEXT_LIMIT = 4000
# The chaser goes at 9am the day after the note falls due.
CHASER_HOUR = 9

LINK_TO_VISIT = "/home/deployments/{deployment}/visits/{pk}/"


def note_due_working_days() -> int:
    return int(getattr(settings, "DEPLOYMENT_NOTE_DUE_WORKING_DAYS", DEFAULT_NOTE_DUE_WORKING_DAYS))


def note_due_on(visited_on: dt.date) -> dt.date:
    """The visit date plus the set number of working days (weekends skipped; bank holidays are not
    yet counted, see working_days.py)."""
    return add_working_days(visited_on, note_due_working_days())


def chaser_key(visit: Visit) -> str:
    return f"deployment-visit-note:{visit.pk}"


def visit_link(visit: Visit) -> str:
    return LINK_TO_VISIT.format(deployment=visit.deployment_id, pk=visit.pk)


def may_plan_visit(user, deployment) -> bool:
    """The leader, or the brokering alliance for them."""
    return is_leader_of(user, deployment) or can_manage_deployment(user, deployment)


def may_write_note(user, visit) -> bool:
    """Only the leader writes the note of their visit."""
    return visit is not None and is_leader_of(user, visit.deployment)


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _lock(deployment: Deployment) -> Deployment:
    """The deployment's row, locked: time is counted and logged one note at a time."""
    return Deployment.objects.select_for_update(of=("self",)).get(pk=deployment.pk)


def _check_date(deployment: Deployment, visited_on) -> None:
    if not isinstance(visited_on, dt.date):
        raise DeploymentRefused("Enter the date of the visit")
    if not deployment.starts_on <= visited_on <= deployment.ends_on:
        # Issue 6, bad input: "a note of visit for a date outside the deployment is refused".
        raise DeploymentRefused(
            f"The date of the visit must be between {_date_text(deployment.starts_on)} and "
            f"{_date_text(deployment.ends_on)}, the dates of the deployment"
        )


def _schedule_chaser(visit: Visit, deployment: Deployment) -> None:
    due_at = timezone.make_aware(
        dt.datetime.combine(visit.note_due_on + dt.timedelta(days=1), dt.time(CHASER_HOUR)),
        timezone.get_default_timezone(),
    )
    reminder_schedule(
        user=deployment.leader,
        key=chaser_key(visit),
        title=f"Your note of visit to {deployment.client_school.display_name} is overdue",
        body=(
            f"The note of your visit on {_date_text(visit.visited_on)} was due on {_date_text(visit.note_due_on)}. "
            "Write it and share it with the school: the days are logged when you share it."
        ),
        due_at=due_at,
        link=visit_link(visit),
        about=visit,
    )


def _cancel_chaser(visit: Visit, deployment: Deployment, reason: str) -> None:
    reminder_cancel(user=deployment.leader, key=chaser_key(visit), reason=reason)


# The note --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """What the leader writes after a visit. Empty values are allowed in a draft."""

    hours: Decimal | None = None
    days: Decimal | None = None
    activities: str = ""
    findings: str = ""
    next_steps: str = ""


def _number(value, *, what: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DeploymentRefused(f"Enter {what} as a number, like 1 or 0.5") from None
    if not number.is_finite():
        raise DeploymentRefused(f"Enter {what} as a number, like 1 or 0.5")
    return number


def _clean_note(note: Note) -> Note:
    """Checks the bounds of what is given (a draft may leave anything empty)."""
    hours = _number(note.hours, what="the hours of support")
    if hours is not None:
        if hours <= 0 or hours > MAX_HOURS_PER_VISIT:
            raise DeploymentRefused(f"The hours of support must be more than 0 and no more than {MAX_HOURS_PER_VISIT}")
        if hours != hours.quantize(Decimal("0.1")):
            raise DeploymentRefused("Enter the hours of support to one decimal place, like 5 or 5.5")
    days = _number(note.days, what="the days logged")
    if days is not None and days not in (Decimal("0.5"), MAX_DAYS_PER_VISIT):
        raise DeploymentRefused("The days logged for one visit must be half a day (0.5) or a whole day (1)")
    texts = {}
    for name, noun in (("activities", "activities"), ("findings", "findings"), ("next_steps", "next steps")):
        text = (getattr(note, name) or "").strip()
        if len(text) > TEXT_LIMIT:
            raise DeploymentRefused(f"The {noun} must be {TEXT_LIMIT:,} characters or fewer")
        texts[name] = text
    return Note(hours=hours, days=days, **texts)


def _require_complete(note: Note) -> None:
    missing = [
        message
        for value, message in (
            (note.hours, "the hours of support"),
            (note.days, "the days logged"),
            (note.activities, "what you did"),
            (note.findings, "what you found"),
            (note.next_steps, "the next steps"),
        )
        if not value
    ]
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        raise DeploymentRefused(f"Enter {listed} before you share the note")


def _write(visit: Visit, note: Note, actor) -> None:
    visit.hours = note.hours if note.hours is not None else Decimal("0")
    visit.days = note.days if note.days is not None else Decimal("0")
    visit.activities, visit.findings, visit.next_steps = note.activities, note.findings, note.next_steps
    visit.written_by = actor
    visit.save(update_fields=["hours", "days", "activities", "findings", "next_steps", "written_by"])


def _locked_visit(visit: Visit) -> Visit:
    return Visit.objects.select_for_update(of=("self",)).select_related("deployment").get(pk=visit.pk)


def _require_planned(visit: Visit) -> None:
    if visit.status != VisitStatus.PLANNED:
        raise DeploymentRefused(
            f"This visit's note is {visit.get_status_display().lower()}: it cannot change"
            if visit.status == VisitStatus.SHARED
            else "This visit was cancelled: it has no note"
        )


# Services -------------------------------------------------------------------------------------


@transaction.atomic
def visit_plan(*, actor, deployment: Deployment, visited_on: dt.date) -> Visit:
    """Plans a visit on `visited_on` (the leader, or the alliance for them). The note is due a set
    number of working days after it; the leader is chased the morning after that."""
    return _plan(actor=actor, deployment=deployment, visited_on=visited_on, chase=True)


def _plan(*, actor, deployment: Deployment, visited_on: dt.date, chase: bool) -> Visit:
    if not may_plan_visit(actor, deployment):
        raise DeploymentRefused("Only the system leader or the brokering alliance can plan a visit")
    deployment = _lock(deployment)
    services.require_open(deployment)
    _check_date(deployment, visited_on)
    visit = Visit.objects.create(deployment=deployment, visited_on=visited_on, note_due_on=note_due_on(visited_on))
    audit_record(
        actor=actor,
        action="deployments.visit.planned",
        subject=visit,
        to_state=visit.status,
        organisation=deployment.organisation,
        data={
            "deployment_id": deployment.pk,
            "visited_on": visited_on.isoformat(),
            "due": visit.note_due_on.isoformat(),
        },
    )
    if chase:
        _schedule_chaser(visit, deployment)
    if not is_leader_of(actor, deployment):
        services.tell(
            deployment,
            "leader",
            title=f"Visit planned to {deployment.client_school.display_name}",
            body=(
                f"{deployment.organisation.name} planned a visit on {_date_text(visited_on)}. "
                f"The note of visit is due by {_date_text(visit.note_due_on)}."
            ),
            exclude=actor,
        )
    return visit


@transaction.atomic
def visit_note_save(*, actor, visit: Visit, note: Note) -> Visit:
    """Saves the note as a draft (the leader, while the visit is planned). Nothing is shared and
    no time is logged yet."""
    if not may_write_note(actor, visit):
        raise DeploymentRefused("Only the system leader writes the note of visit")
    visit = _locked_visit(visit)
    _require_planned(visit)
    services.require_open(visit.deployment)
    note = _clean_note(note)
    _write(visit, note, actor)
    audit_record(
        actor=actor,
        action="deployments.visit.note_saved",
        subject=visit,
        organisation=visit.deployment.organisation,
        data={"deployment_id": visit.deployment_id},
    )
    return visit


@transaction.atomic
def visit_note_share(*, actor, visit: Visit, note: Note) -> Visit:
    """Saves the note and shares it with the client: its days are logged against the days the
    leader may log. Refused before the visit, while the contract is not agreed, with a part of the
    note missing, or beyond the days the leader may log."""
    if not may_write_note(actor, visit):
        raise DeploymentRefused("Only the system leader writes the note of visit")
    deployment = _lock(visit.deployment)
    visit = _locked_visit(visit)
    _require_planned(visit)
    services.require_open(deployment)
    if deployment.status == DeploymentStatus.CONTRACTING:
        # Seed 002: "At the start of the deployment, objectives and impact measures will be agreed".
        raise DeploymentRefused(
            "You cannot share a note of visit until every party has agreed the contract: "
            "time is logged against the agreed days"
        )
    today = timezone.localdate()
    if visit.visited_on > today:
        raise DeploymentRefused(
            f"You can share the note on or after the day of the visit, {_date_text(visit.visited_on)}"
        )
    note = _clean_note(note)
    _require_complete(note)
    before = time_used(deployment)
    if before.logged + note.days > deployment.allowed_days:
        # Issue 6, bad input: "Time logged beyond the agreed days without an approved variation is refused".
        raise DeploymentRefused(
            f"You have {days_words(before.remaining)} left of the {days_text(deployment.allowed_days)} agreed. "
            "Ask for a variation to log more"
        )
    _write(visit, note, actor)
    visit.shared_at = timezone.now()
    visit.save(update_fields=["shared_at"])
    services.step(
        workflow=VISIT,
        obj=visit,
        event="share",
        actor=actor,
        data={"days": str(note.days), "hours": str(note.hours), "deployment_id": deployment.pk},
    )
    visit.status = VisitStatus.SHARED
    _cancel_chaser(visit, deployment, "The note of visit was shared")
    school = deployment.client_school.display_name
    services.tell(
        deployment,
        "client",
        "alliance",
        title=f"Note of visit from {deployment.leader.full_name}",
        body=(
            f"{deployment.leader.full_name} shared the note of the visit to {school} on "
            f"{_date_text(visit.visited_on)}: {days_words(note.days)} logged."
        ),
        exclude=actor,
    )
    after = time_used(deployment)
    if after.warning and not before.warning:
        # Issue 6: "a warning at 80%". Told once, when the share that crosses it is made.
        services.tell(
            deployment,
            "leader",
            "alliance",
            title=f"Warning: {days_text(after.logged)} of {days_words(after.allowed)} used at {school}",
            body=(
                f"Warning: {days_text(after.logged)} of the {days_words(after.allowed)} agreed are logged, "
                f"{days_words(after.remaining)} left. Plan the rest of the support, or ask for a variation "
                "to go beyond the agreed days."
            ),
        )
    return visit


@transaction.atomic
def visit_record(*, actor, deployment: Deployment, visited_on: dt.date, note: Note) -> Visit:
    """Records a visit after the event in one go: planned, noted and shared (the leader)."""
    if not is_leader_of(actor, deployment):
        raise DeploymentRefused("Only the system leader records a visit after the event")
    if isinstance(visited_on, dt.date) and visited_on > timezone.localdate():
        raise DeploymentRefused("The date of the visit must be today or in the past: plan a visit still to come")
    # No chaser: the note is shared in the same step.
    visit = _plan(actor=actor, deployment=deployment, visited_on=visited_on, chase=False)
    return visit_note_share(actor=actor, visit=visit, note=note)


@transaction.atomic
def visit_cancel(*, actor, visit: Visit, reason: str) -> Visit:
    """Cancels a planned visit, saying why (the leader or the alliance). Its chaser is cancelled."""
    if not may_plan_visit(actor, visit.deployment):
        raise DeploymentRefused("Only the system leader or the brokering alliance can cancel a visit")
    visit = _locked_visit(visit)
    deployment = visit.deployment
    services.require_open(deployment)
    _require_planned(visit)
    if not (reason or "").strip():
        raise DeploymentRefused("Enter why the visit is cancelled")
    locked = services.step(workflow=VISIT, obj=visit, event="cancel", actor=actor, reason=reason)
    _cancel_chaser(locked, deployment, "The visit was cancelled")
    services.tell(
        deployment,
        "leader",
        "alliance",
        title=f"Visit cancelled: {deployment.client_school.display_name}, {_date_text(locked.visited_on)}",
        body=f"The visit on {_date_text(locked.visited_on)} was cancelled: {reason.strip()}",
        exclude=actor,
    )
    return locked
