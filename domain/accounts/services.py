"""Changes to people's accounts. Each runs in one transaction and writes its audit event."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.audit.services import audit_record
from domain.workflows.table import transition

from .models import Membership, User
from .roles import Role
from .workflows import MEMBERSHIP


@transaction.atomic
def user_create(*, actor, email: str, full_name: str, password: str | None = None) -> User:
    user = User.objects.create_user(email=email, full_name=full_name, password=password)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit_record(actor=actor, action="accounts.user.created", subject=user, to_state="active")
    return user


@transaction.atomic
def membership_add(*, actor, user: User, organisation, role: Role | str) -> Membership:
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    audit_record(
        actor=actor,
        action="accounts.membership.added",
        subject=membership,
        to_state="active",
        data={"role": str(role), "organisation_id": organisation.pk},
        organisation=organisation,
    )
    return membership


def membership_change(*, actor, membership: Membership, event: str, reason: str = "") -> Membership:
    """Suspend, reinstate or end a role, as the membership workflow allows."""
    return transition(
        workflow=MEMBERSHIP,
        obj=membership,
        event=event,
        actor=actor,
        reason=reason,
        organisation=membership.organisation,
    )


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> User:
    """Invalidates every session the person has: their session hash includes `session_salt`."""
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])
    audit_record(actor=user, action="accounts.user.signed_out_everywhere", subject=user)
    return user


def two_factor_device_for(user: User, *, confirmed: bool) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("id").first()


@transaction.atomic
def two_factor_setup_start(*, user: User) -> TOTPDevice:
    """A new authenticator app key for the person, unconfirmed until they enter a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def two_factor_setup_confirm(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirms the device when the code is right. Returns False and changes nothing otherwise."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(
        actor=user,
        action="accounts.two_factor.confirmed",
        subject=user,
        from_state="none",
        to_state="authenticator app",
    )
    return True


class AlreadyHasRole(ValueError):
    pass


def membership_invite(*, actor, organisation, email: str, full_name: str, role: Role | str) -> Membership:
    """Adds a person to an organisation in a role, creating their account if they have none, and
    tells them by e-mail and on their home page. A new account gets a single-use link to choose
    a password (the same link as a password reset, valid for PASSWORD_RESET_TIMEOUT)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from domain.notifications.services import notify

    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        is_new = user is None
        if is_new:
            user = user_create(actor=actor, email=email, full_name=full_name)
        elif Membership.objects.filter(user=user, organisation=organisation, role=role, status="active").exists():
            raise AlreadyHasRole(f"{user.full_name} is already a {Role(role).label.lower()} here")
        membership = membership_add(actor=actor, user=user, organisation=organisation, role=role)
        link = reverse("portal:home")
        if is_new:
            link = reverse(
                "accounts:password-reset-confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
        notify(
            user=user,
            title=f"You have been added to {organisation.name}",
            body=(
                f"{actor.full_name if actor else 'The service'} added you as {Role(role).label.lower()} "
                f"of {organisation.name}."
                + (" Choose a password to sign in. The link works once, within 2 hours." if is_new else "")
            ),
            link=link,
        )
    return membership
