"""What payment asks of an alliance's coordinators now, for their home page: deployments with days
that notes of visit evidence and no invoice holds yet, and issued invoices still unpaid 30 days
after they were issued (seed 000: the alliance will "broker, process payment, support and QA
deployments"). A fixed number of queries, however many deployments and invoices there are."""

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.leaders.todo import ToDo, counted

from .models import Deployment, Invoice, Payer, Visit
from .workflows import LIVE_INVOICE_STATES, ContractStatus, InvoiceStatus, VisitStatus

# An issued invoice still unpaid this many days after it was issued is chased.
UNPAID_AFTER_DAYS = 30

_DAYS = DecimalField(max_digits=7, decimal_places=1)


def _total_days(queryset):
    """A subquery of the sum of `days` over `queryset` (filtered by the outer deployment), or 0."""
    summed = queryset.filter(deployment=OuterRef("pk")).values("deployment").annotate(total=Sum("days")).values("total")
    return Coalesce(Subquery(summed, output_field=_DAYS), Value(Decimal("0")), output_field=_DAYS)


def deployments_to_invoice(organisation_ids):
    """Deployments of these alliances, with an agreed contract that someone pays for, whose
    evidenced days are more than their live invoices hold."""
    return (
        Deployment.objects.filter(
            organisation_id__in=organisation_ids,
            current_contract__status=ContractStatus.AGREED,
        )
        .exclude(current_contract__payer=Payer.NOBODY)
        .annotate(
            evidenced=_total_days(Visit.objects.filter(status=VisitStatus.SHARED)),
            invoiced=_total_days(Invoice.objects.filter(status__in=LIVE_INVOICE_STATES)),
        )
        .filter(evidenced__gt=F("invoiced"))
    )


def to_do_for(user) -> list[ToDo]:
    organisation_ids = organisation_ids_of(user, Role.TSA_COORDINATOR)
    if not organisation_ids:
        return []
    items = counted(
        "invoice_draft",
        deployments_to_invoice(organisation_ids),
        "Invoice the evidenced days of a deployment",
        "Invoice the evidenced days of {count} deployments",
    )
    overdue_since = timezone.localdate() - dt.timedelta(days=UNPAID_AFTER_DAYS)
    unpaid = Invoice.objects.filter(
        organisation_id__in=organisation_ids, status=InvoiceStatus.ISSUED, issued_on__lte=overdue_since
    )
    items += counted(
        "invoice_chase",
        unpaid,
        f"Chase an invoice unpaid {UNPAID_AFTER_DAYS} days after it was issued",
        f"Chase {{count}} invoices unpaid {UNPAID_AFTER_DAYS} days after they were issued",
        "deployment_id",
        "pk",
    )
    return items
