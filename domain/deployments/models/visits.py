"""Visits with their notes (seed 000: "notes of visit"), and requests to go beyond the agreed days."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import VariationStatus, VisitStatus
from .deployment import Deployment


class Visit(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    # Changed only through the visit workflow (workflows.VISIT).
    status = models.CharField(max_length=20, choices=VisitStatus.choices, default=VisitStatus.PLANNED)
    # The note of visit. Hours are the leader's reach (seed 004 §6: "number of support hours");
    # days are the time logged against the agreed days, and what an invoice can charge.
    hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal("0"))
    days = models.DecimalField(max_digits=3, decimal_places=1, default=Decimal("0"))
    activities = models.TextField(blank=True)
    findings = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # When the note is due (working days after the visit); the leader is chased by a reminder after.
    note_due_on = models.DateField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deployment", "visited_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0), name="visit_hours_not_negative"),
            models.CheckConstraint(condition=models.Q(days__gte=0), name="visit_days_not_negative"),
        ]

    def __str__(self):
        return f"Visit on {self.visited_on:%-d %B %Y} to {self.deployment.client_school}"


class Variation(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="variations")
    days = models.DecimalField(max_digits=4, decimal_places=1)
    reason = models.TextField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    # Changed only through the variation workflow (workflows.VARIATION).
    status = models.CharField(max_length=20, choices=VariationStatus.choices, default=VariationStatus.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["deployment", "-requested_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(days__gt=0), name="variation_days_positive")]

    def __str__(self):
        return f"{self.days} more days for {self.deployment}"
