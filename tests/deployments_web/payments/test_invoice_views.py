"""The invoice pages: the alliance's list and its download, drafting with a check page, the
invoice's page and its steps, and the invoices and impact parts of the deployment's page."""

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from domain.deployments import invoice_services as invoices
from domain.deployments.models import Invoice
from domain.deployments.workflows import InvoiceStatus
from domain.schools.models import Inspection, InspectionKind, OfstedGrade
from tests.conftest import sign_in
from tests.deployments import builders
from tests.deployments.payments.helpers import agree_contract, share_visit
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db):
    cast = builders.deployment()
    agree_contract(cast)
    share_visit(cast.deployment, "2")
    return cast


def detail_url(cast):
    return reverse("deployments:detail", kwargs={"deployment_id": cast.deployment.pk})


def invoice_url(invoice, name="deployments:invoice"):
    return reverse(name, kwargs={"deployment_id": invoice.deployment_id, "invoice_id": invoice.pk})


def test_drafting_defaults_to_the_days_not_yet_invoiced_then_checks(client, cast):
    sign_in(client, cast.coordinator)
    url = reverse("deployments:invoice-draft", kwargs={"deployment_id": cast.deployment.pk})
    page = client.get(url)
    assert 'value="2"' in page.content.decode()
    response = client.post(url, {"days": "1.5"})
    check = response["Location"]
    assert check.endswith("check/?days=1.5")
    shown = client.get(check).content.decode()
    assert "£750.00" in shown and "£525.00" in shown and "£225.00" in shown
    assert not Invoice.objects.exists()
    done = client.post(check, {"days": "1.5"})
    invoice = Invoice.objects.get()
    assert done["Location"] == invoice_url(invoice)
    assert invoice.days == 1.5


def test_drafting_more_than_the_evidenced_days_is_an_error_on_the_field(client, cast):
    sign_in(client, cast.coordinator)
    url = reverse("deployments:invoice-draft", kwargs={"deployment_id": cast.deployment.pk})
    page = client.post(url, {"days": "3"}).content.decode()
    assert "There is a problem" in page
    assert "An invoice cannot be for more days than the notes of visit evidence: 2 days are evidenced" in page
    assert 'href="#id_days"' in page


def test_the_check_page_shows_a_refusal(client, cast):
    sign_in(client, cast.coordinator)
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1.5")
    check = reverse("deployments:invoice-draft-check", kwargs={"deployment_id": cast.deployment.pk})
    page = client.post(check, {"days": "1"}).content.decode()
    assert "0.5 days are evidenced and not yet invoiced" in page
    assert Invoice.objects.count() == 1


def test_issue_pay_and_cancel(client, cast):
    sign_in(client, cast.coordinator)
    invoice = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    assert client.post(invoice_url(invoice, "deployments:invoice-issue")).status_code == 302
    pay = invoice_url(invoice, "deployments:invoice-pay")
    page = client.post(pay, {"paid_on-day": "23", "paid_on-month": "11", "paid_on-year": "2026"}).content.decode()
    assert "The date the invoice was paid must be today or in the past" in page
    client.post(pay, {"paid_on-day": "22", "paid_on-month": "11", "paid_on-year": "2026"})
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, dt.date(2026, 11, 22))
    cancel = client.get(invoice_url(invoice, "deployments:invoice-cancel")).content.decode()
    assert "This invoice is paid: you cannot cancel it" in cancel
    assert not re.search(r"<button[^>]*>\s*Cancel the invoice\s*</button>", cancel)


def test_cancelling_needs_a_reason(client, cast):
    sign_in(client, cast.coordinator)
    invoice = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    page = client.post(invoice_url(invoice, "deployments:invoice-cancel"), {"reason": ""}).content.decode()
    assert "Enter why you are cancelling the invoice" in page
    client.post(invoice_url(invoice, "deployments:invoice-cancel"), {"reason": "Drafted twice"})
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED


def test_the_payer_sees_an_issued_invoice_but_not_a_draft_nor_the_steps(client, cast):
    draft = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sent = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    invoices.invoice_issue(actor=cast.coordinator, invoice=sent)
    sign_in(client, cast.client)
    page = client.get(invoice_url(sent))
    assert page.status_code == 200
    assert "Brokerage fee" not in page.content.decode()
    assert client.get(invoice_url(draft)).status_code == 404
    assert client.get(invoice_url(sent, "deployments:invoice-cancel")).status_code == 403
    assert client.get(invoice_url(sent, "deployments:invoice-pay")).status_code == 403


def test_the_leader_sees_only_their_schools_remuneration(client, cast):
    sent = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    invoices.invoice_issue(actor=cast.coordinator, invoice=sent)
    sign_in(client, cast.leader)
    page = client.get(detail_url(cast)).content.decode()
    assert "Remuneration due to your school" in page and "£350.00" in page
    assert "£500.00" not in page
    assert client.get(invoice_url(sent)).status_code == 404


def test_the_deployment_page_shows_the_alliance_its_days_and_invoices(client, cast):
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sign_in(client, cast.coordinator)
    page = client.get(detail_url(cast)).content.decode()
    assert "Days evidenced by shared notes of visit" in page
    assert "INV-2026-0001" in page and "Draft an invoice" in page


def test_the_list_and_its_download(client, cast):
    cast.deployment.client_school.name = "=HYPERLINK(evil)"
    cast.deployment.client_school.save()
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sign_in(client, cast.coordinator)
    assert "INV-2026-0001" in client.get(reverse("deployments:invoices")).content.decode()
    response = client.get(reverse("deployments:invoices-export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Alliance", "Deployment reference"]
    assert rows[0][-5:] == ["Leader's school remuneration", "Brokerage fee", "Status", "Issued on", "Paid on"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["School"] == "'=HYPERLINK(evil)"  # escaped: a spreadsheet will not run it
    assert (row["Days"], row["Day rate"], row["Amount"], row["Status"]) == ("1.0", "500.00", "500.00", "Draft")
    assert row["URN"] == str(cast.deployment.client_school.urn)
    xlsx = client.get(reverse("deployments:invoices-export", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=1).value == "INV-2026-0001"


def test_the_list_filters_and_rejects_an_unknown_status(client, cast):
    first = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    invoices.invoice_issue(actor=cast.coordinator, invoice=first)
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sign_in(client, cast.coordinator)
    page = client.get(reverse("deployments:invoices"), {"status": "issued"}).content.decode()
    assert "INV-2026-0001" in page and "INV-2026-0002" not in page
    page = client.get(reverse("deployments:invoices"), {"status": "lost"}).content.decode()
    assert "Choose a status from the list" in page


def test_the_list_runs_a_constant_number_of_queries(client, cast):
    share_visit(cast.deployment, "3")
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sign_in(client, cast.coordinator)
    assert_constant_queries(
        lambda: client.get(reverse("deployments:invoices")),
        lambda: invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1"),
    )


def test_the_impact_section(client, cast):
    school = cast.deployment.client_school
    Inspection.objects.create(school=school, inspected_on=dt.date(2024, 1, 10), overall_grade=OfstedGrade.INADEQUATE)
    sign_in(client, cast.client)
    page = client.get(detail_url(cast)).content.decode()
    assert "No inspection since the support started" in page
    assert "Inadequate" in page
    assert "caution must be applied when attempting to attribute" in page
    Inspection.objects.create(
        school=school,
        inspected_on=cast.deployment.starts_on + dt.timedelta(days=30),
        kind=InspectionKind.REPORT_CARD,
        area_grades={"inclusion": "Strong standard"},
    )
    page = client.get(detail_url(cast)).content.decode()
    assert f"Inspections of {school.display_name} since the support started" in page
    assert "Inclusion: Strong standard" in page and "No overall grade" in page


def test_the_invoice_page_for_the_alliance(client, cast):
    invoice = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    sign_in(client, cast.coordinator)
    page = client.get(invoice_url(invoice)).content.decode()
    assert "Invoice INV-2026-0001" in page and "Total due" in page
    assert "How the amount is shared" in page and "£150.00" in page
    assert invoice_url(invoice, "deployments:invoice-issue") in page
    assert invoice_url(invoice, "deployments:invoice-pay") not in page
    issue = client.get(invoice_url(invoice, "deployments:invoice-issue")).content.decode()
    assert re.search(r"<button[^>]*>\s*Issue the invoice\s*</button>", issue)
