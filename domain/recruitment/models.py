"""Recruitment and selection of system leaders: rounds, applications, references (seeds 000, 004).

Seed 000 ("Application and selection"): "TSAs should use local intelligence and data to forecast
demand and recruit according to need. Application should be made through an application form and
references will be requested." A round belongs to one alliance or hub; its applications and their
references are that organisation's private record (DESIGN.md invariants)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from domain.designation.models import DesignationRole

from .application_form import REGIONAL_FORM
from .workflows import ApplicationStatus, ReferenceStatus, RoundStatus


class RecruitmentRound(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="recruitment_rounds"
    )
    role = models.CharField(max_length=20, choices=DesignationRole.choices, db_index=True)
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()  # the last day applications can be submitted
    # The local need the round answers (seed 000: "TSAs should undertake an audit of local
    # capacity and need to inform their recruitment").
    local_need = models.TextField()
    phases = models.JSONField(default=list, blank=True)  # codes of designation.specialisms.PHASES
    specialisms = models.JSONField(default=list, blank=True)  # codes of designation.specialisms.SPECIALISMS
    # The criteria set the applications are checked against, as "name@version", e.g. "yh-lle@1".
    criteria_set = models.CharField(max_length=80)
    form_version = models.CharField(max_length=40, default=REGIONAL_FORM.version)
    status = models.CharField(max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT, db_index=True)
    cancel_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_it_opens"
            )
        ]

    def __str__(self):
        return self.title

    def accepts_applications(self, today) -> bool:
        return self.status == RoundStatus.OPEN and self.opens_on <= today <= self.closes_on


class Application(models.Model):
    round = models.ForeignKey(RecruitmentRound, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="leader_applications"
    )
    # {section_key: {"answer": text, "evidence": text}}, keys from the round's form.
    answers = models.JSONField(default=dict, blank=True)
    # {"version": form version, "accepted": {declaration_key: bool}}
    declarations = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=30, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "applicant"],
                condition=~models.Q(status=ApplicationStatus.WITHDRAWN),
                name="one_live_application_per_round",
            )
        ]

    def __str__(self):
        return f"Application by {self.applicant} to {self.round}"


class ReferenceKind(models.TextChoices):
    REFERENCE = "reference", "Reference"
    GOVERNORS_CONFIRMATION = "governors_confirmation", "Chair of governors' confirmation"


# What each application needs before it moves on: two references (the "two referees";
# seed 000 says only "references will be requested") and the chair of governors' confirmation
# (seed 000: the leader must "have the support of your school's governing body / trust board").
REQUIRED_REQUESTS = {ReferenceKind.REFERENCE: 2, ReferenceKind.GOVERNORS_CONFIRMATION: 1}


class ReferenceRequest(models.Model):
    """One request for a reference or for the chair of governors' confirmation, answered through a
    single-use link. Only a hash of the link's token is stored: the token itself is in the e-mail."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reference_requests")
    kind = models.CharField(max_length=30, choices=ReferenceKind.choices)
    name = models.CharField(max_length=150)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(default=timezone.now)  # the latest link (first or chaser)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ReferenceStatus.choices, default=ReferenceStatus.AWAITING, db_index=True
    )
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    response = models.JSONField(default=dict, blank=True)
    chasers_sent = models.PositiveSmallIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["application_id", "kind", "sent_at", "id"]
        indexes = [models.Index(fields=["status", "last_sent_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.name} for application {self.application_id}"

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
