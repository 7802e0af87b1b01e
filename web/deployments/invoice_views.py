"""Deployment pages: invoices (issue 6, "Payment"). The alliance's list of its invoices, with
filters and a download for finance; drafting an invoice from a deployment's evidenced days (with a
check page); one invoice's page; issuing it, marking it paid and cancelling it.

An invoice the person may not see answers 404 (invoice_selectors.invoice_for); the alliance's
steps on one they may see answer 403."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from domain.deployments import invoice_services as services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.invoice_selectors import alliance_invoices, invoice_for, invoice_years, invoices_of
from domain.deployments.policies import can_manage_deployment, can_run_quality_assurance, can_use_deployments
from domain.deployments.workflows import INVOICE, InvoiceStatus
from domain.leaders.models.availability import days_text
from web.common.downloads import audited_download
from web.common.policy import policy
from web.common.spreadsheets import spreadsheet_response

from .invoice_forms import CancelForm, DraftForm, InvoiceFilterForm, PaidForm
from .views import deployment_or_404, manageable_or_403

PER_PAGE = 50

TAG_CLASSES = {
    InvoiceStatus.DRAFT: "govuk-tag--grey",
    InvoiceStatus.ISSUED: "govuk-tag--blue",
    InvoiceStatus.PAID: "govuk-tag--green",
    InvoiceStatus.CANCELLED: "govuk-tag--red",
}

HEADINGS = [
    "Number",
    "Alliance",
    "Deployment reference",
    "School",
    "URN",
    "Leader",
    "Payer",
    "Payer name",
    "Days",
    "Day rate",
    "Amount",
    "Leader's school remuneration",
    "Brokerage fee",
    "Status",
    "Issued on",
    "Paid on",
]


def tag_of(invoice) -> dict:
    return {"text": invoice.get_status_display(), "classes": TAG_CLASSES.get(invoice.status, "")}


def _helpers() -> dict:
    return {"pounds": services.pounds, "days_text": days_text, "days_words": services.days_words, "tag_of": tag_of}


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html."""
    seen = invoices_of(request.user, deployment)
    return {"seen": seen, **_helpers()}


# --- The alliance's invoices -------------------------------------------------------------------


def _filtered(request):
    form = InvoiceFilterForm(request.GET or None, years=invoice_years(request.user))
    return form, alliance_invoices(request.user, **form.filters())


@policy(can_run_quality_assurance)
def invoice_list(request):
    form, invoices = _filtered(request)
    page = Paginator(invoices, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "deployments/invoice/list.html",
        {"page_title": "Invoices", "form": form, "page": page, "filters_query": query.urlencode(), **_helpers()},
    )


def _export_rows(invoices):
    for i in invoices:
        d = i.deployment
        yield [
            i.number,
            i.organisation.name,
            d.reference,
            d.client_school.display_name,
            d.client_school.urn,
            d.leader.full_name,
            i.get_payer_display(),
            i.payer_name,
            float(i.days),
            f"{i.day_rate:.2f}",
            f"{i.amount:.2f}",
            f"{i.remuneration:.2f}",
            f"{i.brokerage_fee:.2f}",
            i.get_status_display(),
            i.issued_on.isoformat() if i.issued_on else "",
            i.paid_on.isoformat() if i.paid_on else "",
        ]


@policy(can_run_quality_assurance)
def invoice_export(request, fmt):
    _, invoices = _filtered(request)
    return audited_download(
        request,
        "Invoices",
        spreadsheet_response(
            fmt=fmt,
            filename=f"invoices-{timezone.localdate().isoformat()}",
            headings=HEADINGS,
            rows=_export_rows(invoices),
            sheet_title="Invoices",
        ),
    )


# --- Drafting an invoice -----------------------------------------------------------------------


def _days_from(value) -> Decimal | None:
    """The days in the address, within the draft page's own bounds (0.5 to 999.9): a number
    beyond them (10**30) cannot be priced, and is read as none given."""
    form = DraftForm({"days": value})
    return form.cleaned_data["days"] if value and form.is_valid() else None


def _draft_context(deployment, **extra) -> dict:
    contract = services.agreed_contract_of(deployment)
    return {
        "deployment": deployment,
        "contract": contract,
        "evidenced": services.evidenced_days(deployment),
        "invoiced": services.invoiced_days(deployment),
        "to_invoice": services.days_to_invoice(deployment),
        **_helpers(),
        **extra,
    }


@policy(can_use_deployments)
def invoice_draft(request, deployment_id):
    deployment = manageable_or_403(request, deployment_id)
    to_invoice = services.days_to_invoice(deployment)
    form = DraftForm(request.POST or None, initial={"days": days_text(to_invoice)})
    if request.method == "POST" and form.is_valid():
        days = form.cleaned_data["days"]
        if days > to_invoice:
            form.add_error(
                "days",
                "An invoice cannot be for more days than the notes of visit evidence: "
                f"{services.days_words(to_invoice)} {'is' if to_invoice == 1 else 'are'} evidenced and not yet "
                "invoiced",
            )
        else:
            check = reverse("deployments:invoice-draft-check", kwargs={"deployment_id": deployment.pk})
            return redirect(f"{check}?days={days_text(days)}")
    return render(
        request,
        "deployments/invoice/draft.html",
        _draft_context(deployment, page_title="Draft an invoice", form=form, button_text="Continue"),
    )


@policy(can_use_deployments)
def invoice_draft_check(request, deployment_id):
    """Check the invoice's figures before drafting it. The days come from the address (the draft
    page sends them); without them, every day not yet invoiced."""
    deployment = manageable_or_403(request, deployment_id)
    days = _days_from(request.POST.get("days") or request.GET.get("days")) or services.days_to_invoice(deployment)
    contract = services.agreed_contract_of(deployment)
    error = ""
    if request.method == "POST":
        try:
            invoice = services.invoice_draft(actor=request.user, deployment=deployment, days=days)
        except DeploymentRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, f"Invoice {invoice.number} is drafted. Check it, then issue it to the payer.")
            return redirect("deployments:invoice", deployment_id=deployment.pk, invoice_id=invoice.pk)
    figures = None
    if contract is not None and days:
        figures = services.invoice_figures(
            days=days, day_rate=contract.day_rate, leader_school_rate=contract.leader_school_rate
        )
    return render(
        request,
        "deployments/invoice/check.html",
        _draft_context(
            deployment,
            page_title="Check the invoice before you draft it",
            days=days,
            figures=figures,
            error=error,
        ),
    )


# --- One invoice -------------------------------------------------------------------------------


def _invoice_or_404(request, deployment_id, invoice_id):
    deployment = deployment_or_404(request, deployment_id)
    invoice = invoice_for(request.user, deployment, invoice_id)
    if invoice is None:
        raise Http404("No such invoice, or not one you can see")
    return deployment, invoice


def _managed_invoice(request, deployment_id, invoice_id):
    deployment, invoice = _invoice_or_404(request, deployment_id, invoice_id)
    if not can_manage_deployment(request.user, deployment):
        raise PermissionDenied
    return deployment, invoice


@policy(can_use_deployments)
def invoice_detail(request, deployment_id, invoice_id):
    deployment, invoice = _invoice_or_404(request, deployment_id, invoice_id)
    manages = can_manage_deployment(request.user, deployment)
    return render(
        request,
        "deployments/invoice/detail.html",
        {
            "page_title": f"Invoice {invoice.number}",
            "deployment": deployment,
            "invoice": invoice,
            "manages": manages,
            "events": INVOICE.allowed_events(invoice.status) if manages else [],
            **_helpers(),
        },
    )


def _step_page(
    request, deployment_id, invoice_id, *, event, form_class, template, title, button, done, act, error_field=None
):
    """A page for one step on an invoice: its form (if any), the service, back to the invoice."""
    deployment, invoice = _managed_invoice(request, deployment_id, invoice_id)
    allowed = event in INVOICE.allowed_events(invoice.status)
    form = form_class(request.POST or None) if form_class else None
    error = ""
    if request.method == "POST" and allowed and (form is None or form.is_valid()):
        try:
            act(invoice, form.cleaned_data if form else {})
        except DeploymentRefused as refusal:
            if form is not None:
                form.add_error(error_field, str(refusal))
            else:
                error = str(refusal)
        else:
            messages.success(request, done.format(number=invoice.number))
            return redirect("deployments:invoice", deployment_id=deployment.pk, invoice_id=invoice.pk)
    return render(
        request,
        template,
        {
            "page_title": title,
            "deployment": deployment,
            "invoice": invoice,
            "form": form,
            "allowed": allowed,
            "error": error,
            "button_text": button,
            **_helpers(),
        },
    )


@policy(can_use_deployments)
def invoice_issue(request, deployment_id, invoice_id):
    return _step_page(
        request,
        deployment_id,
        invoice_id,
        event="issue",
        form_class=None,
        template="deployments/invoice/issue.html",
        title="Issue the invoice",
        button="Issue the invoice",
        done="Invoice {number} is issued. The payer and the leader have been told.",
        act=lambda invoice, data: services.invoice_issue(actor=request.user, invoice=invoice),
    )


@policy(can_use_deployments)
def invoice_pay(request, deployment_id, invoice_id):
    return _step_page(
        request,
        deployment_id,
        invoice_id,
        event="pay",
        form_class=PaidForm,
        template="deployments/invoice/pay.html",
        title="Mark the invoice as paid",
        button="Mark as paid",
        done="Invoice {number} is marked as paid.",
        act=lambda invoice, data: services.invoice_pay(actor=request.user, invoice=invoice, paid_on=data["paid_on"]),
        error_field="paid_on",
    )


@policy(can_use_deployments)
def invoice_cancel(request, deployment_id, invoice_id):
    return _step_page(
        request,
        deployment_id,
        invoice_id,
        event="cancel",
        form_class=CancelForm,
        template="deployments/invoice/cancel.html",
        title="Cancel the invoice",
        button="Cancel the invoice",
        done="Invoice {number} is cancelled. Its days can be invoiced again.",
        act=lambda invoice, data: services.invoice_cancel(actor=request.user, invoice=invoice, reason=data["reason"]),
        error_field="reason",
    )
