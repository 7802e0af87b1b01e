"""Inviting people into a role in an organisation, by e-mail, and accepting through a single-use
link (issue 12, part 3: people; ADR 10's links).

Inviting adds the role at once (active) and creates the person's account if they have none, with no
usable password. The invitation's link lets them choose a password (and, for a staff role, set up
their authenticator app at their first sign-in, ADR 7). A person who already has a password gets a
notice instead: there is nothing to accept, so the invitation is accepted when it is sent.

The link carries a random token (`secrets.token_urlsafe`); only its SHA-256 hash is stored, so the
database alone cannot open an invitation. It works once and expires after INVITATION_LINK_DAYS
(14 unless the settings say otherwise). Sending again makes a new token: the earlier link stops
working. An invitation may be held (not sent) and sent later."""

import datetime as dt
import hashlib
import re
import secrets
from functools import partial

from django.conf import settings
from django.contrib.auth.hashers import is_password_usable
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from domain.audit.bulk import Audit, chunks, insert_rows
from domain.audit.services import audit_record, subject_type_of
from domain.notifications.models import Notification
from domain.notifications.services import notify, service_url
from domain.organisations.models import Organisation

from .invitation_policies import can_invite_to, can_invite_to_school, can_send_invitation, roles_for
from .models import Invitation, Membership, User
from .roles import STAFF_ROLES, Role, role_phrase
from .services import AlreadyHasRole, membership_add, user_create

__all__ = [
    "AlreadyHasRole",
    "InvitationLinkRefused",
    "InvitationRefused",
    "invitation_accept",
    "invitation_open",
    "invitation_send",
    "invitations_create",
    "invite",
    "invite_to_school",
    "membership_invite",
]

TOKEN_BYTES = 32
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class InvitationRefused(Exception):
    """The invitation cannot be made or sent; the message says why, in words to act on."""


class InvitationLinkRefused(Exception):
    """The link cannot be used. `code` is one of unknown, used, expired, has_password; the message
    says which, and what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def link_days() -> int:
    return int(getattr(settings, "INVITATION_LINK_DAYS", 14))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)


def invitation_link(token: str) -> str:
    """The full address of the acceptance page for `token`."""
    return service_url(reverse("accounts:invitation-accept", kwargs={"token": token}))


def _date(value) -> str:
    day = timezone.localtime(value).date()
    return f"{day.day} {day:%B %Y}"


def _inviter(invitation: Invitation) -> str:
    return invitation.invited_by.full_name if invitation.invited_by_id else f"The {settings.SERVICE_NAME} team"


# E-mail and notice --------------------------------------------------------------------------


def _email(invitation: Invitation, token: str | None) -> EmailMessage:
    organisation = invitation.organisation.name
    role = role_phrase(invitation.role)
    lines = [f"Dear {invitation.full_name},", ""]
    lines.append(f"{_inviter(invitation)} has invited you to {settings.SERVICE_NAME} as {role} of {organisation}.")
    lines.append("")
    if token is None:
        lines += [
            "You already have an account: sign in with your email address and password as usual.",
            service_url(reverse("accounts:sign-in")),
        ]
        subject = f"You have been added to {organisation}"
    else:
        lines += [
            "Accept the invitation and choose a password:",
            invitation_link(token),
            "",
            f"The link works once and expires on {_date(invitation.expires_at)}.",
        ]
        if invitation.role in STAFF_ROLES:
            lines += ["", "You will also set up an authenticator app on your phone to sign in."]
        lines += ["", f"If the link has expired, ask {_inviter(invitation)} to send you a new one."]
        subject = f"You are invited to {settings.SERVICE_NAME}"
    lines += ["", settings.SERVICE_NAME]
    return EmailMessage(
        subject=subject, body="\n".join(lines), from_email=settings.DEFAULT_FROM_EMAIL, to=[invitation.email]
    )


def _send_all(messages: list[EmailMessage]) -> None:
    """Sends the e-mails over one connection (an import sends thousands)."""
    if messages:
        mail.mailers.default.send_messages(messages)


def _notice(invitation: Invitation) -> Notification:
    """The in-app notification (the e-mail carries the link; a notification never holds a token)."""
    return Notification(
        user_id=invitation.user_id,
        title=f"You have been added to {invitation.organisation.name}"[:200],
        body=(f"{_inviter(invitation)} added you as {role_phrase(invitation.role)} of {invitation.organisation.name}."),
        link="",
    )


def _mark_sent(invitation: Invitation, *, has_password: bool, now) -> str | None:
    """Sets the invitation's sending fields; returns the new token (None for a notice)."""
    invitation.sent_at = now
    invitation.times_sent += 1
    if has_password:
        invitation.had_account = True
        invitation.token_hash = ""
        invitation.expires_at = None
        invitation.accepted_at = now
        return None
    token, invitation.token_hash = _new_token()
    invitation.expires_at = now + dt.timedelta(days=link_days())
    return token


SENT_FIELDS = ["sent_at", "times_sent", "had_account", "token_hash", "expires_at", "accepted_at"]


# Inviting -----------------------------------------------------------------------------------


def _clean(email: str, full_name: str) -> tuple[str, str]:
    email = User.objects.normalize_email((email or "").strip()).lower()
    full_name = (full_name or "").strip()
    if not full_name:
        raise InvitationRefused("Enter the person's full name")
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationRefused("Enter an email address in the correct format, like name@example.com") from None
    return email, full_name


def _refuse_unless_allowed(actor, organisation, role) -> None:
    if role not in Role.values:
        raise InvitationRefused("Choose one of the roles in the list")
    if actor is not None and not can_invite_to(actor, organisation):
        raise InvitationRefused(f"You cannot invite people to {organisation.name}")
    if role not in roles_for(organisation):
        raise InvitationRefused(
            f"{Role(role).label} is not a role in a {organisation.get_kind_display().lower()}: choose another role"
        )


@transaction.atomic
def invite(*, actor, organisation, email: str, full_name: str, role: str, send: bool = True) -> Invitation:
    """Invites `full_name` at `email` into `role` in `organisation`: creates their account if they
    have none (no usable password), adds the role (active), and, when `send`, e-mails them the
    single-use link (or, if they already have a password, a notice) and tells them in-app.
    AlreadyHasRole if they already hold that role there; InvitationRefused if the actor may not
    invite there or the role does not fit the organisation."""
    email, full_name = _clean(email, full_name)
    role = Role(role) if role in Role.values else role
    _refuse_unless_allowed(actor, organisation, role)
    user = User.objects.select_for_update().filter(email=email).first()
    if user is None:
        user = user_create(actor=actor, email=email, full_name=full_name)
    elif Membership.objects.filter(user=user, organisation=organisation, role=role, status="active").exists():
        raise AlreadyHasRole(f"{user.full_name} is already a {role_phrase(role)} here")
    membership = membership_add(actor=actor, user=user, organisation=organisation, role=role)
    invitation = Invitation.objects.create(
        organisation=organisation,
        membership=membership,
        user=user,
        role=role,
        email=email,
        full_name=full_name,
        invited_by=actor if getattr(actor, "pk", None) else None,
        had_account=user.has_usable_password(),
    )
    audit_record(
        actor=actor,
        action="accounts.invitation.created",
        subject=invitation,
        to_state="held",
        organisation=organisation,
        data={"role": str(role), "user_id": user.pk},
    )
    if send:
        _send(actor=actor, invitation=invitation, user=user)
    return invitation


def membership_invite(*, actor, organisation, email: str, full_name: str, role: str) -> Membership:
    """Adds a person to an organisation in a role and sends them an invitation; returns the role
    (the earlier name of `invite`, kept for its callers)."""
    return invite(actor=actor, organisation=organisation, email=email, full_name=full_name, role=role).membership


@transaction.atomic
def invite_to_school(*, actor, school, email: str, full_name: str, role: str, send: bool = True) -> Invitation:
    """Invites into a school of the register, giving the school its organisation if it has none yet."""
    from domain.organisations.school_organisations import school_organisation_for

    if actor is not None and not can_invite_to_school(actor, school):
        raise InvitationRefused(f"You cannot invite people to {school.name}")
    organisation = school_organisation_for(school=school, actor=actor)
    return invite(actor=actor, organisation=organisation, email=email, full_name=full_name, role=role, send=send)


def _send(*, actor, invitation: Invitation, user: User) -> Invitation:
    before = invitation.status
    token = _mark_sent(invitation, has_password=user.has_usable_password(), now=timezone.now())
    invitation.save(update_fields=SENT_FIELDS)
    audit_record(
        actor=actor,
        action="accounts.invitation.sent",
        subject=invitation,
        from_state=before,
        to_state=invitation.status,
        organisation=invitation.organisation,
        data={"times_sent": invitation.times_sent, "notice": token is None},
    )
    notice = _notice(invitation)
    notify(user=user, title=notice.title, body=notice.body, email=False)
    message = _email(invitation, token)
    transaction.on_commit(partial(_send_all, [message]), robust=True)
    return invitation


@transaction.atomic
def invitation_send(*, actor, invitation: Invitation) -> Invitation:
    """Sends a held invitation, or sends one again with a new link (the earlier link stops
    working). An accepted invitation has nothing more to send."""
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "user", "invited_by")
        .get(pk=invitation.pk)
    )
    if actor is not None and not can_send_invitation(actor, locked):
        raise InvitationRefused(f"You cannot send invitations to {locked.organisation.name}")
    if locked.status == "accepted":
        raise InvitationRefused(f"{locked.full_name} has already accepted the invitation")
    _send(actor=actor, invitation=locked, user=locked.user)
    return locked


def invitations_create(*, actor, memberships: list, send: bool) -> list[Invitation]:
    """One invitation for each membership already made (an import's bulk-created roles), written in
    bulk: a constant number of queries, plus the e-mails (sent after the transaction commits, over
    one connection). Refuses all of them (InvitationRefused) if the actor may not invite to any
    one's organisation."""
    with transaction.atomic():
        return _invitations_create(actor=actor, memberships=memberships, send=send)


def _invitations_create(*, actor, memberships: list, send: bool) -> list[Invitation]:
    ids = [m.pk for m in memberships]
    # Read as plain values: an import invites thousands, and model instances cost more than the
    # writing does.
    loaded = [
        row
        for chunk in chunks(ids)
        for row in Membership.objects.filter(pk__in=chunk)
        .order_by("pk")  # invited, and e-mailed, in the order the roles were made, on any database
        .values_list("pk", "role", "organisation_id", "user_id", "user__email", "user__full_name", "user__password")
    ]
    if len(loaded) != len(set(ids)):
        raise InvitationRefused("Some of these roles no longer exist")
    organisations = Organisation.objects.in_bulk({row[2] for row in loaded})
    for organisation in organisations.values():
        if actor is not None and not can_invite_to(actor, organisation):
            raise InvitationRefused(f"You cannot invite people to {organisation.name}")
    now = timezone.now()
    inviter = actor if getattr(actor, "pk", None) else None
    invitations, tokens = [], []
    for membership_id, role, organisation_id, user_id, email, full_name, password in loaded:
        invitation = Invitation(
            organisation=organisations[organisation_id],
            membership_id=membership_id,
            user_id=user_id,
            role=role,
            email=email,
            full_name=full_name,
            invited_by=inviter,
            had_account=is_password_usable(password),
            created_at=now,
        )
        tokens.append(_mark_sent(invitation, has_password=invitation.had_account, now=now) if send else None)
        invitations.append(invitation)
    # Thousands at once (an import of a region's leaders): a few statements, then the keys read back
    # by membership (one invitation each, made at `now`).
    columns = [f.attname for f in Invitation._meta.concrete_fields if not f.primary_key]
    insert_rows(Invitation, [{name: getattr(i, name) for name in columns} for i in invitations])
    keys = {
        membership_id: pk
        for chunk in chunks(ids)
        for pk, membership_id in Invitation.objects.filter(membership_id__in=chunk, created_at=now).values_list(
            "pk", "membership_id"
        )
    }
    audit = Audit(inviter)
    subject_type = subject_type_of(Invitation)
    for invitation in invitations:
        invitation.pk = keys[invitation.membership_id]
        invitation._state.adding = False
        audit.add(
            "accounts.invitation.sent" if send else "accounts.invitation.created",
            subject_type,
            invitation.pk,
            invitation,
            to_state=invitation.status,
            organisation_id=invitation.organisation_id,
            data={"role": invitation.role, "user_id": invitation.user_id},
        )
    audit.write()
    if send:
        Notification.objects.bulk_create(_notice(invitation) for invitation in invitations)
        messages = [_email(invitation, token) for invitation, token in zip(invitations, tokens, strict=True)]
        transaction.on_commit(partial(_send_all, messages), robust=True)
    return invitations


# Accepting ----------------------------------------------------------------------------------


def _find(token, *, lock: bool) -> Invitation:
    unknown = InvitationLinkRefused(
        "unknown",
        "This link is not recognised. Check you copied the whole link from the latest email we sent you. "
        "If it still does not work, ask the person who invited you to send a new invitation",
    )
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        raise unknown
    invitations = Invitation.objects.select_related("organisation", "user", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=token_hash(token)).first()
    if invitation is None:
        raise unknown
    if invitation.accepted_at is not None:
        raise InvitationLinkRefused(
            "used",
            f"This invitation was accepted on {_date(invitation.accepted_at)}, so the link no longer works. "
            "Sign in with your email address and password",
        )
    if invitation.status == "expired":
        raise InvitationLinkRefused(
            "expired",
            f"This invitation expired on {_date(invitation.expires_at)}. "
            f"Ask {_inviter(invitation)} to send you a new one",
        )
    return invitation


def invitation_open(token) -> Invitation:
    """The invitation this link accepts, or InvitationLinkRefused saying why it cannot be used
    (unknown or forged, already used, expired). The caller sends a person who already has a
    password to sign in."""
    return _find(token, lock=False)


@transaction.atomic
def invitation_accept(*, token, password: str) -> Invitation:
    """Accepts the invitation: the person's password is set (Django's password validators: a
    ValidationError lists what is wrong and changes nothing) and the link stops working. A person
    who already has a password is refused with code has_password: they sign in instead."""
    invitation = _find(token, lock=True)
    user = User.objects.select_for_update().get(pk=invitation.user_id)
    if user.has_usable_password():
        raise InvitationLinkRefused(
            "has_password", "You already have a password. Sign in with your email address and password"
        )
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    # Every open invitation of the person is answered by this one: they now have a password.
    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=now)
    invitation.accepted_at = now
    invitation.user = user
    audit_record(
        actor=user,
        action="accounts.invitation.accepted",
        subject=invitation,
        from_state="sent",
        to_state="accepted",
        organisation=invitation.organisation,
    )
    return invitation
