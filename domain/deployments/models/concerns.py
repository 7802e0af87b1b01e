"""Causes for concern (seed 000: "cause of concern"), seen only by those who need them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import ConcernStatus
from .deployment import Deployment, Party


class ConcernSeverity(models.TextChoices):
    LOW = "low", "Low: to note and watch"
    MEDIUM = "medium", "Medium: needs action soon"
    HIGH = "high", "High: the deployment or pupils are at risk"


class Concern(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_as = models.CharField(max_length=20, choices=Party.choices)
    raised_at = models.DateTimeField(default=timezone.now)
    severity = models.CharField(max_length=10, choices=ConcernSeverity.choices)
    summary = models.CharField(max_length=200)
    details = models.TextField()
    # Changed only through the concern workflow (workflows.CONCERN).
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    escalated_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deployment", "-raised_at", "-id"]

    def __str__(self):
        return self.summary
