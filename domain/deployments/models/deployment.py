"""A deployment of a system leader to a client school, created when everyone has accepted the
offer of a request (commissioning), and the parties to it (seed 002: "An LLE contract will be
drawn up by the teaching school and agree with all parties involved")."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import DeploymentStatus


class Party(models.TextChoices):
    """Who agrees the contract, writes feedback and raises concerns."""

    CLIENT = "client", "Client school"
    LEADER = "leader", "System leader"
    ALLIANCE = "alliance", "Brokering alliance"
    COMMISSIONER = "commissioner", "Commissioner"


class Deployment(models.Model):
    request = models.OneToOneField("commissioning.SupportRequest", on_delete=models.PROTECT, related_name="deployment")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deployments")
    # The alliance, hub or grouping that brokered it.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="deployments")
    client_school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="deployments")
    # The body that referred and funds the support (a local authority, diocese, regional director,
    # trust, DfE, Ofsted), when there is one: a party to the contract that sees its outcomes.
    commissioner = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="commissioned"
    )
    # The alliance's quality lead for this deployment: told of every concern. Empty: its coordinators.
    quality_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The days, dates and terms in force: the request's until a contract is agreed, then the agreed
    # contract's (kept here by the contract services), and the days approved variations add.
    days = models.DecimalField(max_digits=5, decimal_places=1)
    extra_days = models.DecimalField(max_digits=5, decimal_places=1, default=Decimal("0"))
    starts_on = models.DateField()
    ends_on = models.DateField()
    current_contract = models.ForeignKey(
        "deployments.ContractVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Changed only through the deployment workflow (workflows.DEPLOYMENT).
    status = models.CharField(
        max_length=20, choices=DeploymentStatus.choices, default=DeploymentStatus.CONTRACTING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.leader} at {self.client_school}"

    @property
    def reference(self) -> str:
        return f"D{self.pk:05d}"

    @property
    def allowed_days(self) -> Decimal:
        """The days the leader may log: the agreed days and every approved variation."""
        return self.days + self.extra_days

    @property
    def is_nlg(self) -> bool:
        return bool(self.request.nlg_package)
