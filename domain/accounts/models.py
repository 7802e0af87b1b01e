"""People who sign in, and what they may do in which organisation."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from .roles import STAFF_ROLES, Role, role_phrase
from .workflows import MembershipStatus


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Signs in with an e-mail address and password, then a second factor."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the service's technical admin.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Part of the session hash: changing it signs the person out of every other session.
    session_salt = models.CharField(max_length=64, default=secrets.token_hex, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_session_auth_hash(self):
        from django.utils.crypto import salted_hmac

        return salted_hmac("accounts.User.session", self.password + self.session_salt, algorithm="sha256").hexdigest()

    def needs_two_factor(self, roles=None) -> bool:
        """True for every staff role, and for the technical admin."""
        if self.is_staff or self.is_superuser:
            return True
        roles = roles if roles is not None else {m.role for m in self.memberships.all() if m.is_active}
        return bool(set(roles) & STAFF_ROLES)


class Membership(models.Model):
    """A person holds a role in an organisation: user x organisation x role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    # Changed only through the membership workflow (domain/accounts/workflows.py).
    status = models.CharField(max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(status="active"),
                name="one_active_membership_per_role",
            )
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()}, {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE


class Invitation(models.Model):
    """An invitation into a role in an organisation, by e-mail (ADR 10's single-use links: only the
    SHA-256 hash of the random token is stored; a new link replaces the old one)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(Membership, null=True, on_delete=models.SET_NULL, related_name="invitations")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=40, choices=Role.choices)
    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Blank for a person who already had a password: they are told, and sign in as usual.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Not sent yet ("held") while null; the link expires at expires_at.
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    had_account = models.BooleanField(default=False, help_text="The person already had a password.")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="invitation_by_organisation")]

    def __str__(self):
        return f"Invitation of {self.full_name} as {role_phrase(self.role)}"

    @property
    def status(self) -> str:
        """held, sent, accepted or expired."""
        if self.accepted_at:
            return "accepted"
        if self.sent_at is None:
            return "held"
        if self.expires_at and self.expires_at <= timezone.now():
            return "expired"
        return "sent"

    @property
    def role_phrase(self) -> str:
        return role_phrase(self.role)

    STATUS_LABELS = {"held": "Not sent", "sent": "Sent", "accepted": "Accepted", "expired": "Expired"}

    @property
    def status_label(self) -> str:
        return self.STATUS_LABELS[self.status]


class RateLimitCounter(models.Model):
    """How many times an action was asked for by one key (an address, an e-mail, a school, a
    person) in one fixed window (domain/accounts/rate_limits.py, ADR 17). The key is kept only as
    a hash: the table holds no address or e-mail in the clear."""

    action = models.CharField(max_length=50)
    scope = models.CharField(max_length=20)
    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "rate_limit"
        constraints = [
            models.UniqueConstraint(
                fields=["action", "scope", "key_hash", "window_start"], name="rate_limit_one_window"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
