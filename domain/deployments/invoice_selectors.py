"""Reading invoices, scoped to who may see them.

Who sees what of a deployment's invoices (money is private to those who pay and are paid):

- The brokering alliance (its coordinators and its region's representatives) sees every invoice,
  drafts and cancelled ones included, with every figure: it issues them and answers for them.
- The payer's people see the invoices addressed to them once issued (issued and paid, never a
  draft): the client school's contacts when the client pays, the commissioner's people when the
  commissioner pays. When the Department for Education pays, nobody here outside the alliance.
- The leader sees, for each issued or paid invoice, only the remuneration due to their school and
  the days it is for: the day rate the payer agreed and the alliance's fee are not theirs to read.
- Nobody else sees invoices, even when they may see the deployment (a commissioner who does not
  pay, a client whose support the commissioner pays for).

On the invoice's page the payer reads what it is charged (days, day rate, amount); how the amount
is shared between the leader's school and the alliance is shown to the alliance only."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of

from .invoice_services import days_to_invoice, invoiced_days
from .models import Deployment, Invoice, Payer
from .policies import can_manage_deployment, is_client_of, is_commissioner_of, is_leader_of
from .visit_selectors import evidenced_days
from .workflows import InvoiceStatus

INVOICE_RELATED = ("organisation", "deployment__client_school", "deployment__leader", "deployment__organisation")
SENT_STATES = frozenset({InvoiceStatus.ISSUED, InvoiceStatus.PAID})


def alliance_invoices(user, *, status: str = "", year: int | None = None) -> QuerySet[Invoice]:
    """The invoices of the alliances the person coordinates, or of their region's alliances for a
    representative, newest first; filtered by status and by the year of their number (the year
    they were drafted). A constant number of queries whatever the length."""
    qs = Invoice.objects.select_related(*INVOICE_RELATED)
    if not user.is_superuser:
        qs = qs.filter(
            Q(organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
            | Q(organisation__region_id__in=timeline_regions_of(user))
        )
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(created_at__year=year)
    return qs.order_by("-created_at", "-id")


def invoice_years(user) -> list[int]:
    """The years the person's alliances have invoices in, newest first (for the year filter)."""
    return sorted({d.year for d in alliance_invoices(user).values_list("created_at", flat=True)}, reverse=True)


def is_payer_of(user, invoice: Invoice) -> bool:
    """The person speaks for the payer the invoice is addressed to."""
    deployment = invoice.deployment
    if invoice.payer == Payer.CLIENT:
        return is_client_of(user, deployment)
    if invoice.payer == Payer.COMMISSIONER:
        return is_commissioner_of(user, deployment)
    return False


def can_see_invoice(user, invoice: Invoice | None) -> bool:
    """The whole invoice: the alliance always; the payer's people once it is issued."""
    if invoice is None:
        return False
    if can_manage_deployment(user, invoice.deployment):
        return True
    return invoice.status in SENT_STATES and is_payer_of(user, invoice)


def invoice_for(user, deployment: Deployment, invoice_id) -> Invoice | None:
    """One invoice of a deployment the person may see (selectors.deployment_for), or None (404)."""
    invoice = (
        Invoice.objects.select_related(*INVOICE_RELATED, "deployment__request", "created_by")
        .filter(deployment=deployment, pk=invoice_id)
        .first()
    )
    if invoice is not None:
        invoice.deployment = deployment
    return invoice if can_see_invoice(user, invoice) else None


@dataclass(frozen=True)
class DeploymentInvoices:
    """What one person sees of one deployment's invoices."""

    invoices: list = field(default_factory=list)
    # "all": days and amounts (the alliance, the payer); "remuneration": the leader's school's only.
    figures: str = ""
    can_draft: bool = False
    evidenced: object = None  # days evidenced by shared notes of visit (the alliance only)
    invoiced: object = None  # days on live invoices (the alliance only)
    to_invoice: object = None  # evidenced days not yet invoiced (the alliance only)

    @property
    def shown(self) -> bool:
        return bool(self.figures)


def invoices_of(user, deployment: Deployment) -> DeploymentInvoices:
    """The deployment's invoices as this person may see them (see the module's docstring)."""
    if can_manage_deployment(user, deployment):
        invoices = list(Invoice.objects.filter(deployment=deployment).order_by("-created_at", "-id"))
        return DeploymentInvoices(
            invoices=invoices,
            figures="all",
            can_draft=True,
            evidenced=evidenced_days(deployment),
            invoiced=invoiced_days(deployment),
            to_invoice=days_to_invoice(deployment),
        )
    sent = Invoice.objects.filter(deployment=deployment, status__in=SENT_STATES).order_by("-created_at", "-id")
    payers = []
    if is_client_of(user, deployment):
        payers.append(Payer.CLIENT)
    if is_commissioner_of(user, deployment):
        payers.append(Payer.COMMISSIONER)
    addressed = [i for i in sent if i.payer in payers] if payers else []
    if addressed or (payers and not is_leader_of(user, deployment)):
        return DeploymentInvoices(invoices=addressed, figures="all")
    if is_leader_of(user, deployment):
        return DeploymentInvoices(invoices=list(sent), figures="remuneration")
    return DeploymentInvoices()
