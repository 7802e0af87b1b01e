"""Invoices for a deployment (seed 000: the alliance will "broker, process payment, support and QA
deployments", and a deployment has a "process and payment contract"; seed 002 "Remuneration of
Staff": "Staff will be remunerated when they carry out school-to-school support").

The brokering alliance invoices the payer named in the agreed contract for the days that shared
notes of visit evidence, at the contract's day rate. Of that amount the leader's school receives
its remuneration (days x the leader's school rate) and the alliance keeps the rest as its
brokerage fee. An invoice is drafted, issued, then marked paid; a draft or issued invoice can be
cancelled, saying why, and its days can then be invoiced again.

Issue 6: "an invoice cannot exceed evidenced days"."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from domain.audit.services import audit_record
from domain.leaders.models.availability import days_words
from domain.organisations.models import Organisation

from .errors import DeploymentRefused
from .models import Deployment, Invoice, Party, Payer
from .policies import can_manage_deployment
from .services import step, tell
from .visit_selectors import evidenced_days
from .workflows import INVOICE, LIVE_INVOICE_STATES, ContractStatus, InvoiceStatus

PENNY = Decimal("0.01")
TENTH = Decimal("0.1")


def money(value) -> Decimal:
    """Pounds to the penny, halves rounded up."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def pounds(value) -> str:
    """Money as people write it: "£1,234.50"."""
    return f"£{money(value):,.2f}"


def _days_are(days: Decimal) -> str:
    return f"{days_words(days)} {'is' if days == 1 else 'are'}"


def invoiced_days(deployment) -> Decimal:
    """Days on the deployment's invoices that count (draft, issued or paid; not cancelled)."""
    total = Invoice.objects.filter(deployment=deployment, status__in=LIVE_INVOICE_STATES).aggregate(days=Sum("days"))
    return total["days"] or Decimal("0")


def days_to_invoice(deployment) -> Decimal:
    """Days evidenced by shared notes of visit and not yet on a live invoice."""
    return max(evidenced_days(deployment) - invoiced_days(deployment), Decimal("0"))


def invoice_figures(*, days, day_rate, leader_school_rate) -> dict:
    """What an invoice for `days` charges: the amount at the day rate, the remuneration of the
    leader's school at its rate, and the alliance's brokerage fee (the rest, so that the amount
    always equals remuneration plus fee)."""
    amount = money(Decimal(days) * Decimal(day_rate))
    remuneration = money(Decimal(days) * Decimal(leader_school_rate))
    return {"amount": amount, "remuneration": remuneration, "brokerage_fee": amount - remuneration}


def _require_manager(actor, deployment, doing: str) -> None:
    if not can_manage_deployment(actor, deployment):
        raise DeploymentRefused(f"Only the brokering alliance can {doing}")


def agreed_contract_of(deployment):
    """The contract in force, if it has been agreed by every party; else None."""
    contract = deployment.current_contract
    if contract is None or contract.status != ContractStatus.AGREED:
        return None
    return contract


def _clean_days(days) -> Decimal:
    try:
        value = Decimal(str(days))
    except (InvalidOperation, ValueError):
        raise DeploymentRefused("Enter the number of days as a number, like 2 or 1.5") from None
    if not value.is_finite():
        raise DeploymentRefused("Enter the number of days as a number, like 2 or 1.5")
    if value <= 0:
        raise DeploymentRefused("Enter a number of days greater than 0")
    if value != value.quantize(TENTH):
        raise DeploymentRefused("Enter the number of days to one decimal place at most, like 1.5")
    return value.quantize(TENTH)


def _next_number(organisation: Organisation, year: int) -> str:
    """ "<alliance code>-<year>-<n>", n counting up from 1 in each alliance and year. The caller
    holds the alliance's row locked, so that two drafts cannot take the same number. (Alliances
    without a code share the prefix "INV" and so one sequence.)"""
    prefix = f"{organisation.code or 'INV'}-{year}-"
    taken = Invoice.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    highest = max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


@transaction.atomic
def invoice_draft(*, actor, deployment: Deployment, days=None) -> Invoice:
    """The brokering alliance drafts an invoice to the contract's payer for `days` (by default,
    every evidenced day not yet invoiced). Refused without an agreed contract, when the support is
    free, and for more days than the notes of visit evidence and no earlier invoice holds."""
    _require_manager(actor, deployment, "draft an invoice")
    # Lock the deployment so that two drafts cannot both take the same evidenced days.
    locked = (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("current_contract", "organisation")
        .get(pk=deployment.pk)
    )
    contract = agreed_contract_of(locked)
    if contract is None:
        raise DeploymentRefused("You cannot draft an invoice until every party has agreed the contract")
    if contract.payer == Payer.NOBODY:
        raise DeploymentRefused("This support is free: there is nothing to invoice")
    available = days_to_invoice(locked)
    if days is None or days == "":
        if available <= 0:
            raise DeploymentRefused(
                "There are no days to invoice: an invoice is for days that shared notes of visit evidence"
            )
        days = available
    days = _clean_days(days)
    if days > available:
        raise DeploymentRefused(
            "An invoice cannot be for more days than the notes of visit evidence: "
            f"{_days_are(available)} evidenced and not yet invoiced"
        )
    organisation = Organisation.objects.select_for_update().get(pk=locked.organisation_id)
    figures = invoice_figures(days=days, day_rate=contract.day_rate, leader_school_rate=contract.leader_school_rate)
    invoice = Invoice.objects.create(
        deployment=locked,
        organisation=organisation,
        number=_next_number(organisation, timezone.localdate().year),
        payer=contract.payer,
        payer_name=contract.payer_name,
        days=days,
        day_rate=contract.day_rate,
        leader_school_rate=contract.leader_school_rate,
        created_by=actor if getattr(actor, "pk", None) else None,
        **figures,
    )
    audit_record(
        actor=actor,
        action="deployments.invoice.drafted",
        subject=invoice,
        to_state=invoice.status,
        organisation=organisation,
        data={
            "deployment_id": locked.pk,
            "contract_id": contract.pk,
            "number": invoice.number,
            "days": str(days),
            "amount": str(invoice.amount),
        },
    )
    return invoice


def _payer_parties(invoice: Invoice) -> tuple[str, ...]:
    """The parties who receive the invoice in this service (the DfE's finance team does not use it)."""
    if invoice.payer == Payer.CLIENT:
        return (Party.CLIENT,)
    if invoice.payer == Payer.COMMISSIONER:
        return (Party.COMMISSIONER,)
    return ()


@transaction.atomic
def invoice_issue(*, actor, invoice: Invoice) -> Invoice:
    """Issues a draft invoice today. The payer's people are sent it, and the leader is told that
    their school's remuneration is due."""
    deployment = invoice.deployment
    _require_manager(actor, deployment, "issue an invoice")
    issued = step(workflow=INVOICE, obj=invoice, event="issue", actor=actor)
    issued.issued_on = timezone.localdate()
    issued.save(update_fields=["issued_on"])
    invoice.issued_on = issued.issued_on
    school = deployment.client_school.display_name
    parties = _payer_parties(issued)
    if parties:
        tell(
            deployment,
            *parties,
            title=f"Invoice {issued.number} from {deployment.organisation.name}",
            body=(
                f"{deployment.organisation.name} has issued invoice {issued.number} for "
                f"{days_words(issued.days)} of support at {school}: {pounds(issued.amount)}."
            ),
            exclude=actor,
        )
    tell(
        deployment,
        Party.LEADER,
        title=f"Your school's remuneration for {school}",
        body=(
            f"{deployment.organisation.name} has invoiced {days_words(issued.days)} of your support at "
            f"{school}. Your school's remuneration of {pounds(issued.remuneration)} is due."
        ),
        exclude=actor,
    )
    return issued


@transaction.atomic
def invoice_pay(*, actor, invoice: Invoice, paid_on: dt.date) -> Invoice:
    """The alliance records the day the payer paid an issued invoice: not in the future, and not
    before the invoice was issued."""
    _require_manager(actor, invoice.deployment, "record that an invoice is paid")
    current = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if paid_on is None:
        raise DeploymentRefused("Enter the date the invoice was paid")
    if paid_on > timezone.localdate():
        raise DeploymentRefused("The date the invoice was paid must be today or in the past")
    if current.issued_on is not None and paid_on < current.issued_on:
        raise DeploymentRefused(
            f"The date the invoice was paid must be on or after the day it was issued, "
            f"{current.issued_on.day} {current.issued_on:%B %Y}"
        )
    paid = step(workflow=INVOICE, obj=invoice, event="pay", actor=actor, data={"paid_on": paid_on.isoformat()})
    paid.paid_on = paid_on
    paid.save(update_fields=["paid_on"])
    invoice.paid_on = paid_on
    return paid


@transaction.atomic
def invoice_cancel(*, actor, invoice: Invoice, reason: str) -> Invoice:
    """Cancels a draft or issued invoice, saying why; its days can be invoiced again. The payer's
    people are told when it had been issued to them."""
    deployment = invoice.deployment
    _require_manager(actor, deployment, "cancel an invoice")
    was_issued = Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.ISSUED).exists()
    cancelled = step(workflow=INVOICE, obj=invoice, event="cancel", actor=actor, reason=reason)
    parties = _payer_parties(cancelled)
    if was_issued and parties:
        tell(
            deployment,
            *parties,
            title=f"Invoice {cancelled.number} cancelled",
            body=f"{deployment.organisation.name} has cancelled invoice {cancelled.number}: {reason.strip()}",
            exclude=actor,
        )
    return cancelled
