"""Feedback from the client and the leader (seed 000 "Principles for QA": "Opportunities for client
and system leader to feedback must be offered"; "QA may include feedback templates"). A region
edits its feedback form in versions; each round keeps the version it asked."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .deployment import Deployment, Party


class FeedbackForm(models.Model):
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="feedback_forms")
    version = models.PositiveSmallIntegerField()
    # [{"key": "...", "text": "...", "kind": "scale"|"text", "for": ["client", "leader"]}]
    questions = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "-version"]
        constraints = [models.UniqueConstraint(fields=["region", "version"], name="one_feedback_form_version")]

    def __str__(self):
        return f"Feedback form version {self.version}"


class FeedbackStage(models.TextChoices):
    MIDDLE = "middle", "Middle of the deployment"
    END = "end", "End of the deployment"


class FeedbackRound(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="feedback_rounds")
    stage = models.CharField(max_length=10, choices=FeedbackStage.choices)
    # The questions as asked (a copy of the region's form when the round opened).
    form = models.ForeignKey(FeedbackForm, null=True, on_delete=models.PROTECT, related_name="+")
    questions = models.JSONField(default=list)
    opened_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()

    class Meta:
        ordering = ["deployment", "opened_at", "id"]
        constraints = [models.UniqueConstraint(fields=["deployment", "stage"], name="one_feedback_round_a_stage")]

    def __str__(self):
        return f"Feedback at the {self.get_stage_display().lower()}"


class FeedbackResponse(models.Model):
    """One side's answers. Each side sees the other's only when both have answered."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="responses")
    party = models.CharField(max_length=20, choices=Party.choices)
    answers = models.JSONField(default=dict)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "party"], name="one_feedback_response_a_party")]

    def __str__(self):
        return f"Feedback from the {self.get_party_display().lower()}"
