"""Erasing a person (UK GDPR Article 17; issue 13, 4c): a regional representative removes or
anonymises everything that names the person, while the programme's numbers, the audit trail's
rows and other people's records stay whole.

THE rules for when erasure is refused (a record the law or a contract requires to be kept) are
`KEEP_RULES`, in this one place; docs/data-protection.md ("Erasure") says the same in words.

What erasure does:
- the account stays, as "Erased person #<id>" with the address "erased-<id>@erased.invalid", no
  usable password, closed; its authenticator apps are deleted and every session ends;
- every role is ended (through the membership workflow, so the end is on the record);
- their own free text is removed: the answers of their applications, what referees wrote, the
  assessors' evidence and the panel's feedback about them, their appeals' grounds, their pen
  portraits' text, their availability notes, their associations' messages, the notes on their
  designations; the records themselves stay, so counts of applications, designations and
  bookings do not change;
- their messages, reminders and sign-in records are deleted, and their public listing;
- wherever their name or e-mail address was copied into text (the audit trail's labels, reasons
  and data; other people's messages; panels' rankings; contracts' parties; background tasks), it
  is replaced by the pseudonym. The audit trail keeps every row.

Notes of visit, concerns and feedback they wrote stay with the deployment they belong to (the
supported school's record), now by "Erased person #<id>"."""

import json
import re
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp import devices_for_user

from domain.accounts.models import Invitation, Membership, User
from domain.accounts.workflows import MEMBERSHIP, MembershipStatus
from domain.commissioning.models import AgendaItem, PanelMeeting, SupportRequest
from domain.deployments.models import ContractAgreement, ContractVersion, Deployment, Invoice, QaActivity
from domain.designation.models import Designation
from domain.leaders.models import (
    Association,
    Commitment,
    DirectoryEntry,
    PenPortrait,
    TermAvailability,
    UnavailablePeriod,
)
from domain.notifications.models import Notification, Reminder
from domain.recruitment.models import (
    Appeal,
    Application,
    AssessmentScore,
    DepartmentDecision,
    PanelDecision,
    PaperExercise,
    ReferenceRequest,
)
from domain.recruitment.workflows import ApplicationStatus
from domain.training.models import Booking
from domain.workflows.table import transition

from .models import AuditEvent
from .services import audit_record

ERASED = "privacy.person.erased"
REMOVED = "Removed when the person's data was erased"

# Limitation Act 1980, s.5: claims on a contract may be brought for 6 years; contracts, invoices and
# payments are kept that long (domain/audit/retention.py, rule "deployments").
KEEP_YEARS = 6

# An application in one of these states is over; in any other it is still being decided.
APPLICATION_OVER = frozenset(
    {
        ApplicationStatus.APPROVED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.DEPARTMENT_APPROVED,
        ApplicationStatus.DEPARTMENT_DECLINED,
        ApplicationStatus.APPEAL_UPHELD,
        ApplicationStatus.APPEAL_DISMISSED,
        ApplicationStatus.WITHDRAWN,
    }
)


def pseudonym_of(person) -> str:
    return f"Erased person #{person.pk}"


def erased_email_of(person) -> str:
    return f"erased-{person.pk}@erased.invalid"


def is_erased(person) -> bool:
    return person.email == erased_email_of(person)


def _kept_until(day: date) -> date:
    try:
        return day.replace(year=day.year + KEEP_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + KEEP_YEARS, day=28)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# THE rules: when erasure is refused ------------------------------------------------------------


def _leads_deployment(person, today) -> str | None:
    ends = [d.ends_on for d in Deployment.objects.filter(leader=person).only("ends_on")]
    until = max((_kept_until(e) for e in ends), default=None)
    if until is not None and until >= today:
        return (
            f"This person leads a deployment whose records must be kept until {long_date(until)} "
            f"(contracts and payments are kept for {KEEP_YEARS} years): erasure is refused"
        )
    return None


def _agreed_contract(person, today) -> str | None:
    ends = [
        a.contract.deployment.ends_on
        for a in ContractAgreement.objects.filter(person=person).select_related("contract__deployment")
    ]
    until = max((_kept_until(e) for e in ends), default=None)
    if until is not None and until >= today:
        return (
            f"This person agreed the contract of a deployment whose records must be kept until {long_date(until)} "
            f"(contracts are kept for {KEEP_YEARS} years): erasure is refused"
        )
    return None


def _paid_places(person, today) -> str | None:
    days = [
        timezone.localtime(b.event.starts_at).date()
        for b in Booking.objects.filter(delegate=person)
        .filter(Q(fee__gt=0) | ~Q(invoice_number=""))
        .select_related("event")
    ]
    until = max((_kept_until(d) for d in days), default=None)
    if until is not None and until >= today:
        return (
            f"This person has invoiced places on events whose financial records must be kept until "
            f"{long_date(until)} (payments are kept for {KEEP_YEARS} years): erasure is refused"
        )
    return None


def _designation_in_force(person, today) -> str | None:
    designation = Designation.objects.filter(person=person).current().order_by("id").last()
    if designation is None:
        return None
    until = f", until {long_date(designation.ends_on)}" if designation.ends_on else ""
    return (
        f"This person holds a designation in force ({designation.get_role_display()}{until}): end the designation first"
    )


def _application_being_decided(person, today) -> str | None:
    application = (
        Application.objects.filter(applicant=person)
        .exclude(status__in=APPLICATION_OVER)
        .select_related("round")
        .first()
    )
    if application is not None:
        return (
            f"This person has an application still being decided ({application.round.title}): "
            "it must be decided or withdrawn first"
        )
    return None


KEEP_RULES = (
    _leads_deployment,
    _agreed_contract,
    _paid_places,
    _designation_in_force,
    _application_being_decided,
)


def erasure_refusals(*, actor, person, today: date | None = None) -> list[str]:
    """Why the person may not be erased now; empty when they may be."""
    if person.pk == getattr(actor, "pk", None):
        return ["You cannot erase your own account"]
    if person.is_superuser or person.is_staff:
        return ["The technical admin's accounts cannot be erased here"]
    if is_erased(person):
        return ["This person's data has already been erased"]
    today = today or timezone.localdate()
    return [message for rule in KEEP_RULES if (message := rule(person, today))]


# What erasure removes ----------------------------------------------------------------------------


# (model, field, new value, what it is in plain words) for the person's own free text.
def _own_text(person):
    apps_ = Application.objects.filter(applicant=person)
    return (
        (apps_, {"answers": {}, "withdrawn_reason": ""}, "application answers"),
        (ReferenceRequest.objects.filter(application__applicant=person), {"response": {}}, "what referees wrote"),
        (PaperExercise.objects.filter(application__applicant=person), {"notes": ""}, "paper exercise notes"),
        (AssessmentScore.objects.filter(application__applicant=person), {"evidence": ""}, "assessors' evidence"),
        (PanelDecision.objects.filter(application__applicant=person), {"feedback": REMOVED}, "panel feedback"),
        (
            DepartmentDecision.objects.filter(application__applicant=person),
            {"reasons": REMOVED},
            "the department's reasons",
        ),
        (Appeal.objects.filter(application__applicant=person), {"grounds": REMOVED, "reasons": ""}, "appeals"),
        (Designation.objects.filter(person=person), {"review_notes": "", "end_reason": ""}, "designation notes"),
        (Association.objects.filter(leader=person), {"message": "", "end_reason": ""}, "association messages"),
        (
            PenPortrait.objects.filter(leader=person),
            {"experience": "", "school_context": "", "areas_served": "", "public_contact": "", "decision_note": ""},
            "pen portraits",
        ),
        (TermAvailability.objects.filter(leader=person), {"note": ""}, "availability notes"),
        (UnavailablePeriod.objects.filter(leader=person), {"reason": ""}, "reasons for being unavailable"),
        (Commitment.objects.filter(leader=person), {"override_reason": ""}, "notes on days committed"),
    )


def _deleted(person):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return (
        (Notification.objects.filter(user=person), "messages on their home page"),
        (Reminder.objects.filter(user=person), "reminders"),
        (DirectoryEntry.objects.filter(leader=person), "listing in the public directory"),
        *(
            (model.objects.filter(username__iexact=person.email), "sign-in records")
            for model in (AccessLog, AccessAttempt, AccessFailureLog)
        ),
    )


# Where a person's name or e-mail address may have been copied into text: replaced everywhere.
def _copies():
    from django_tasks_db.models import DBTaskResult

    return (
        (AuditEvent, ("subject_label", "reason", "data")),
        (Notification, ("title", "body")),
        (Reminder, ("title", "body")),
        (Invitation, ("full_name", "email")),
        (SupportRequest, ("contact_name", "contact_email", "description", "decision_reason")),
        (AgendaItem, ("candidates", "shortfall", "rationale", "passed_over_reason")),
        (PanelMeeting, ("notes",)),
        (ContractVersion, ("parties", "payer_name")),
        (Invoice, ("payer_name",)),
        (QaActivity, ("reviewer_name",)),
        (DBTaskResult, ("args_kwargs", "return_value")),
    )


@dataclass(frozen=True)
class ErasurePlan:
    refusals: list[str]
    removed: list[str]  # plain sentences, with counts
    kept: list[str]

    @property
    def allowed(self) -> bool:
        return not self.refusals


KEPT = [
    "The account's record, named “{pseudonym}”, so that the records below still count",
    "Their designations, applications, associations and bookings, without their text, so the "
    "programme's numbers stay the same",
    "Every event in the audit trail, with their name and e-mail address replaced by “{pseudonym}”",
    "Notes of visit, concerns and feedback they wrote, which belong to the deployment's record",
]


def erasure_plan(*, actor, person) -> ErasurePlan:
    """What erasing the person would remove and keep, or why it is refused."""
    pseudonym = pseudonym_of(person)
    removed = ["Their name and e-mail address, their password and their authenticator app"]
    roles = Membership.objects.filter(user=person).exclude(status=MembershipStatus.ENDED).count()
    if roles:
        removed.append(f"Their roles ({roles}) will be ended")
    for queryset, _, what in _own_text(person):
        if count := queryset.count():
            removed.append(f"The text of their {what} ({count})")
    for queryset, what in _deleted(person):
        if count := queryset.count():
            removed.append(f"Their {what} ({count})")
    return ErasurePlan(
        refusals=erasure_refusals(actor=actor, person=person),
        removed=removed,
        kept=[k.format(pseudonym=pseudonym) for k in KEPT],
    )


class ErasureRefused(Exception):
    pass


def _scrubber(name: str, email: str):
    words = [w for w in (name, email) if w and len(w) >= 3]
    # Both as typed and as JSON writes it (non-ASCII letters escaped).
    needles = sorted({*words, *(json.dumps(w)[1:-1] for w in words)}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE) if needles else None
    return needles, pattern


def _scrub_value(value, pattern, replacement):
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrub_value(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, pattern, replacement) for k, v in value.items()}
    return value


def _replace_copies(*, name: str, email: str, pseudonym: str, erased_email: str) -> int:
    """Replaces the person's name and e-mail address wherever they were copied into text."""
    needles, pattern = _scrubber(name, email)
    if pattern is None:
        return 0

    def replacement(match):
        return erased_email if "@" in match.group(0) else pseudonym

    changed = 0
    for model, fields in _copies():
        query = Q()
        for field in fields:
            for needle in needles:
                query |= Q(**{f"{field}__icontains": needle})
        rows = list(model.objects.filter(query))
        for row in rows:
            for field in fields:
                setattr(row, field, _scrub_value(getattr(row, field), pattern, replacement))
        if rows:
            model.objects.bulk_update(rows, list(fields), batch_size=500)
            changed += len(rows)
    return changed


def person_erase(*, actor, person: User, reason: str) -> User:
    """Erases the person's personal data, as the module says; refused (ErasureRefused, changing
    nothing) when a record must be kept or no reason is given. One audit event, "privacy.person.
    erased", with the counts of what was removed (and never the name)."""
    reason = (reason or "").strip()
    if not reason:
        raise ErasureRefused("Enter why this person's data is being erased")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=person.pk)
        refusals = erasure_refusals(actor=actor, person=locked)
        if refusals:
            raise ErasureRefused(refusals[0])
        name, email = locked.full_name, locked.email
        counts = {}
        roles = list(Membership.objects.filter(user=locked).exclude(status=MembershipStatus.ENDED))
        for membership in roles:
            transition(
                workflow=MEMBERSHIP,
                obj=membership,
                event="end",
                actor=actor,
                reason="Their personal data was erased",
                organisation=membership.organisation,
            )
        counts["roles ended"] = len(roles)
        counts["authenticator apps"] = 0
        for device in devices_for_user(locked, confirmed=None):
            device.delete()
            counts["authenticator apps"] += 1
        for queryset, what in _deleted(locked):
            deleted, _ = queryset.delete()
            counts[what] = counts.get(what, 0) + deleted
        for queryset, values, what in _own_text(locked):
            counts[what] = queryset.update(**values)

        locked.full_name = pseudonym_of(locked)
        locked.email = erased_email_of(locked)
        locked.set_unusable_password()
        locked.is_active = False
        locked.last_login = None
        locked.session_salt = secrets.token_hex(16)  # every session ends
        locked.save()
        audit_record(
            actor=actor,
            action=ERASED,
            subject=locked,
            to_state="erased",
            reason=reason,
            data={"removed": {k: v for k, v in counts.items() if v}},
        )
        _replace_copies(name=name, email=email, pseudonym=locked.full_name, erased_email=locked.email)
    return locked
