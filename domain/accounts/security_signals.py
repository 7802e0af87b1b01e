"""Sign-in failures, slow-downs and lockouts as security events (issue 13; ADR 17).

Django sends `user_login_failed` for every refused sign-in (a wrong password, and a try that
django-axes refused); django-axes sends `user_locked_out` when an account and address pair, or an
address, is locked. Each becomes one audit row naming the account by the e-mail address typed, as
the person it belongs to when there is one, with the address it came from."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from domain.audit.security_events import (
    SIGN_IN_FAILED,
    SIGN_IN_LOCKED_OUT,
    SIGN_IN_SLOWED,
    security_event_record,
)

from .models import User


def _record(action: str, *, email: str, request, data: dict | None = None):
    email = (email or "").strip().lower()[:254]
    person = User.objects.filter(email__iexact=email).first() if email else None
    security_event_record(
        action=action,
        subject=person,
        subject_type="accounts.sign_in",
        # An address without an account is not kept: it would only be someone's typing.
        subject_label="" if person else "an email address without an account",
        data={
            "email": email if person else "",
            "address": getattr(request, "axes_ip_address", "") or "",
            "path": getattr(request, "path", ""),
            **(data or {}),
        },
    )


@receiver(user_login_failed, dispatch_uid="security_events_sign_in_failed")
def sign_in_failed(sender, credentials=None, request=None, **kwargs):
    if request is None:
        return
    email = (credentials or {}).get("username", "")
    if getattr(request, "sign_in_slowed_down", False):
        _record(SIGN_IN_SLOWED, email=email, request=request)
    else:
        _record(SIGN_IN_FAILED, email=email, request=request)


@receiver(user_locked_out, dispatch_uid="security_events_sign_in_locked_out")
def sign_in_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    _record(SIGN_IN_LOCKED_OUT, email=username or "", request=request)
