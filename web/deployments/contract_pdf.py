"""A sent version of a deployment's contract as a PDF, for the parties to keep (issue 6: "the
agreed contract as PDF"). Plain, tagged text from an HTML template of its own, rendered by
WeasyPrint as a tagged PDF with no network fetches (no base URL, no external style sheets or images)."""

from django.template.loader import render_to_string
from django.utils import timezone

from domain.deployments.contract_selectors import party_lines


def pdf_html(deployment, version) -> str:
    from .contract_views import terms_rows

    return render_to_string(
        "deployments/contract/pdf.html",
        {
            "deployment": deployment,
            "version": version,
            "terms": [(row["key"]["text"], row["value"]["text"]) for row in terms_rows(version)],
            "measures": list(version.measures.all()),
            "parties": party_lines(version),
            "printed_at": timezone.now(),
        },
    )


def pdf_of(deployment, version) -> bytes:
    import weasyprint

    # A tagged PDF: headings, tables and reading order for screen readers.
    return weasyprint.HTML(string=pdf_html(deployment, version)).write_pdf(pdf_tags=True)
