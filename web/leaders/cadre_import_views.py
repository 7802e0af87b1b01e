"""Importing a region's existing leaders from its spreadsheet (issue 12, part 4): upload the file,
read the check of every row (created, updated, unchanged or refused, with reasons by row and
column), then confirm. Nothing is written until the person confirms. Mounted twice: in the
regional register (/regional/leaders/import/) and the coordinator's leaders pages
(/home/leaders/import/)."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from domain.leaders.cadre_import.columns import EXAMPLE, HEADINGS
from domain.leaders.cadre_import.uploads import (
    MAX_BYTES,
    UploadChanged,
    cadre_upload_check,
    cadre_upload_confirm,
    cadre_upload_for,
    can_import_leaders,
    can_use_cadre_upload,
)
from domain.leaders.cadre_import.writing import CadreImportRefused
from domain.leaders.policies import can_view_register
from web.common.policy import policy
from web.common.spreadsheets import spreadsheet_response

EXTENSIONS = (".csv", ".xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        required=True,
        error_messages={"required": "Select a spreadsheet of existing leaders", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("The selected file must be a CSV or XLSX spreadsheet")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        return upload


class ConfirmForm(forms.Form):
    hold = forms.BooleanField(required=False)


def _where(request) -> dict:
    """The pages' names and the list to go back to, by where the import was reached from."""
    namespace = request.resolver_match.namespace
    back = reverse(f"{namespace}:leaders")
    return {
        "namespace": namespace,
        "back_url": back,
        "back_text": "Go back to the register of system leaders"
        if namespace == "register"
        else "Go back to your system leaders",
    }


def _upload_page(request, form, status=200):
    return render(
        request,
        "leaders/cadre_import_upload.html",
        {
            "page_title": "Import existing leaders",
            "form": form,
            "max_mb": MAX_BYTES // (1024 * 1024),
            **_where(request),
        },
        status=status,
    )


def _upload(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["file"]
        upload = cadre_upload_check(actor=request.user, data=chosen.read(), filename=chosen.name)
        return redirect(f"{_where(request)['namespace']}:import-check", upload_id=upload.pk)
    return _upload_page(request, form, status=400 if form.errors else 200)


def _template(request, fmt):
    return spreadsheet_response(
        fmt=fmt, filename="existing-leaders-template", headings=HEADINGS, rows=[EXAMPLE], sheet_title="Existing leaders"
    )


def _check(request, upload_id):
    upload = cadre_upload_for(request.user, upload_id)
    if not can_use_cadre_upload(request.user, upload):
        raise Http404
    form = ConfirmForm(request.POST) if request.method == "POST" else ConfirmForm()
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            report = cadre_upload_confirm(actor=request.user, upload=upload, hold_invitations=form.cleaned_data["hold"])
        except (CadreImportRefused, UploadChanged) as refusal:
            error = (
                "The register changed since the file was checked: the rows below are now refused. Nothing was imported."
                if isinstance(refusal, CadreImportRefused)
                else str(refusal)
            )
        else:
            counts = report.counts
            held = (
                " Their invitations are held: send them from each person's page." if form.cleaned_data["hold"] else ""
            )
            messages.success(
                request,
                f"Existing leaders imported: {counts['created']:,} created, {counts['updated']:,} updated, "
                f"{counts['unchanged']:,} unchanged.{held}",
            )
            return redirect(_where(request)["back_url"])
    checked = upload.checked or {}
    rows = checked.get("rows", [])
    return render(
        request,
        "leaders/cadre_import_check.html",
        {
            "page_title": "Check the leaders to import",
            "upload": upload,
            "imported": upload.imported_at is not None,
            "ok": checked.get("ok", False),
            "counts": checked.get("counts", {}),
            "problems": checked.get("problems", []),
            "refused": [r for r in rows if r["outcome"] == "refused"],
            "rows": [r for r in rows if r["outcome"] != "refused"],
            "error": error,
            "form": form,
            "checked_on": timezone.localtime(upload.created_at),
            **_where(request),
        },
        status=409 if error else 200,
    )


# The regional register's pages (regional representatives) ------------------------------------


@policy(can_view_register)
def register_upload(request):
    return _upload(request)


@policy(can_view_register)
def register_template(request, fmt):
    return _template(request, fmt)


@policy(can_view_register)
def register_check(request, upload_id):
    return _check(request, upload_id)


# The coordinator's leaders pages (coordinators; representatives too) ---------------------------


@policy(can_import_leaders)
def alliance_upload(request):
    return _upload(request)


@policy(can_import_leaders)
def alliance_template(request, fmt):
    return _template(request, fmt)


@policy(can_import_leaders)
def alliance_check(request, upload_id):
    return _check(request, upload_id)
