"""A deployment of a system leader to a client school, created when everyone has accepted the
offer of a request (commissioning). The deployments issue adds the contract, visits, time, concerns
and reviews to it (seed 000 "Deployment"; seed 002 "Contracting and Quality Assurance")."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeploymentStatus(models.TextChoices):
    AGREED = "agreed", "Agreed"


class Deployment(models.Model):
    request = models.OneToOneField("commissioning.SupportRequest", on_delete=models.PROTECT, related_name="deployment")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="deployments")
    # The alliance, hub or grouping that brokered it.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="deployments")
    client_school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="deployments")
    days = models.DecimalField(max_digits=5, decimal_places=1)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=20, choices=DeploymentStatus.choices, default=DeploymentStatus.AGREED)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.leader} at {self.client_school}"
