"""References and the chair of governors' confirmation, through single-use links that expire; no
account is needed (DESIGN.md: "Referee, chair of governors: answer one request ... through a
single-use link"; seed 000: "references will be requested", and the leader must "have the
support of your school's governing body / trust board").

A link carries a random token (`secrets.token_urlsafe`); only its SHA-256 hash is stored, so the
database alone cannot open a request. The token travels in the e-mail, sent after the transaction
commits. A chaser sends a fresh link (the earlier one stops working: we do not keep the token to
send it again); replacing a referee voids their link, which then says it was replaced.

The applicant names the people, but no link goes out until the alliance's coordinator has
checked each name, role, organisation and address and confirmed it (ADR 18): the applicant could
otherwise give addresses they control and answer for their own referees."""

import datetime as dt
import hashlib
import re
import secrets
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.notifications.services import notify, reminders_cancel_about, service_url
from domain.workflows.table import transition

from .application_form import OPTIONAL_QUESTIONS, questions_for
from .models import REQUIRED_REQUESTS, Application, ReferenceKind, ReferenceRequest
from .policies import can_confirm_referees, can_request_references
from .referee_addresses import CHOSEN_HOW, ConfirmedHow, refusal_for
from .reminders import schedule_overdue_reminders
from .services import MAX_TEXT, RecruitmentRefused
from .workflows import APPLICATION, REFERENCE, REFERENCE_OPEN_STATES, ApplicationStatus, ReferenceStatus

LINK_DAYS = 14  # a link works for this many days after it is sent
TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
# Requests that hold a place: waiting for the coordinator's check or for an answer, or answered.
LIVE_STATES = (*REFERENCE_OPEN_STATES, ReferenceStatus.ANSWERED)


class ReferenceLinkRefused(Exception):
    """The link cannot be used. `code` is one of unknown, expired, used, replaced, void, applicant; the
    message says why, in words the referee can act on."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reference_link(token: str) -> str:
    """The path of the answer page (the page itself is built by the web interface)."""
    return f"/references/{token}/"


def _date(value) -> str:
    day = timezone.localtime(value).date() if isinstance(value, dt.datetime) else value
    return f"{day.day} {day:%B %Y}"


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


# E-mail -------------------------------------------------------------------------------------


def _link_email(request: ReferenceRequest, token: str, *, chaser: bool) -> EmailMessage:
    application = request.application
    applicant = application.applicant.full_name
    organisation = application.round.organisation.name
    if request.kind == ReferenceKind.GOVERNORS_CONFIRMATION:
        what = f"confirm whether your governing body or trust board supports {applicant}'s application"
        subject = f"Confirm your governing body's support for {applicant}"
    else:
        what = f"give a reference for {applicant}"
        subject = f"Reference request for {applicant}"
    if chaser:
        subject = f"Reminder: {subject[0].lower()}{subject[1:]}"
    lines = [
        f"Dear {request.name},",
        "",
        f"{applicant} has applied to {organisation} to be designated as a "
        f"{application.round.get_role_display().lower()}. We would be grateful if you would {what}.",
        "",
        "Use this link (you do not need an account):",
        service_url(reference_link(token)),
        "",
        f"The link works once and expires on {_date(request.expires_at)}.",
    ]
    if chaser:
        lines += ["", "This link replaces the one we sent before, which no longer works."]
    lines += ["", f"{settings.SERVICE_NAME}, on behalf of {organisation}"]
    return EmailMessage(
        subject=subject, body="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL, to=[request.email]
    )


def _send_after_commit(request: ReferenceRequest, token: str, *, chaser: bool = False) -> None:
    message = _link_email(request, token, chaser=chaser)
    transaction.on_commit(partial(message.send), robust=True)


# Sending ------------------------------------------------------------------------------------


def _refuse_unless_waiting_for_references(application: Application) -> None:
    if application.status == ApplicationStatus.DRAFT:
        raise RecruitmentRefused("References are asked for once the application is submitted")
    if application.status != ApplicationStatus.SUBMITTED:
        raise RecruitmentRefused(
            f"The application is {application.get_status_display().lower()}, so no more references are needed"
        )


def _clean_person(
    *, name: str, email: str, job_title: str, organisation_name: str, application: Application, by_applicant: bool
) -> dict:
    name = (name or "").strip()
    email = (email or "").strip().lower()
    job_title = (job_title or "").strip()
    organisation_name = (organisation_name or "").strip()
    if not name:
        raise RecruitmentRefused("Enter the name of the person to ask")
    if not job_title:
        raise RecruitmentRefused(f"Enter {name}'s role, for example headteacher or chair of governors")
    if not organisation_name:
        raise RecruitmentRefused(f"Enter the school or organisation {name} works for")
    try:
        validate_email(email)
    except ValidationError:
        raise RecruitmentRefused("Enter an email address in the correct format, like name@example.com") from None
    # ADR 18: the applicant's own mailbox, or one address for two people, is refused outright.
    others = dict(
        ReferenceRequest.objects.filter(application=application, status__in=LIVE_STATES).values_list("email", "name")
    )
    refusal = refusal_for(email, applicant_email=application.applicant.email, by_applicant=by_applicant, others=others)
    if refusal:
        raise RecruitmentRefused(refusal)
    return {"name": name, "email": email, "job_title": job_title, "organisation_name": organisation_name}


def _refuse_when_enough(application: Application, kind: str) -> None:
    current = ReferenceRequest.objects.filter(application=application, status__in=LIVE_STATES)
    needed = REQUIRED_REQUESTS[kind]
    if current.filter(kind=kind).count() >= needed:
        label = ReferenceKind(kind).label.lower()
        raise RecruitmentRefused(
            f"This application already has {needed} {label} request{'s' if needed > 1 else ''}: "
            "replace a person who does not answer instead"
        )


def _nominate(*, actor, application: Application, kind: str, person: dict) -> ReferenceRequest:
    """Records the person to ask, waiting for the coordinator's check; no link yet."""
    request = ReferenceRequest.objects.create(
        application=application,
        kind=kind,
        nominated_by=actor if getattr(actor, "pk", None) else None,
        **person,
    )
    audit_record(
        actor=actor,
        action="recruitment.reference.nominated",
        subject=request,
        to_state=request.status,
        organisation=application.round.organisation,
        data={"kind": kind, "application_id": application.pk},
    )
    return request


def _confirm_and_send(*, actor, request: ReferenceRequest, how: str, note: str = "") -> tuple[ReferenceRequest, str]:
    """The coordinator's confirmation: the request moves on to waiting for an answer, and its
    single-use link is e-mailed after the transaction commits."""
    application = request.application
    token, hashed = _new_token()
    now = timezone.now()
    expires_at = now + dt.timedelta(days=LINK_DAYS)
    locked = transition(
        workflow=REFERENCE,
        obj=request,
        event="confirm",
        actor=actor,
        organisation=application.round.organisation,
        data={"kind": request.kind, "application_id": application.pk, "how": how, "expires_at": expires_at.isoformat()},
        refused_as=RecruitmentRefused,
    )
    changes = {
        "token_hash": hashed,
        "sent_at": now,
        "last_sent_at": now,
        "expires_at": expires_at,
        "sent_by": actor if getattr(actor, "pk", None) else None,
        "confirmed_by": actor if getattr(actor, "pk", None) else None,
        "confirmed_at": now,
        "confirmed_how": how,
        "confirmed_note": note,
    }
    for target in (locked, request):
        for field, value in changes.items():
            setattr(target, field, value)
    locked.save(update_fields=list(changes))
    schedule_overdue_reminders(request)
    _send_after_commit(request, token)
    return request, token


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "round__organisation")
        .get(pk=application.pk)
    )


@transaction.atomic
def reference_nominate(
    *, actor, application: Application, kind: str, name: str, email: str, job_title: str, organisation_name: str
):
    """The applicant (or the round's coordinator) names a referee or the chair of governors, with
    their role, organisation and address. Refused outright for the applicant's own mailbox or an
    address already given for someone else (ADR 18). Given by the applicant, the request waits for
    the coordinator's check (`reference_confirm`) and returns (request, None); given by someone who
    may confirm it, it is confirmed at once and returns (request, token)."""
    if not can_request_references(actor, application):
        raise RecruitmentRefused("You cannot ask for references for this application")
    if kind not in ReferenceKind.values:
        raise RecruitmentRefused(f"{kind!r} is not a kind of request: choose a reference or a governors' confirmation")
    locked = _lock_application(application)
    _refuse_unless_waiting_for_references(locked)
    person = _clean_person(
        name=name,
        email=email,
        job_title=job_title,
        organisation_name=organisation_name,
        application=locked,
        by_applicant=actor.pk == locked.applicant_id,
    )
    _refuse_when_enough(locked, kind)
    request = _nominate(actor=actor, application=locked, kind=kind, person=person)
    if can_confirm_referees(actor, locked):
        return _confirm_and_send(actor=actor, request=request, how=ConfirmedHow.ENTERED)
    return request, None


@transaction.atomic
def reference_confirm(*, actor, request: ReferenceRequest, how: str, note: str = ""):
    """The alliance's coordinator has checked the person's name, role, organisation and address
    (`how`: one of ConfirmedHow, `note` required for "other"), and the single-use link is e-mailed
    to them. Never the applicant. Returns (request, token)."""
    locked = _locked_request(request)
    application = locked.application
    if not can_confirm_referees(actor, application):
        if getattr(actor, "pk", None) == application.applicant_id:
            raise RecruitmentRefused("You cannot confirm the referees of your own application")
        raise RecruitmentRefused("Only the alliance's coordinators can confirm a referee's address")
    if locked.status != ReferenceStatus.TO_CONFIRM:
        raise RecruitmentRefused(
            f"This request is {locked.get_status_display().lower()}, so there is no address to confirm"
        )
    _refuse_unless_waiting_for_references(_lock_application(application))
    note = (note or "").strip()
    if how not in [c.value for c in CHOSEN_HOW]:
        raise RecruitmentRefused("Select how you checked the address")
    if how == ConfirmedHow.OTHER and not note:
        raise RecruitmentRefused("Say how you checked the address")
    if len(note) > MAX_TEXT:
        raise RecruitmentRefused(f"How you checked the address must be {MAX_TEXT:,} characters or fewer")
    refusal = refusal_for(locked.email, applicant_email=application.applicant.email, by_applicant=False, others={})
    if refusal:  # the applicant's address changed to this one since it was given
        raise RecruitmentRefused(refusal)
    return _confirm_and_send(actor=actor, request=locked, how=how, note=note)


def _locked_request(request: ReferenceRequest) -> ReferenceRequest:
    return (
        ReferenceRequest.objects.select_for_update(of=("self",))
        .select_related("application__applicant", "application__round__organisation")
        .get(pk=request.pk)
    )


@transaction.atomic
def reference_chase(*, actor, request: ReferenceRequest):
    """Sends the person a fresh link, valid for another LINK_DAYS days, and counts the chaser.
    Returns (request, token)."""
    locked = _locked_request(request)
    if not can_request_references(actor, locked.application):
        raise RecruitmentRefused("You cannot chase references for this application")
    if locked.status != ReferenceStatus.AWAITING:
        raise RecruitmentRefused(f"This request is {locked.get_status_display().lower()}, so there is nothing to chase")
    token, hashed = _new_token()
    now = timezone.now()
    locked.token_hash = hashed
    locked.last_sent_at = now
    locked.expires_at = now + dt.timedelta(days=LINK_DAYS)
    locked.chasers_sent += 1
    locked.save(update_fields=["token_hash", "last_sent_at", "expires_at", "chasers_sent"])
    audit_record(
        actor=actor,
        action="recruitment.reference.chased",
        subject=locked,
        organisation=locked.application.round.organisation,
        data={"chasers_sent": locked.chasers_sent, "expires_at": locked.expires_at.isoformat()},
    )
    schedule_overdue_reminders(locked)
    _send_after_commit(locked, token, chaser=True)
    return locked, token


@transaction.atomic
def reference_replace(
    *,
    actor,
    request: ReferenceRequest,
    name: str,
    email: str,
    job_title: str,
    organisation_name: str,
    reason: str = "",
):
    """Replaces a person who has not answered, or whose address did not check out: their link
    (if one was sent) is void and then says it was replaced. The new person is asked as
    `reference_nominate` asks: at once when the coordinator gives them, after the coordinator's
    check when the applicant does. Returns (new request, token or None)."""
    locked = _locked_request(request)
    application = locked.application
    if not can_request_references(actor, application):
        raise RecruitmentRefused("You cannot replace referees for this application")
    if locked.status == ReferenceStatus.ANSWERED:
        raise RecruitmentRefused(f"{locked.name} has already answered, so they cannot be replaced")
    application = _lock_application(application)
    _refuse_unless_waiting_for_references(application)
    person = _clean_person(
        name=name,
        email=email,
        job_title=job_title,
        organisation_name=organisation_name,
        application=application,
        by_applicant=actor.pk == application.applicant_id,
    )
    transition(
        workflow=REFERENCE,
        obj=locked,
        event="replace",
        actor=actor,
        reason=(reason or "").strip() or f"Replaced by {person['name']}",
        organisation=application.round.organisation,
    )
    reminders_cancel_about(subject=locked, reason="The person was replaced")
    new = _nominate(actor=actor, application=application, kind=locked.kind, person=person)
    ReferenceRequest.objects.filter(pk=locked.pk).update(replaced_by=new)
    request.status, request.replaced_by = ReferenceStatus.REPLACED, new
    if can_confirm_referees(actor, application):
        return _confirm_and_send(actor=actor, request=new, how=ConfirmedHow.ENTERED)
    return new, None


# Answering ----------------------------------------------------------------------------------


def _find(token, *, lock: bool, user=None) -> ReferenceRequest:
    unknown = ReferenceLinkRefused(
        "unknown",
        "This link is not recognised. Check you copied the whole link from the latest email we sent you",
    )
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        raise unknown
    requests = ReferenceRequest.objects.select_related("application__applicant", "application__round__organisation")
    if lock:
        requests = requests.select_for_update(of=("self",))
    request = requests.filter(token_hash=token_hash(token)).first()
    if request is None:
        raise unknown
    if getattr(user, "pk", None) is not None and user.pk == request.application.applicant_id:
        # ADR 18: the links work without signing in, so this only catches the applicant who opens
        # their own referee's link while signed in; the coordinator's check is what stops the rest.
        raise ReferenceLinkRefused(
            "applicant",
            "This request is about your own application, so you cannot answer it: only the person asked can",
        )
    if request.status == ReferenceStatus.ANSWERED:
        raise ReferenceLinkRefused(
            "used", f"This link has already been used: the answer was received on {_date(request.used_at)}"
        )
    if request.status == ReferenceStatus.REPLACED:
        raise ReferenceLinkRefused(
            "replaced", "This request was passed to someone else, so this link no longer works. Nothing more is needed"
        )
    if request.status == ReferenceStatus.VOID:
        raise ReferenceLinkRefused("void", "The application was withdrawn, so no answer is needed")
    if request.is_expired():
        raise ReferenceLinkRefused(
            "expired",
            f"This link expired on {_date(request.expires_at)}. "
            f"Ask {request.application.round.organisation.name} to send you a new one",
        )
    return request


def reference_open(token, *, user=None) -> ReferenceRequest:
    """The request this link answers, or ReferenceLinkRefused saying why it cannot be used
    (unknown or forged, expired, already used, replaced, no longer needed, or `user`, the person
    signed in, is the applicant)."""
    return _find(token, lock=False, user=user)


def _clean_response(kind: str, response) -> dict:
    if not isinstance(response, dict):
        raise RecruitmentRefused("Answer the questions on the form")
    questions = questions_for(kind)
    keys = {q.key for q in questions}
    unknown = sorted(set(response) - keys)
    if unknown:
        raise RecruitmentRefused(f"These are not questions on the form: {', '.join(unknown)}")
    clean, missing = {}, []
    for question in questions:
        value = response.get(question.key)
        if question.kind == "yes_no":
            if not isinstance(value, bool):
                missing.append(question.text)
                continue
            clean[question.key] = value
            continue
        text = value.strip() if isinstance(value, str) else ""
        if len(text) > MAX_TEXT:
            raise RecruitmentRefused(f"Your answer to '{question.text}' must be {MAX_TEXT:,} characters or fewer")
        if not text and question.key not in OPTIONAL_QUESTIONS:
            missing.append(question.text)
        clean[question.key] = text
    if missing:
        raise RecruitmentRefused("Answer: " + "; ".join(missing))
    return clean


def _complete_if_all_answered(application: Application) -> bool:
    answered = ReferenceRequest.objects.filter(application=application, status=ReferenceStatus.ANSWERED)
    counts = {kind: answered.filter(kind=kind).count() for kind in REQUIRED_REQUESTS}
    if any(counts[kind] < needed for kind, needed in REQUIRED_REQUESTS.items()):
        return False
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if locked.status != ApplicationStatus.SUBMITTED:
        return False
    transition(
        workflow=APPLICATION,
        obj=application,
        event="complete_references",
        actor=None,
        reason="The references and the chair of governors' confirmation have all been received",
        organisation=application.round.organisation,
    )
    notify(
        user=application.applicant,
        title=f"Your references for {application.round.title} are complete",
        body=(
            "Your referees and the chair of governors have answered. The alliance or hub running the "
            "round will now check your eligibility."
        ),
    )
    return True


@transaction.atomic
def reference_submit(*, token, response, user=None) -> ReferenceRequest:
    """Records the answer given through the link, once, never from the applicant signed in as
    `user`. When every required request of the application is answered, the application moves on
    to `references_complete`."""
    request = _find(token, lock=True, user=user)
    clean = _clean_response(request.kind, response)
    application = request.application
    locked = transition(
        workflow=REFERENCE,
        obj=request,
        event="answer",
        actor=None,
        organisation=application.round.organisation,
        data={"kind": request.kind, "application_id": application.pk},
    )
    now = timezone.now()
    ReferenceRequest.objects.filter(pk=locked.pk).update(used_at=now, response=clean)
    request.used_at, request.response = now, clean
    reminders_cancel_about(subject=request, reason="The request was answered")
    _complete_if_all_answered(application)
    return request
