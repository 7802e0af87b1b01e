"""A certificate of attendance as a PDF (issue 7: "certificate of attendance as PDF"), for the
delegate's CPD record. Plain, tagged text from an HTML template of its own, rendered by WeasyPrint
as a tagged PDF with no network fetches (no base URL, no external style sheets or images), like the
deployment's contract (web/deployments/contract_pdf.py)."""

from django.template.loader import render_to_string
from django.utils import timezone

from domain.training.selectors import hours_of


def certificate_html(booking) -> str:
    from .delegate_views import hours_text, when

    event = booking.event
    hours = hours_of(event)
    organisers = [event.organisation.name, *sorted(p.name for p in event.partners.all())]
    return render_to_string(
        "training/delegate/certificate.html",
        {
            "booking": booking,
            "event": event,
            "when": when(event),
            "hours": hours_text(hours),
            "organisers": organisers,
            "printed_at": timezone.now(),
        },
    )


def certificate_pdf(booking) -> bytes:
    import weasyprint

    # A tagged PDF: headings, tables and reading order for screen readers.
    return weasyprint.HTML(string=certificate_html(booking)).write_pdf(pdf_tags=True)
