"""The uploaded file between the check page and the confirmation: stored with its SHA-256 and
who uploaded it, with the check as the page shows it. Confirming re-checks the same bytes."""

from django.db import transaction

from domain.accounts.policies import coordinates_or_represents, is_signed_in

from ..models import CadreUpload
from .checking import CheckResult
from .writing import CadreImportRefused, ImportReport, cadre_import, check_file, sha256_of

MAX_BYTES = 10 * 1024 * 1024


def can_import_leaders(user) -> bool:
    """Regional representatives (for any alliance, hub or grouping of their region) and TSA or hub
    coordinators (for their own): the rows say which, and the check refuses any other."""
    return coordinates_or_represents(user)


def can_use_cadre_upload(user, upload) -> bool:
    """An upload is its uploader's alone."""
    return upload is not None and is_signed_in(user) and upload.uploaded_by_id == user.pk


def checked_summary(result: CheckResult) -> dict:
    """The check as the page shows it: counts, problems with the file, and each row."""
    return {
        "ok": result.ok,
        "counts": result.counts,
        "problems": list(result.problems),
        "rows": [
            {
                "number": r.number,
                "name": r.name,
                "email": r.email,
                "role": r.role,
                "outcome": r.outcome,
                "problems": list(r.problems),
                "changes": list(r.changes),
            }
            for r in result.rows
        ],
    }


@transaction.atomic
def cadre_upload_check(*, actor, data: bytes, filename: str) -> CadreUpload:
    """Checks the file and keeps it, with its check, for the person to confirm. Writes nothing else."""
    result = check_file(actor=actor, data=data)
    return CadreUpload.objects.create(
        uploaded_by=actor,
        filename=(filename or "leaders")[:255],
        content=data,
        sha256=sha256_of(data),
        checked=checked_summary(result),
    )


def cadre_upload_for(user, upload_id) -> CadreUpload | None:
    """The person's own upload, or None."""
    if not is_signed_in(user):
        return None
    return CadreUpload.objects.filter(pk=upload_id, uploaded_by=user).first()


class UploadChanged(ValueError):
    """The stored file is not the one that was checked, or was imported already."""


def cadre_upload_confirm(*, actor, upload: CadreUpload, hold_invitations: bool) -> ImportReport:
    """Imports the checked file: its bytes are checked again, so that what is written is what the
    check page showed (CadreImportRefused, with the new check stored, when the register changed
    meanwhile so that a row is now refused)."""
    data = bytes(upload.content)
    if upload.imported_at is not None:
        raise UploadChanged("This file has already been imported")
    if sha256_of(data) != upload.sha256:
        raise UploadChanged("The stored file is not the one that was checked: upload it again")
    try:
        return cadre_import(
            actor=actor, data=data, filename=upload.filename, hold_invitations=hold_invitations, upload=upload
        )
    except CadreImportRefused as refusal:
        upload.checked = checked_summary(refusal.result)
        upload.save(update_fields=["checked"])
        raise
