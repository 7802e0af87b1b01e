"""A spreadsheet of a region's existing leaders, kept between its check page and the person's
confirmation (issue 12, part 4), and afterwards as the record of what was imported."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CadreUpload(models.Model):
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    # The confirmation re-checks these very bytes: what is imported is what the check page showed.
    sha256 = models.CharField(max_length=64)
    # The check as the page shows it (rows, outcomes, reasons), so the page reads no file.
    checked = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Existing leaders from {self.filename}"
