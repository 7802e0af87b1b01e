"""Quality assurance of an alliance's leaders (seed 000 "Quality assurance": "QA may include
feedback templates, visits, mid deployment reviews, peer review")."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class QaKind(models.TextChoices):
    QA_VISIT = "qa_visit", "Quality assurance visit"
    PEER_REVIEW = "peer_review", "Peer review"


class QaOutcome(models.TextChoices):
    STRONG = "strong", "Strong practice"
    EFFECTIVE = "effective", "Effective"
    DEVELOPING = "developing", "Effective with points to develop"
    NOT_YET = "not_yet", "Not yet effective"


class QaActivity(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="qa_activities"
    )
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="qa_activities")
    deployment = models.ForeignKey(
        "deployments.Deployment", null=True, blank=True, on_delete=models.SET_NULL, related_name="qa_activities"
    )
    kind = models.CharField(max_length=20, choices=QaKind.choices)
    held_on = models.DateField()
    # Who carried it out: a coordinator, or a peer (another system leader).
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer_name = models.CharField(max_length=150, blank=True)
    findings = models.TextField()
    outcome = models.CharField(max_length=20, choices=QaOutcome.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.held_on:%-d %B %Y}"
