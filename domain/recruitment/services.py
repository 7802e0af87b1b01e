"""Recruitment rounds and applications: create and run a round; start, save, submit and withdraw
an application (seed 000 "Application and selection"). Each service runs in one transaction and
writes its audit event; every change of status goes through the workflow's `transition`.
Reference requests are in reference_services.py."""

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.designation.criteria.sets import CriteriaSetError, get_set, in_force_ref
from domain.designation.criteria_models import CHOOSABLE, CriteriaStatus
from domain.designation.criteria_selectors import NATIONAL, in_force_grid_row, set_version
from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASE_CODES, unknown_specialisms
from domain.notifications.services import reminders_cancel_about
from domain.organisations.models import BROKERING_KINDS
from domain.workflows.table import transition

from .application_form import form_for
from .form_documents import form_row, in_force_form_version
from .models import Application, RecruitmentRound, ReferenceRequest
from .selectors import held_role_reasons
from .workflows import APPLICATION, REFERENCE, REFERENCE_OPEN_STATES, ROUND, ApplicationStatus, RoundStatus

CRITERIA_SET_ID = re.compile(r"^[a-z0-9][a-z0-9-]*@[0-9]+$")
MAX_TEXT = 10_000  # characters in one answer or one piece of evidence


class RecruitmentRefused(ValueError):
    """The step cannot be taken as asked; the message says why, in words a person can act on."""


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# Rounds -------------------------------------------------------------------------------------


def _codes(values, name: str) -> list[str]:
    if isinstance(values, str) or not isinstance(values, list | tuple):
        raise RecruitmentRefused(f"The {name} must be a list")
    codes = [str(v).strip() for v in values]
    if len(set(codes)) != len(codes):
        raise RecruitmentRefused(f"A {name[:-1]} is listed twice")
    return codes


def _refuse_unless_choosable(criteria_set: str, role: str, organisation) -> None:
    """A round uses a criteria set the regional board has agreed (or in force), of its role and of
    its region or the national ones (seed 000, Criteria: the region sets the criteria; issue 14)."""
    version = set_version(criteria_set)
    if version is None or version.status not in CHOOSABLE:
        raise RecruitmentRefused("Choose a criteria set the regional board has agreed")
    if version.role != role:
        raise RecruitmentRefused(
            f"That criteria set is for another role: choose one for the {DesignationRole(role).label.lower()} role"
        )
    region = organisation.region.code if organisation.region_id else None
    if region is not None and version.region not in (region, NATIONAL):
        raise RecruitmentRefused("That criteria set is another region's: choose one of your region")


@transaction.atomic
def round_create(
    *,
    actor,
    organisation,
    role: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    local_need: str,
    criteria_set: str,
    phases=(),
    specialisms=(),
    form_version: str | None = None,
) -> RecruitmentRound:
    """A draft round for an alliance or hub, recruiting `role` to meet `local_need` between
    `opens_on` and `closes_on` (both days included). Applications are made on the role's form
    in force (form_documents.in_force_form_version) unless `form_version` names another stored
    version the regional board has agreed (the coordinator's page offers those of the role; a
    superseded one is kept for the rounds made on it)."""
    if organisation is None or organisation.kind not in BROKERING_KINDS:
        name = organisation.name if organisation is not None else "The organisation"
        raise RecruitmentRefused(f"{name} is not a teaching school alliance or hub, so it cannot recruit")
    if role not in DesignationRole.values:
        raise RecruitmentRefused(f"{role!r} is not a system leader role")
    if not (title or "").strip():
        raise RecruitmentRefused("Enter a title for the round")
    if not isinstance(opens_on, dt.date) or not isinstance(closes_on, dt.date):
        raise RecruitmentRefused("Enter the dates the round opens and closes")
    if closes_on < opens_on:
        raise RecruitmentRefused("The round must close on or after the day it opens")
    if not (local_need or "").strip():
        # Seed 000: "TSAs should use local intelligence and data to forecast demand and recruit
        # according to need."
        raise RecruitmentRefused("Describe the local need the round answers")
    if not CRITERIA_SET_ID.match(criteria_set or ""):
        raise RecruitmentRefused("Choose a criteria set from the list")
    try:
        get_set(criteria_set)
    except CriteriaSetError:
        raise RecruitmentRefused("Choose a criteria set from the list") from None
    _refuse_unless_choosable(criteria_set, role, organisation)
    phases = _codes(phases, "phases")
    unknown = [p for p in phases if p not in PHASE_CODES]
    if unknown:
        raise RecruitmentRefused(f"These are not phases: {', '.join(unknown)}")
    specialisms = _codes(specialisms, "specialisms")
    unknown = unknown_specialisms(specialisms)
    if unknown:
        raise RecruitmentRefused(f"These are not on the list of specialisms: {', '.join(unknown)}")
    if form_version is None:
        form_version = in_force_form_version(role, region=organisation.region.code if organisation.region_id else None)
        if form_version is None:
            raise RecruitmentRefused("There is no application form in force for this role: ask your region")
    else:
        stored = form_row(form_version) if isinstance(form_version, str) else None
        if stored is None or stored.status == CriteriaStatus.DRAFT:
            raise RecruitmentRefused("Choose an application form from the list")
    round_ = RecruitmentRound.objects.create(
        form_version=form_version,
        organisation=organisation,
        role=role,
        title=title.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        local_need=local_need.strip(),
        criteria_set=criteria_set,
        phases=phases,
        specialisms=specialisms,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="recruitment.round.created",
        subject=round_,
        to_state=round_.status,
        organisation=organisation,
        data={
            "role": role,
            "opens_on": opens_on.isoformat(),
            "closes_on": closes_on.isoformat(),
            "criteria_set": criteria_set,
            "form_version": form_version,
        },
    )
    return round_


def round_open(*, actor, round_: RecruitmentRound) -> RecruitmentRound:
    """Opens a draft round; refused when its window has already ended."""
    today = timezone.localdate()
    if round_.closes_on < today:
        raise RecruitmentRefused(
            f"The round closed on {_date(round_.closes_on)}: change its dates or create a new round"
        )
    return transition(workflow=ROUND, obj=round_, event="open", actor=actor, organisation=round_.organisation)


def round_close(*, actor, round_: RecruitmentRound) -> RecruitmentRound:
    """Closes an open round to applications (drafts can no longer be submitted)."""
    return transition(workflow=ROUND, obj=round_, event="close", actor=actor, organisation=round_.organisation)


def round_complete(*, actor, round_: RecruitmentRound) -> RecruitmentRound:
    return transition(workflow=ROUND, obj=round_, event="complete", actor=actor, organisation=round_.organisation)


@transaction.atomic
def round_cancel(*, actor, round_: RecruitmentRound, reason: str) -> RecruitmentRound:
    locked = transition(
        workflow=ROUND, obj=round_, event="cancel", actor=actor, reason=reason, organisation=round_.organisation
    )
    RecruitmentRound.objects.filter(pk=locked.pk).update(cancel_reason=reason.strip())
    round_.cancel_reason = locked.cancel_reason = reason.strip()
    return locked


# Applications -------------------------------------------------------------------------------


def _refuse_unless_accepting(round_: RecruitmentRound) -> None:
    today = timezone.localdate()
    if round_.status != RoundStatus.OPEN:
        raise RecruitmentRefused(f"{round_.title} is not open for applications")
    if today < round_.opens_on:
        raise RecruitmentRefused(f"{round_.title} opens for applications on {_date(round_.opens_on)}")
    if today > round_.closes_on:
        raise RecruitmentRefused(f"{round_.title} closed for applications on {_date(round_.closes_on)}")


def _refuse_unless_applicant(actor, application: Application) -> None:
    if getattr(actor, "pk", None) != application.applicant_id:
        raise RecruitmentRefused("Only the applicant can change their application")


@transaction.atomic
def application_start(*, actor, round_: RecruitmentRound, school=None) -> Application:
    """A draft application by `actor` to a round open for applications."""
    _refuse_unless_accepting(round_)
    # Issue 14: a person who already holds the role, in force, cannot apply for it again.
    held = held_role_reasons(actor).get(round_.role)
    if held:
        raise RecruitmentRefused(held)
    if Application.objects.filter(round=round_, applicant=actor).exclude(status=ApplicationStatus.WITHDRAWN).exists():
        raise RecruitmentRefused(f"You have already applied to {round_.title}: continue that application")
    form = form_for(round_)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                round=round_, applicant=actor, school=school, declarations={"version": form.version, "accepted": {}}
            )
    except IntegrityError:  # the same person started one at the same moment
        raise RecruitmentRefused(f"You have already applied to {round_.title}: continue that application") from None
    audit_record(
        actor=actor,
        action="recruitment.application.started",
        subject=application,
        to_state=application.status,
        organisation=round_.organisation,
        data={"round_id": round_.pk},
    )
    return application


def _clean_answers(form, answers) -> dict:
    if not isinstance(answers, dict):
        raise RecruitmentRefused("The answers must be given section by section")
    unknown = sorted(set(answers) - form.section_keys)
    if unknown:
        raise RecruitmentRefused(f"These are not sections of the form: {', '.join(unknown)}")
    clean = {}
    for key, value in answers.items():
        if not isinstance(value, dict) or set(value) - {"answer", "evidence"}:
            raise RecruitmentRefused(f"Give an answer and evidence for '{form.section(key).title}'")
        parts = {}
        for part in ("answer", "evidence"):
            text = value.get(part, "")
            if not isinstance(text, str):
                raise RecruitmentRefused(f"The {part} for '{form.section(key).title}' must be text")
            if len(text) > MAX_TEXT:
                raise RecruitmentRefused(
                    f"The {part} for '{form.section(key).title}' must be {MAX_TEXT:,} characters or fewer"
                )
            parts[part] = text.strip()
        clean[key] = parts
    return clean


def _clean_declarations(form, declarations) -> dict:
    if not isinstance(declarations, dict):
        raise RecruitmentRefused("The declarations must be given one by one")
    unknown = sorted(set(declarations) - form.declaration_keys)
    if unknown:
        raise RecruitmentRefused(f"These are not declarations of the form: {', '.join(unknown)}")
    if any(not isinstance(v, bool) for v in declarations.values()):
        raise RecruitmentRefused("Each declaration is either made or not")
    return dict(declarations)


def _clean_specialisms(form, specialisms) -> list[str]:
    if not form.asks_specialisms:
        raise RecruitmentRefused("This application does not ask for specialisms")
    codes = _codes(specialisms, "specialisms")
    if not codes:
        raise RecruitmentRefused("Choose at least one specialism")
    unknown = unknown_specialisms(codes)
    if unknown:
        raise RecruitmentRefused(f"These are not on the list of specialisms: {', '.join(unknown)}")
    return codes


def _clean_route(form, route) -> str:
    if not form.routes:
        raise RecruitmentRefused("This application does not ask for a route")
    if not isinstance(route, str) or form.route(route) is None:
        raise RecruitmentRefused("Choose one of the routes listed")
    return route


@transaction.atomic
def application_save_draft(
    *, actor, application: Application, answers=None, declarations=None, school=None, specialisms=None, route=None
):
    """Saves answers (merged section by section), declarations, the school, the SLE's
    specialisms and the NLE's route of a draft. A submitted application cannot be edited by the
    applicant."""
    _refuse_unless_applicant(actor, application)
    locked = Application.objects.select_for_update(of=("self",)).select_related("round").get(pk=application.pk)
    if locked.status != ApplicationStatus.DRAFT:
        raise RecruitmentRefused(
            "Your application has been submitted, so it can no longer be changed. "
            "Contact the alliance or hub running the round if something needs correcting"
        )
    form = form_for(locked.round)
    changed = []
    if answers is not None:
        clean = _clean_answers(form, answers)
        locked.answers = {**locked.answers, **clean}
        changed += sorted(clean)
    if declarations is not None:
        clean = _clean_declarations(form, declarations)
        accepted = {**locked.declarations.get("accepted", {}), **clean}
        locked.declarations = {"version": form.version, "accepted": accepted}
        changed.append("declarations")
    if school is not None:
        locked.school = school
        changed.append("school")
    if specialisms is not None:
        locked.specialisms = _clean_specialisms(form, specialisms)
        changed.append("specialisms")
    if route is not None:
        locked.route = _clean_route(form, route)
        changed.append("route")
    locked.updated_at = timezone.now()
    locked.save(update_fields=["answers", "declarations", "school", "specialisms", "route", "updated_at"])
    audit_record(
        actor=actor,
        action="recruitment.application.draft_saved",
        subject=locked,
        organisation=locked.round.organisation,
        data={"changed": changed},
    )
    return locked


def missing_for_submission(application: Application) -> list[str]:
    """What the application still lacks before it can be submitted, in the form's order."""
    form = form_for(application.round)
    missing = []
    if application.school_id is None:
        missing.append("your school")
    if form.posts_required and not application.posts.exists():
        missing.append("your posts")
    if form.asks_specialisms and not application.specialisms:
        missing.append("your specialisms")
    if form.routes and form.route(application.route) is None:
        missing.append("your route")
    for section in form.sections_for(application.route):
        if section.required and not (application.answers.get(section.key) or {}).get("answer", "").strip():
            missing.append(section.title.lower())
    accepted = application.declarations.get("accepted", {})
    for declaration in form.declarations:
        if accepted.get(declaration.key) is not True:
            missing.append(f"the declaration '{declaration.text}'")
    return missing


@transaction.atomic
def application_submit(*, actor, application: Application) -> Application:
    """Submits a complete draft while its round is open; refused, listing what is missing,
    when a required section or declaration is not there."""
    _refuse_unless_applicant(actor, application)
    locked = (
        Application.objects.select_for_update(of=("self",)).select_related("round__organisation").get(pk=application.pk)
    )
    if locked.status != ApplicationStatus.DRAFT:
        raise RecruitmentRefused("Your application has already been submitted")
    _refuse_unless_accepting(locked.round)
    missing = missing_for_submission(locked)
    if missing:
        raise RecruitmentRefused("Before you submit, complete: " + "; ".join(missing))
    locked = transition(
        workflow=APPLICATION,
        obj=locked,
        event="submit",
        actor=actor,
        organisation=locked.round.organisation,
        data={"form_version": locked.declarations.get("version", "")},
    )
    # Issue 14: the application is judged by the criteria and the grid in force when it is made.
    set_id = locked.round.criteria_set.partition("@")[0]
    criteria_set = in_force_ref(set_id) or locked.round.criteria_set
    grid = in_force_grid_row(locked.round.role)
    grid_ref = grid.ref if grid is not None else ""
    now = timezone.now()
    Application.objects.filter(pk=locked.pk).update(
        submitted_at=now, updated_at=now, criteria_set=criteria_set, assessment_grid=grid_ref
    )
    for obj in (locked, application):
        obj.status, obj.submitted_at = ApplicationStatus.SUBMITTED, now
        obj.criteria_set, obj.assessment_grid = criteria_set, grid_ref
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str) -> Application:
    """The applicant withdraws, giving a reason; every reference request still open (waiting for
    the coordinator's check or for an answer) is void."""
    _refuse_unless_applicant(actor, application)
    organisation = application.round.organisation
    locked = transition(
        workflow=APPLICATION, obj=application, event="withdraw", actor=actor, reason=reason, organisation=organisation
    )
    Application.objects.filter(pk=locked.pk).update(withdrawn_reason=reason.strip(), updated_at=timezone.now())
    application.withdrawn_reason = reason.strip()
    waiting = ReferenceRequest.objects.filter(application=locked, status__in=REFERENCE_OPEN_STATES)
    for request in waiting:
        transition(
            workflow=REFERENCE,
            obj=request,
            event="void",
            actor=actor,
            reason="The application was withdrawn",
            organisation=organisation,
        )
        reminders_cancel_about(subject=request, reason="The application was withdrawn")
    return application
