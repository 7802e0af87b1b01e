"""The demo deployment's invoices (demo.deployments builds the deployment first). Synthetic people only.

When the demo's notes of visit evidence days under an agreed contract that someone pays for, the
alliance has issued one invoice for one of them; the rest are left for the coordinator to invoice
(their home page says so). The demo leaves the register of schools as it is: the deployment's
impact section shows the school's baseline inspection and no inspection since the support started."""

from decimal import Decimal

from domain.accounts.roles import Role
from domain.deployments import invoice_services as invoices
from domain.deployments.models import Payer


def build(*, deployment, users) -> None:
    """Adds the demo's invoices to the deployment through the services."""
    deployment.refresh_from_db()
    contract = invoices.agreed_contract_of(deployment)
    if contract is None or contract.payer == Payer.NOBODY:
        return
    if invoices.days_to_invoice(deployment) < 1:
        return
    coordinator = users[Role.TSA_COORDINATOR]
    invoice = invoices.invoice_draft(actor=coordinator, deployment=deployment, days=Decimal("1"))
    invoices.invoice_issue(actor=coordinator, invoice=invoice)
