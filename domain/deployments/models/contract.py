"""The contract and action plan of a deployment, in versions (seed 002 "Contracting and Quality
Assurance": "objectives and impact measures will be agreed so that everyone is clear about the
expectations from the outset"; seed 000: "contract/action plan ... process and payment contract")."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import ContractStatus
from .deployment import Deployment, Party


class Payer(models.TextChoices):
    CLIENT = "client", "The client school or trust"
    COMMISSIONER = "commissioner", "The commissioner"
    DFE = "dfe", "The Department for Education"
    NOBODY = "nobody", "Nobody: the support is free"


class ContractVersion(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="contract_versions")
    number = models.PositiveSmallIntegerField()
    # Changed only through the contract workflow (workflows.CONTRACT).
    status = models.CharField(max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    # What changed from the version before (versions after the first).
    change_summary = models.TextField(blank=True)
    # The action plan and the schedule of the work.
    action_plan = models.TextField(blank=True)
    schedule = models.TextField(blank=True)
    days = models.DecimalField(max_digits=5, decimal_places=1)
    starts_on = models.DateField()
    ends_on = models.DateField()
    # Process and payment (seed 002 "Remuneration of Staff": "Staff will be remunerated when they
    # carry out school-to-school support"): what the payer pays a day, and what the leader's school
    # receives a day; the alliance keeps the difference as its brokerage fee.
    payer = models.CharField(max_length=20, choices=Payer.choices, default=Payer.CLIENT)
    payer_name = models.CharField(max_length=200, blank=True)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    leader_school_rate = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    # The parties who must agree this version (Party values), fixed when it is proposed.
    parties = models.JSONField(default=list, blank=True)
    # A digest of everything a party reads, fixed when it is proposed: an agreement names it.
    digest = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    proposed_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deployment", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["deployment", "number"], name="one_contract_version_number"),
            models.UniqueConstraint(
                fields=["deployment"],
                condition=models.Q(status__in=["draft", "proposed"]),
                name="one_open_contract_version",
            ),
            models.CheckConstraint(condition=models.Q(days__gt=0), name="contract_days_positive"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_dates_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(leader_school_rate__lte=models.F("day_rate")),
                name="contract_remuneration_within_rate",
            ),
        ]

    def __str__(self):
        return f"Contract version {self.number} for {self.deployment}"


class ImpactMeasure(models.Model):
    """An objective and how its impact is measured: measure, baseline, target, how and when."""

    contract = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="measures")
    position = models.PositiveSmallIntegerField(default=0)
    objective = models.TextField()
    measure = models.CharField(max_length=300)
    baseline = models.CharField(max_length=300)
    target = models.CharField(max_length=300)
    method = models.CharField(max_length=300)  # how it is measured
    when_measured = models.CharField(max_length=200)

    class Meta:
        ordering = ["contract", "position", "id"]

    def __str__(self):
        return self.measure


class ContractView(models.Model):
    """A person opened this version of the contract (a party cannot agree what it has not seen)."""

    contract = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="views")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contract", "person"], name="one_contract_view_a_person")]

    def __str__(self):
        return f"{self.person} saw {self.contract}"


class ContractAgreement(models.Model):
    """One party's agreement to one version, kept for good."""

    contract = models.ForeignKey(ContractVersion, on_delete=models.CASCADE, related_name="agreements")
    party = models.CharField(max_length=20, choices=Party.choices)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64)
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contract", "agreed_at"]
        constraints = [models.UniqueConstraint(fields=["contract", "party"], name="one_agreement_a_party")]

    def __str__(self):
        return f"{self.get_party_display()} agreed {self.contract}"
