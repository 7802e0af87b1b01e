"""Security events in the audit trail (issue 13; ADR 17): sign-in failures and lockouts, refused
access, rate-limit refusals and downloads of personal data. Unlike a change of state, a security
event has no service transaction to join (a failed sign-in changes nothing), so
`security_event_record` opens its own.

A second-factor reset is audited by its service as "accounts.two_factor.reset"; the security
events page lists it with these."""

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent

SIGN_IN_FAILED = "security.sign_in.failed"
SIGN_IN_SLOWED = "security.sign_in.slowed"
SIGN_IN_LOCKED_OUT = "security.sign_in.locked_out"
ACCESS_REFUSED = "security.access.refused"
RATE_LIMITED = "security.rate_limit.refused"
DOWNLOAD = "security.download"
TWO_FACTOR_RESET = "accounts.two_factor.reset"

# The kinds the security events page filters by, in the words it shows.
KINDS = {
    SIGN_IN_FAILED: "Sign-in failed",
    SIGN_IN_SLOWED: "Sign-in slowed down",
    SIGN_IN_LOCKED_OUT: "Sign-in locked",
    TWO_FACTOR_RESET: "Authenticator app reset",
    ACCESS_REFUSED: "Access refused",
    RATE_LIMITED: "Too many requests",
    DOWNLOAD: "Personal data downloaded",
}

# Sign-in events name the account by its e-mail address (whoever typed it, the actor is unknown).
SIGN_IN_KINDS = (SIGN_IN_FAILED, SIGN_IN_SLOWED, SIGN_IN_LOCKED_OUT)


def security_event_record(
    *,
    action: str,
    actor=None,
    subject=None,
    subject_type: str = "",
    subject_id: str = "",
    subject_label: str = "",
    data: dict | None = None,
    organisation=None,
) -> AuditEvent:
    """Record one security event, in a transaction of its own. `subject` (a model instance) names
    what it concerns; without one, `subject_type`, `subject_id` and `subject_label` may. A subject
    is recorded as "security.<model>" (a person: "security.user"), apart from the record's own
    trail: a failed sign-in is not something that happened to the account (registration reads an
    account's last event to know it is still unconfirmed)."""
    if subject is not None:
        subject_type = f"security.{subject._meta.model_name}"
        subject_id = str(subject.pk)
        subject_label = subject_label or str(subject)
    with transaction.atomic():
        return AuditEvent.objects.create(
            occurred_at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            subject_type=subject_type or "security.request",
            subject_id=str(subject_id or ""),
            subject_label=(subject_label or "")[:255],
            data=data or {},
            organisation=organisation,
        )
