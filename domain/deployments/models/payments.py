"""Invoices for a deployment's evidenced days (seed 000: "process and payment contract"; "TSA will
... broker, process payment, support and QA deployments")."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import InvoiceStatus
from .contract import Payer
from .deployment import Deployment


class Invoice(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.PROTECT, related_name="invoices")
    # The brokering alliance that issues it, and its number there ("<alliance code>-<year>-<n>").
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(max_length=40, unique=True)
    payer = models.CharField(max_length=20, choices=Payer.choices)
    payer_name = models.CharField(max_length=200)
    # Days evidenced by shared notes of visit, at the contract's rates when it was drafted.
    days = models.DecimalField(max_digits=5, decimal_places=1)
    day_rate = models.DecimalField(max_digits=8, decimal_places=2)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    leader_school_rate = models.DecimalField(max_digits=8, decimal_places=2)
    remuneration = models.DecimalField(max_digits=10, decimal_places=2)  # to the leader's school
    # Kept by the alliance. amount = remuneration + brokerage_fee is kept by invoice_services (not a
    # database check: SQLite compares these decimals as floating point and would refuse exact sums).
    brokerage_fee = models.DecimalField(max_digits=10, decimal_places=2)
    # Changed only through the invoice workflow (workflows.INVOICE).
    status = models.CharField(max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    issued_on = models.DateField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gt=0), name="invoice_days_positive"),
        ]

    def __str__(self):
        return self.number
