"""Changes to people's accounts. Each runs in one transaction and writes its audit event."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.audit.services import audit_record
from domain.notifications.services import notify
from domain.workflows.table import transition

from .invitation_policies import can_reset_two_factor
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
def user_sign_out_everywhere(*, user: User, actor=None, reason: str = "") -> User:
    """Invalidates every session the person has: their session hash includes `session_salt`.
    `actor` is whoever did it (the person themselves when not given)."""
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])
    audit_record(
        actor=actor if actor is not None else user,
        action="accounts.user.signed_out_everywhere",
        subject=user,
        reason=reason,
    )
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


class TwoFactorResetRefused(Exception):
    """The reset cannot be done; the message says why."""


@transaction.atomic
def two_factor_reset(*, actor, user: User, reason: str) -> User:
    """A person who has lost their phone: a regional representative of their region deletes their
    authenticator apps and signs them out everywhere (ADR 7: "A lost phone is reset by a regional
    representative"). At their next sign-in with their password, a staff person sets up a new app.
    The person is told by e-mail and on their home page."""
    reason = (reason or "").strip()
    if not can_reset_two_factor(actor, user):
        raise TwoFactorResetRefused("You cannot reset this person's second factor")
    if not reason:
        raise TwoFactorResetRefused("Enter why you are resetting their second factor")
    locked = User.objects.select_for_update().get(pk=user.pk)
    removed, _ = TOTPDevice.objects.filter(user=locked).delete()
    user_sign_out_everywhere(user=locked, actor=actor, reason=reason)
    audit_record(
        actor=actor,
        action="accounts.two_factor.reset",
        subject=locked,
        from_state="authenticator app" if removed else "none",
        to_state="none",
        reason=reason,
        data={"devices_removed": removed},
    )
    notify(
        user=locked,
        title="Your authenticator app has been reset",
        body=(
            f"{actor.full_name} reset the authenticator app you use to sign in, and signed you out "
            "on every device. The reason given: "
            f"{reason}\n\n"
            "Next time you sign in with your email address and password, you will set up an "
            "authenticator app again. If you did not ask for this, tell your regional representative."
        ),
    )
    user.session_salt = locked.session_salt
    return locked
