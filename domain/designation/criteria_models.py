"""Criteria sets, assessment grids and application forms as the region's own data (issue 14): every version of a set
or grid is a row, kept for good. A version is drafted, agreed by the regional board (the regional
representative records who agreed it and when, on the board's behalf), then put in force; the
version in force before it is then superseded, never deleted, so an application stays judged by
the version in force when it was made.

The first versions were loaded from the JSON files in criteria_sets/ (the criteria sets) and
criteria_sets/grids/ (the assessment grids) by migration 0004, and the application forms from
their code definitions (recruitment.application_form) by migration 0005, "agreed on adoption"."""

from django.conf import settings
from django.db import models


class CriteriaKind(models.TextChoices):
    SET = "set", "Eligibility criteria"
    GRID = "grid", "Assessment grid"
    FORM = "form", "Application form"


class CriteriaStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed by the regional board"
    IN_FORCE = "in_force", "In force"
    SUPERSEDED = "superseded", "Superseded"


# The versions a round may choose: agreed by the board, or in force.
CHOOSABLE = (CriteriaStatus.AGREED, CriteriaStatus.IN_FORCE)
# Who agreed the first versions, loaded when the criteria became the region's own data.
ON_ADOPTION = "On adoption"


class CriteriaVersion(models.Model):
    kind = models.CharField(max_length=10, choices=CriteriaKind.choices)
    set_id = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    # A DesignationRole value; blank for a grid that serves every role without a grid of its own.
    role = models.CharField(max_length=10, blank=True)
    # A Region code ("YH"), or "national" for the sets a region starts from.
    region = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=CriteriaStatus.choices, default=CriteriaStatus.DRAFT)
    document = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    agreed_by = models.CharField(max_length=200, blank=True)  # the board, as the record names it
    agreed_on = models.DateField(null=True, blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_force_from = models.DateField(null=True, blank=True)
    superseded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "region", "set_id", "version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "set_id", "version"], name="criteria_version_once"),
            models.UniqueConstraint(
                fields=["kind", "set_id"],
                condition=models.Q(status="in_force"),
                name="criteria_one_version_in_force",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    @property
    def ref(self) -> str:
        return f"{self.set_id}@{self.version}"
