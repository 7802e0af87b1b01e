"""Reviews of a deployment with the results of its impact measures, and the evaluation (seed 002:
"a clear framework for monitoring the success of the work, on completion and through to a final
review"; seed 000: "mid deployment reviews"; seed 003: an NLG's "progress review, within 4 months
of the initial report")."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .contract import ImpactMeasure
from .deployment import Deployment


class ReviewKind(models.TextChoices):
    MID = "mid", "Mid-deployment review"
    FINAL = "final", "Final review"
    NLG_INITIAL = "nlg_initial", "Initial governance report"
    NLG_PROGRESS = "nlg_progress", "Progress review"


class Review(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    held_on = models.DateField()
    summary = models.TextField()
    # The evaluation of the whole deployment (the final review).
    evaluation = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["deployment", "held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["deployment", "kind"], name="one_review_of_a_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.deployment}"


class MeasureJudgement(models.TextChoices):
    MET = "met", "Met"
    PARTLY_MET = "partly_met", "Partly met"
    NOT_MET = "not_met", "Not met"
    TOO_EARLY = "too_early", "Too early to say"


class MeasureResult(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="results")
    measure = models.ForeignKey(ImpactMeasure, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(max_length=300)
    judgement = models.CharField(max_length=20, choices=MeasureJudgement.choices)

    class Meta:
        ordering = ["review", "measure__position", "measure_id"]
        constraints = [models.UniqueConstraint(fields=["review", "measure"], name="one_result_a_measure")]

    def __str__(self):
        return f"{self.measure}: {self.get_judgement_display()}"
