"""The life of a designation: designate, suspend, reinstate, de-designate, lapse, re-designate
(seed 004 §22-26, seed 001, seed 000 "Association"). Each service runs in one transaction and
writes its audit event, through the workflow's `transition` for every change of status."""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.utils import timezone

from domain.accounts.selectors import coordinators_of as _coordinators_of
from domain.audit.services import audit_record
from domain.notifications.services import reminder_schedule, reminders_cancel_about
from domain.organisations.models import BROKERING_KINDS, OrganisationKind
from domain.workflows.table import TransitionRefused, transition

from .models import (
    HISTORICAL_SOURCES,
    DeDesignationReason,
    DesignatingSource,
    Designation,
    DesignationRole,
    add_months,
    term_end,
    term_years_for,
)
from .signals import designation_changed
from .specialisms import PHASE_CODES, unknown_specialisms
from .workflows import DESIGNATION, DesignationStatus

LONDON = zoneinfo.ZoneInfo("Europe/London")

# Reminders before the end of a term: months before `ends_on`, at 9am (DESIGN.md capability 13,
# "designation expiry"). Their keys are stable, so scheduling again never sends one twice.
EXPIRY_REMINDER_MONTHS = (3, 1)
REMINDER_HOUR = 9

# Roles the Department for Education designates (seed 004 §14: NLEs; seed 003: NLGs).
DEPARTMENT_ROLES = frozenset({DesignationRole.NLE, DesignationRole.NLG})

# Roles that work with schools in a phase (an NLG supports governing boards of any phase).
ROLES_WITH_PHASES = frozenset({DesignationRole.LLE, DesignationRole.SLE, DesignationRole.NLE})


class DesignationRefused(ValueError):
    """The designation cannot be made as asked; the message says why, in words a person can act on."""


# Checks -------------------------------------------------------------------------------------


def _clean_codes(values, name: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise DesignationRefused(f"The {name} must be a list")
    codes = [str(v).strip() for v in values]
    if len(set(codes)) != len(codes):
        raise DesignationRefused(f"A {name[:-1]} is listed twice")
    return codes


def _check(*, role, source, organisation, phases, specialisms) -> tuple[list[str], list[str]]:
    if role not in DesignationRole.values:
        raise DesignationRefused(f"{role!r} is not a system leader role")
    if source not in DesignatingSource.values:
        raise DesignationRefused(f"{source!r} is not a designating body")
    if source == DesignatingSource.TSA_OR_HUB:
        if organisation is None:
            raise DesignationRefused("Choose the teaching school alliance or hub that designates the leader")
        if organisation.kind not in BROKERING_KINDS:
            raise DesignationRefused(
                f"{organisation.name} is not a teaching school alliance or hub, so it cannot designate leaders"
            )
    elif source == DesignatingSource.DEPARTMENT:
        if organisation is not None and organisation.kind != OrganisationKind.DEPARTMENT:
            raise DesignationRefused(f"{organisation.name} is not the Department for Education")
        if role not in DEPARTMENT_ROLES:
            raise DesignationRefused("The Department for Education designates national leaders only")
    elif source == DesignatingSource.NATIONAL_PROGRAMME and organisation is not None:
        raise DesignationRefused("A designation by the national programme does not name an alliance or hub")
    elif organisation is not None and organisation.kind not in BROKERING_KINDS:
        raise DesignationRefused(f"{organisation.name} is not a teaching school alliance, so it did not run the pilot")

    phases = _clean_codes(phases, "phases")
    unknown = [p for p in phases if p not in PHASE_CODES]
    if unknown:
        raise DesignationRefused(f"These are not phases: {', '.join(unknown)}")
    if role in ROLES_WITH_PHASES and not phases:
        raise DesignationRefused("Choose at least one phase the leader works in")

    specialisms = _clean_codes(specialisms, "specialisms")
    unknown = unknown_specialisms(specialisms)
    if unknown:
        raise DesignationRefused(f"These are not on the list of SLE specialisms: {', '.join(unknown)}")
    if role == DesignationRole.SLE and not specialisms:
        # Seed 003: "SLEs are experienced middle or senior leaders with a specialism".
        raise DesignationRefused("Choose at least one specialism for a specialist leader of education")
    return phases, specialisms


# Hooks and reminders -------------------------------------------------------------------------


def on_designated_by_tsa(designation: Designation, *, actor=None) -> None:
    """Called in the designating transaction whenever a TSA or hub designates a leader.

    Seed 000 ("Association"): "LLEs designated by TSA/strategic TSA groupings will be automatically
    associated with them", and association "should result in automatic alliance membership for
    the LLE's school". The register (domain.leaders) does both when it hears `designated_by_tsa`."""
    designation_changed.send(sender=Designation, designation=designation, event="designated_by_tsa", actor=actor)


def _changed(designation: Designation, event: str, actor=None) -> None:
    designation_changed.send(sender=Designation, designation=designation, event=event, actor=actor)


def expiry_reminder_key(designation: Designation, months: int) -> str:
    return f"designation-expiry:{designation.pk}:{months}m"


def expiry_reminder_due_at(designation: Designation, months: int) -> dt.datetime:
    day = add_months(designation.ends_on, -months)
    return dt.datetime(day.year, day.month, day.day, REMINDER_HOUR, tzinfo=LONDON)


def _schedule_expiry_reminders(designation: Designation) -> int:
    """Reminds the leader and the designating body's coordinators 3 months and 1 month before the
    end of the term. A reminder whose date has passed is not scheduled (it would only arrive late).
    Returns how many were scheduled."""
    if designation.ends_on is None:
        return 0
    now = timezone.now()
    people = [designation.person, *(u for u in _coordinators_of(designation.organisation) if u != designation.person)]
    role = designation.get_role_display().lower()
    ends = f"{designation.ends_on.day} {designation.ends_on:%B %Y}"
    scheduled = 0
    for months in EXPIRY_REMINDER_MONTHS:
        due_at = expiry_reminder_due_at(designation, months)
        if due_at <= now:
            continue
        for user in people:
            whose = "Your" if user == designation.person else f"{designation.person.full_name}'s"
            reminder_schedule(
                user=user,
                key=expiry_reminder_key(designation, months),
                title=f"{whose} designation as {role} ends on {ends}",
                body=(
                    f"{whose} designation as {role} ends on {ends}. Plan the review of the designation "
                    "before then: without re-designation it lapses at the end of its term."
                ),
                due_at=due_at,
                about=designation,
            )
            scheduled += 1
    return scheduled


# Services -----------------------------------------------------------------------------------


@transaction.atomic
def designation_create(
    *,
    actor,
    person,
    role: str,
    source: str,
    organisation,
    school,
    phases,
    specialisms,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    term_years: int | None = None,
    previous: Designation | None = None,
    review_notes: str = "",
) -> Designation:
    """Designates `person` as a system leader in `role` from `starts_on` for the role's term.

    A TSA or hub designation names the organisation; the national programme and the pilot are
    earlier designations that stay valid (seed 001): they need no organisation, and take the end
    the old programme set (`ends_on`, or a term of `term_years`); with neither they stay valid
    until reviewed and never lapse by themselves. Refuses bad input with DesignationRefused
    saying why."""
    phases, specialisms = _check(
        role=role, source=source, organisation=organisation, phases=phases, specialisms=specialisms
    )
    if not isinstance(starts_on, dt.date):
        raise DesignationRefused("Enter the date the designation starts")
    if source in HISTORICAL_SOURCES:
        if ends_on is not None and term_years is not None:
            raise DesignationRefused("Give either the end of the designation or its term, not both")
        if term_years is not None:
            ends_on = term_end(starts_on, term_years)
        if ends_on is not None and ends_on < starts_on:
            raise DesignationRefused("The designation must end after it starts")
    else:
        if ends_on is not None or term_years is not None:
            raise DesignationRefused("A designation by an alliance or hub runs for the role's term")
        term_years = term_years_for(role)
        ends_on = term_end(starts_on, term_years)

    existing = Designation.objects.current().filter(person=person, role=role).select_related("organisation").first()
    if existing is not None:
        raise DesignationRefused(
            f"{person.full_name} is already designated as {existing.get_role_display().lower()} by "
            f"{existing.designating_body}: re-designate or end that designation instead"
        )
    designation = Designation.objects.create(
        person=person,
        role=role,
        source=source,
        organisation=organisation,
        school=school,
        phases=phases,
        specialisms=specialisms,
        starts_on=starts_on,
        term_years=term_years,
        ends_on=ends_on,
        previous=previous,
        review_notes=review_notes,
    )
    audit_record(
        actor=actor,
        action="designation.designation.created",
        subject=designation,
        to_state=designation.status,
        organisation=organisation,
        data={
            "person_id": person.pk,
            "role": role,
            "source": source,
            "organisation_id": organisation.pk if organisation else None,
            "school_id": school.pk if school else None,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "previous_id": previous.pk if previous else None,
        },
    )
    if source == DesignatingSource.TSA_OR_HUB:
        on_designated_by_tsa(designation, actor=actor)
    _changed(designation, "created", actor)
    _schedule_expiry_reminders(designation)
    return designation


@transaction.atomic
def designation_suspend(*, actor, designation: Designation, reason: str) -> Designation:
    """Suspends an active designation; a reason is required."""
    locked = transition(
        workflow=DESIGNATION,
        obj=designation,
        event="suspend",
        actor=actor,
        reason=reason,
        organisation=designation.organisation,
    )
    _changed(locked, "suspend", actor)
    return locked


@transaction.atomic
def designation_reinstate(*, actor, designation: Designation, reason: str = "") -> Designation:
    locked = transition(
        workflow=DESIGNATION,
        obj=designation,
        event="reinstate",
        actor=actor,
        reason=reason,
        organisation=designation.organisation,
    )
    _changed(locked, "reinstate", actor)
    return locked


def _close(designation: Designation, locked: Designation, *, ended_on, reason_code: str = "", reason: str = ""):
    """Records when and why the designation ended, on the locked row and on the caller's copy."""
    for obj in (locked, designation):
        obj.ended_on = ended_on
        obj.end_reason_code = reason_code
        obj.end_reason = reason
    locked.save(update_fields=["ended_on", "end_reason_code", "end_reason"])


@transaction.atomic
def designation_de_designate(*, actor, designation: Designation, reason_code: str, reason: str) -> Designation:
    """Ends a designation before its term for one of the reasons of seed 004 §26, explained in
    `reason`. Refused, saying why, without both."""
    if reason_code not in DeDesignationReason.values:
        raise DesignationRefused(  # seed 004 §26
            "Choose why the leader is de-designated: lack of activity or engagement, misconduct, "
            "or clear failure to meet the standards"
        )
    if not (reason or "").strip():
        raise DesignationRefused("Explain why the leader is de-designated")
    label = DeDesignationReason(reason_code).label
    locked = transition(
        workflow=DESIGNATION,
        obj=designation,
        event="de_designate",
        actor=actor,
        reason=f"{label}: {reason.strip()}",
        organisation=designation.organisation,
        data={"reason_code": reason_code},
    )
    _close(designation, locked, ended_on=timezone.localdate(), reason_code=reason_code, reason=reason.strip())
    reminders_cancel_about(subject=locked, reason="The designation was de-designated")
    _changed(locked, "de_designate", actor)
    return locked


@transaction.atomic
def designation_lapse(*, designation: Designation, today: dt.date | None = None) -> Designation:
    """Lapses one designation whose term has ended (by the service: no actor)."""
    today = today or timezone.localdate()
    if designation.ends_on is None or designation.ends_on >= today:
        raise DesignationRefused("The designation's term has not ended, so it cannot lapse")
    locked = transition(
        workflow=DESIGNATION,
        obj=designation,
        event="lapse",
        actor=None,
        reason=f"The term ended on {designation.ends_on.isoformat()}",
        organisation=designation.organisation,
    )
    _close(designation, locked, ended_on=locked.ends_on)
    reminders_cancel_about(subject=locked, reason="The designation lapsed")
    _changed(locked, "lapse")
    return locked


def designations_lapse_due(*, today: dt.date | None = None) -> int:
    """Lapses every active or suspended designation whose term ended before `today`; returns how
    many. Idempotent: a lapsed designation is not due again. Each lapses in its own transaction,
    so one refusal (say, changed by someone at the same moment) does not hold up the others."""
    today = today or timezone.localdate()
    due = Designation.objects.filter(
        status__in=[DesignationStatus.ACTIVE, DesignationStatus.SUSPENDED], ends_on__lt=today
    ).select_related("organisation")
    lapsed = 0
    for designation in due.order_by("ends_on", "id"):
        try:
            designation_lapse(designation=designation, today=today)
        except (DesignationRefused, TransitionRefused):  # changed meanwhile: nothing to lapse
            continue
        lapsed += 1
    return lapsed


@transaction.atomic
def designation_redesignate(
    *, actor, designation: Designation, review_notes: str, starts_on: dt.date, organisation=None
) -> Designation:
    """Re-designates the leader after review (seed 004 §22-25): this designation becomes
    `redesignated` and a new one, linked to it, starts on `starts_on` for a new term with the same
    role, school, phases and specialisms. A historical designation (national programme or pilot)
    re-designated by an alliance or hub passes that `organisation`; otherwise the designating body
    stays the same. Returns the new designation."""
    if not (review_notes or "").strip():
        raise DesignationRefused("Enter what the review found before re-designating the leader")
    if not isinstance(starts_on, dt.date):
        raise DesignationRefused("Enter the date the new term starts")
    if starts_on <= designation.starts_on:
        raise DesignationRefused("The new term must start after the current one started")
    organisation = organisation or designation.organisation
    # A new term by an alliance or hub when one is named; otherwise the same body (the national
    # programme still designates NLEs, seed 001), for the role's term either way.
    source = DesignatingSource.TSA_OR_HUB if organisation is not None else designation.source
    locked = transition(
        workflow=DESIGNATION,
        obj=designation,
        event="redesignate",
        actor=actor,
        reason=review_notes.strip(),
        organisation=designation.organisation,
    )
    if locked.ended_on is None:  # a lapsed designation keeps the day its term ended
        last_day = starts_on - dt.timedelta(days=1)
        _close(designation, locked, ended_on=min(last_day, locked.ends_on) if locked.ends_on else last_day)
    reminders_cancel_about(subject=locked, reason="The leader was re-designated")
    _changed(locked, "redesignate", actor)
    return designation_create(
        actor=actor,
        person=locked.person,
        role=locked.role,
        source=source,
        organisation=organisation,
        school=locked.school,
        phases=list(locked.phases),
        specialisms=list(locked.specialisms),
        starts_on=starts_on,
        term_years=None if source == DesignatingSource.TSA_OR_HUB else term_years_for(locked.role),
        previous=locked,
        review_notes=review_notes.strip(),
    )
