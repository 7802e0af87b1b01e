"""Creating an account to apply (issue 12, go-live): a would-be applicant gives their name, e-mail
address and a password; the account waits, inactive, until they open the single-use link e-mailed
to them, which confirms the address. Registering with an address that already has an account does
not say so: that address is sent a "you already have an account" e-mail instead, and the page that
follows is the same. Each write is keyword-only and records its audit event."""

import datetime as dt
from functools import partial
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    url_has_allowed_host_and_scheme,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)

from domain.audit.models import AuditEvent
from domain.audit.services import audit_record, subject_type_of
from domain.notifications.services import service_url

from .models import User

REGISTERED = "accounts.user.registered"
CONFIRMED = "accounts.user.email_confirmed"
LINK_LIFETIME = dt.timedelta(days=2)


class RegistrationInvalid(ValueError):
    """Bad input: `errors` maps each field to its message. Nothing was changed."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """A token for the confirmation link. Its hash includes whether the account is confirmed
    (is_active), so the link works once; and it expires after LINK_LIFETIME."""

    key_salt = "domain.accounts.registration.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.password}{user.email}{user.is_active}{timestamp}"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= LINK_LIFETIME.total_seconds()


email_confirmation_token = EmailConfirmationTokenGenerator()


def safe_next(next_url: str) -> str:
    """`next_url` when it is a path in this service, otherwise "" (never another site)."""
    allowed = {h for h in settings.ALLOWED_HOSTS if h and h != "*"}
    if next_url and next_url.startswith("/") and url_has_allowed_host_and_scheme(next_url, allowed_hosts=allowed):
        return next_url
    return ""


def is_awaiting_confirmation(user) -> bool:
    """An account made through registration whose e-mail address is not yet confirmed: inactive,
    and nothing has happened to it since it was registered."""
    if user is None or user.is_active:
        return False
    last = (
        AuditEvent.objects.filter(subject_type=subject_type_of(user), subject_id=str(user.pk))
        .order_by("-occurred_at", "-id")
        .values_list("action", flat=True)
        .first()
    )
    return last == REGISTERED


def unconfirmed_account_for(email: str, password: str) -> User | None:
    """The account awaiting confirmation with this address and password, for the sign-in page to
    say "confirm your e-mail first" (only to someone who knows the password)."""
    user = User.objects.filter(email=User.objects.normalize_email(email or "").lower()).first()
    if user is not None and is_awaiting_confirmation(user) and user.check_password(password or ""):
        return user
    return None


def confirmation_link(user: User, next_url: str = "") -> str:
    path = reverse(
        "accounts:register-confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_token.make_token(user),
        },
    )
    next_url = safe_next(next_url)
    return f"{path}?{urlencode({'next': next_url})}" if next_url else path


def _send_after_commit(message: EmailMessage) -> None:
    transaction.on_commit(partial(message.send), robust=True)


def _confirmation_email(user: User, next_url: str) -> EmailMessage:
    lines = [
        f"Dear {user.full_name},",
        "",
        f"You asked to create an account on {settings.SERVICE_NAME}. Confirm your email address with this link:",
        service_url(confirmation_link(user, next_url)),
        "",
        "The link works once and expires after 2 days. If you did not ask for an account, ignore this email.",
    ]
    return EmailMessage(
        subject="Confirm your email address",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def _already_registered_email(user: User) -> EmailMessage:
    lines = [
        f"Dear {user.full_name},",
        "",
        f"Someone asked to create an account on {settings.SERVICE_NAME} with this email address, but you "
        "already have an account.",
        "",
        "Sign in:",
        service_url(reverse("accounts:sign-in")),
        "",
        "If you have forgotten your password, reset it:",
        service_url(reverse("accounts:password-reset")),
        "",
        "If it was not you, ignore this email: nothing has changed.",
    ]
    return EmailMessage(
        subject="You already have an account",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def _clean(email: str, full_name: str, password: str) -> tuple[str, str]:
    errors = {}
    full_name = " ".join((full_name or "").split())
    email = User.objects.normalize_email((email or "").strip()).lower()
    if not full_name:
        errors["full_name"] = "Enter your full name"
    elif len(full_name) > User._meta.get_field("full_name").max_length:
        errors["full_name"] = "Your full name must be 150 characters or fewer"
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    try:
        password_validation.validate_password(password or "", user=User(email=email, full_name=full_name))
    except ValidationError as invalid:
        errors["password"] = invalid.messages[0]
    if errors:
        raise RegistrationInvalid(errors)
    return email, full_name


def registration_start(*, email: str, full_name: str, password: str, next_url: str = "") -> None:
    """Creates an inactive account and e-mails its confirmation link; for an address that already
    has an account, e-mails that address instead (a confirmed one: "you already have an account";
    one still awaiting confirmation: a new link, its password unchanged). Returns nothing either
    way, so that the page cannot tell whether the address has an account."""
    email, full_name = _clean(email, full_name, password)
    with transaction.atomic():
        existing = User.objects.select_for_update().filter(email=email).first()
        if existing is not None:
            if is_awaiting_confirmation(existing):
                _send_after_commit(_confirmation_email(existing, next_url))
            else:
                _send_after_commit(_already_registered_email(existing))
            audit_record(actor=None, action="accounts.user.registration_repeated", subject=existing)
            return
        user = User.objects.create_user(email=email, full_name=full_name, password=password, is_active=False)
        audit_record(actor=None, action=REGISTERED, subject=user, to_state="unconfirmed")
        _send_after_commit(_confirmation_email(user, next_url))


def registration_resend(*, email: str, next_url: str = "") -> None:
    """A new confirmation link for an account still awaiting confirmation; nothing otherwise (the
    page says the same whatever the address)."""
    email = User.objects.normalize_email((email or "").strip()).lower()
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is not None and is_awaiting_confirmation(user):
            _send_after_commit(_confirmation_email(user, next_url))


def user_from_link(uidb64: str, token: str) -> User | None:
    """The account a confirmation link is for, when the link is genuine, unused and not expired."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or not is_awaiting_confirmation(user) or not email_confirmation_token.check_token(user, token):
        return None
    return user


def registration_confirm(*, uidb64: str, token: str) -> User | None:
    """Confirms the e-mail address and activates the account; None (and nothing changed) for a
    forged, used or expired link."""
    with transaction.atomic():
        user = user_from_link(uidb64, token)
        if user is None:
            return None
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active:  # confirmed meanwhile through another tab
            return None
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=user, action=CONFIRMED, subject=user, from_state="unconfirmed", to_state="active")
    return user
