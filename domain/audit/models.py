"""The audit trail: every change of state, with who, when, what, from, to and why."""

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One change of state. Written by services in the same transaction as the change itself."""

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A dotted, globally unique name: "schools.register.imported", "accounts.membership.ended".
    action = models.CharField(max_length=100, db_index=True)
    subject_type = models.CharField(max_length=100)
    subject_id = models.CharField(max_length=64)
    subject_label = models.CharField(max_length=255, blank=True)
    from_state = models.CharField(max_length=100, blank=True)
    to_state = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    # The organisation whose private record this is, so that timelines can be scoped.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "-occurred_at"])]

    def __str__(self):
        return f"{self.action} {self.subject_type}:{self.subject_id}"
