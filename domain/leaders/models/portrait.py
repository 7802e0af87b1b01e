"""A system leader's pen portrait: what the public directory shows of them once the alliance, hub
or grouping they are associated with has approved it (seed 000: "Pen portraits for NLEs, LLEs and
SLEs should be available on each TSA website")."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from domain.designation.specialisms import labels_of

from ..workflows import PortraitStatus


class PenPortrait(models.Model):
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pen_portraits")
    version = models.PositiveIntegerField()
    # Changed only through the pen portrait workflow (workflows.PEN_PORTRAIT).
    status = models.CharField(
        max_length=20, choices=PortraitStatus.choices, default=PortraitStatus.DRAFT, db_index=True
    )
    # What the leader writes. Everything here is public once approved.
    experience = models.TextField(blank=True)
    specialisms = models.JSONField(default=list, blank=True)  # codes of designation.specialisms
    phases = models.JSONField(default=list, blank=True)  # codes of designation.specialisms.PHASES
    school_context = models.TextField(blank=True)
    areas_served = models.CharField(max_length=500, blank=True)
    # NLEs and NLGs may publish how schools reach them directly (seed 003 lists NLEs in the
    # directory; LLEs and SLEs "can be contacted through teaching schools"): shown only for them.
    public_contact = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The changes asked for when returned, or why it was taken down.
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["leader", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["leader", "version"], name="one_portrait_per_version"),
            models.UniqueConstraint(
                fields=["leader"], condition=models.Q(status="published"), name="one_published_portrait_per_leader"
            ),
        ]

    def __str__(self):
        return f"Pen portrait of {self.leader} (version {self.version})"

    @property
    def phase_labels(self) -> list[str]:
        return labels_of(self.phases, [])[0]

    @property
    def specialism_labels(self) -> list[str]:
        return labels_of([], self.specialisms)[1]
