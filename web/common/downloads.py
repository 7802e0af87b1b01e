"""Every download of personal data is a security event (issue 13): who, what, how many rows."""

from domain.audit.security_events import DOWNLOAD, security_event_record


def audited_download(request, what: str, response, *, rows: int | None = None, subject=None):
    """Record the download and hand the response back: `return audited_download(request, "Invoices",
    spreadsheet_response(...))`. A spreadsheet counts its own rows; give `rows` for anything else."""
    if rows is None:
        rows = getattr(response, "rows_written", None)
    user = getattr(request, "user", None)
    security_event_record(
        action=DOWNLOAD,
        actor=user if getattr(user, "is_authenticated", False) else None,
        subject=subject,
        subject_type="security.download",
        subject_label="" if subject is not None else what,
        data={
            "what": what,
            "rows": rows,
            "path": request.path[:500],
            "format": (response.get("Content-Type") or "").split(";")[0],
        },
    )
    return response
