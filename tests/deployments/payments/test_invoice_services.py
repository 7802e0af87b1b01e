"""Invoices (issue 6, "Payment"): drafted by the brokering alliance for evidenced days, issued,
paid and cancelled; every refusal changes nothing and says why."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.deployments import invoice_services as invoices
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Invoice, Payer
from domain.deployments.workflows import InvoiceStatus
from domain.notifications.models import Notification
from tests import factories

from .helpers import agree_contract, share_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(cast):
    agree_contract(cast)
    share_visit(cast.deployment, "1.5")
    return cast


def test_a_draft_invoices_every_evidenced_day_at_the_contract_rates(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    assert invoice.status == InvoiceStatus.DRAFT
    assert invoice.days == Decimal("1.5")
    assert invoice.amount == Decimal("750.00")
    assert invoice.remuneration == Decimal("525.00")
    assert invoice.brokerage_fee == Decimal("225.00")
    assert invoice.payer == Payer.CLIENT
    assert invoice.payer_name == "Synthetic Primary School"
    assert invoice.organisation_id == agreed.deployment.organisation_id
    assert AuditEvent.objects.filter(action="deployments.invoice.drafted", subject_id=str(invoice.pk)).exists()


def test_numbers_count_up_in_each_alliance_and_year(agreed):
    share_visit(agreed.deployment, "2")
    first = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days="1")
    second = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days="1")
    organisation = agreed.deployment.organisation
    organisation.code = "TSA9"
    organisation.save()
    third = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days="1")
    assert (first.number, second.number, third.number) == ("INV-2026-0001", "INV-2026-0002", "TSA9-2026-0001")


def test_days_already_invoiced_cannot_be_invoiced_again(agreed):
    invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days="1")
    with pytest.raises(DeploymentRefused, match="0.5 days are evidenced and not yet invoiced"):
        invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days="1")
    assert Invoice.objects.count() == 1


def test_a_cancelled_invoice_frees_its_days(agreed):
    first = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_cancel(actor=agreed.coordinator, invoice=first, reason="The wrong payer")
    again = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    assert again.days == Decimal("1.5")


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ("0", "Enter a number of days greater than 0"),
        ("-1", "Enter a number of days greater than 0"),
        ("1.25", "one decimal place"),
        ("lots", "Enter the number of days as a number"),
        ("2", "1.5 days are evidenced and not yet invoiced"),
    ],
)
def test_bad_days_are_refused(agreed, days, message):
    with pytest.raises(DeploymentRefused, match=message):
        invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment, days=days)
    assert not Invoice.objects.exists()


def test_no_invoice_without_an_agreed_contract(cast):
    share_visit(cast.deployment, "1")
    with pytest.raises(DeploymentRefused, match="until every party has agreed the contract"):
        invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    assert not Invoice.objects.exists()


def test_free_support_has_nothing_to_invoice(cast):
    agree_contract(cast, payer=Payer.NOBODY, payer_name="", day_rate="0", rate="0")
    share_visit(cast.deployment, "1")
    with pytest.raises(DeploymentRefused, match="This support is free: there is nothing to invoice"):
        invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    assert not Invoice.objects.exists()


def test_nothing_evidenced_nothing_to_invoice(cast):
    agree_contract(cast)
    with pytest.raises(DeploymentRefused, match="no days to invoice"):
        invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)


def test_only_the_brokering_alliance_drafts(agreed):
    for person in (agreed.leader, agreed.client, agreed.commissioner, factories.UserFactory()):
        with pytest.raises(DeploymentRefused, match="Only the brokering alliance"):
            invoices.invoice_draft(actor=person, deployment=agreed.deployment)
    assert not Invoice.objects.exists()


def test_issuing_tells_the_payer_and_the_leader(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED
    assert invoice.issued_on == dt.date(2026, 11, 22)
    told = {n.user_id: n for n in Notification.objects.filter(title__startswith="Invoice")}
    assert set(told) == {agreed.client.pk}  # the client pays, not the commissioner
    assert "£750.00" in told[agreed.client.pk].body
    remuneration = Notification.objects.get(user=agreed.leader, title__startswith="Your school's remuneration")
    assert "£525.00" in remuneration.body


def test_the_commissioner_is_told_when_it_pays(cast):
    agree_contract(cast, payer=Payer.COMMISSIONER, payer_name="A local authority")
    share_visit(cast.deployment, "1")
    invoice = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    invoices.invoice_issue(actor=cast.coordinator, invoice=invoice)
    told = set(Notification.objects.filter(title__startswith="Invoice").values_list("user_id", flat=True))
    assert told == {cast.commissioner.pk}


def test_an_invoice_is_issued_once(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    with pytest.raises(DeploymentRefused, match="when it is issued"):
        invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)


def test_paying_records_the_day(agreed, frozen_clock):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    frozen_clock.move_to(dt.datetime(2026, 12, 10, 10, 0))
    invoices.invoice_pay(actor=agreed.coordinator, invoice=invoice, paid_on=dt.date(2026, 12, 1))
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, dt.date(2026, 12, 1))


@pytest.mark.parametrize(
    ("paid_on", "message"),
    [
        (dt.date(2026, 11, 23), "today or in the past"),
        (dt.date(2026, 11, 21), "on or after the day it was issued, 22 November 2026"),
    ],
)
def test_a_payment_date_must_be_possible(agreed, paid_on, message):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    with pytest.raises(DeploymentRefused, match=message):
        invoices.invoice_pay(actor=agreed.coordinator, invoice=invoice, paid_on=paid_on)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.ISSUED, None)


def test_a_draft_cannot_be_paid(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    with pytest.raises(DeploymentRefused, match="when it is draft"):
        invoices.invoice_pay(actor=agreed.coordinator, invoice=invoice, paid_on=dt.date(2026, 11, 22))


def test_cancelling_needs_a_reason_and_tells_the_payer_of_an_issued_invoice(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    with pytest.raises(DeploymentRefused, match="Enter a reason"):
        invoices.invoice_cancel(actor=agreed.coordinator, invoice=invoice, reason="  ")
    Notification.objects.all().delete()
    invoices.invoice_cancel(actor=agreed.coordinator, invoice=invoice, reason="Sent to the wrong address")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED
    assert Notification.objects.filter(user=agreed.client, body__contains="Sent to the wrong address").exists()


def test_a_paid_invoice_cannot_be_cancelled(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    invoices.invoice_issue(actor=agreed.coordinator, invoice=invoice)
    invoices.invoice_pay(actor=agreed.coordinator, invoice=invoice, paid_on=dt.date(2026, 11, 22))
    with pytest.raises(DeploymentRefused, match="when it is paid"):
        invoices.invoice_cancel(actor=agreed.coordinator, invoice=invoice, reason="Changed our minds")


def test_others_cannot_issue_pay_or_cancel(agreed):
    invoice = invoices.invoice_draft(actor=agreed.coordinator, deployment=agreed.deployment)
    for attempt in (
        lambda: invoices.invoice_issue(actor=agreed.client, invoice=invoice),
        lambda: invoices.invoice_pay(actor=agreed.leader, invoice=invoice, paid_on=dt.date(2026, 11, 22)),
        lambda: invoices.invoice_cancel(actor=agreed.commissioner, invoice=invoice, reason="No"),
    ):
        with pytest.raises(DeploymentRefused, match="Only the brokering alliance"):
            attempt()
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.DRAFT
