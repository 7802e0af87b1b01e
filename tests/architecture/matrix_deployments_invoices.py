"""URL x role matrix rows for the deployment pages of invoices (merged into test_url_matrix.MATRIX).
See matrix_deployments.py for world["deployment"] and the helpers row, seen_by_parties, managed.

- The alliance's invoices and their download are for the alliance's coordinators and the region's
  representatives (can_run_quality_assurance): 200 to them, 403 to everyone else signed in.
- Drafting an invoice is the alliance's step on the deployment (managed).
- The demo's invoice (demo.deployments_invoices) is issued to the client school, which pays (the
  request's funding: "the school or trust pays"): the coordinator, the representative and the
  school contact see it; the leader sees only their school's remuneration on the deployment's
  page, and the commissioner does not pay: both get 404, as does the panel member. The steps on
  it are the alliance's: 403 to the school contact, who may see the invoice."""

from domain.accounts.roles import Role

from .matrix_deployments import MANAGERS, managed, row

ALLIANCE_PAGES = row(403, **dict.fromkeys(MANAGERS, 200))
INVOICE = row(404, **dict.fromkeys(MANAGERS, 200), **{Role.SCHOOL_CONTACT: 200})
INVOICE_STEP = row(404, **dict.fromkeys(MANAGERS, 200), **{Role.SCHOOL_CONTACT: 403})

ROWS: dict = {
    "deployments:invoices": ALLIANCE_PAGES,
    "deployments:invoices-export": ALLIANCE_PAGES,
    "deployments:invoice-draft": managed(),
    "deployments:invoice-draft-check": managed(),
    "deployments:invoice": INVOICE,
    "deployments:invoice-issue": INVOICE_STEP,
    "deployments:invoice-pay": INVOICE_STEP,
    "deployments:invoice-cancel": INVOICE_STEP,
}


def kwargs(world) -> dict:
    from domain.deployments.models import Invoice

    deployment = world["deployment"].pk
    invoice = Invoice.objects.filter(deployment_id=deployment).order_by("id").first()
    on_invoice = {"deployment_id": deployment, "invoice_id": invoice.pk if invoice else 999999}
    return {
        "deployments:invoices-export": {"fmt": "csv"},
        "deployments:invoice-draft": {"deployment_id": deployment},
        "deployments:invoice-draft-check": {"deployment_id": deployment},
        "deployments:invoice": on_invoice,
        "deployments:invoice-issue": on_invoice,
        "deployments:invoice-pay": on_invoice,
        "deployments:invoice-cancel": on_invoice,
    }
