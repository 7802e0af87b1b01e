"""A regional representative's pages for a person's rights under UK GDPR (issue 13, 4b and 4c):
download everything the service holds about them (JSON or a readable web page), and erase them.
Only a representative of the person's region reaches these pages; for anyone else the person is
not found."""

import json

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from domain.accounts.people_selectors import person_in_region_of
from domain.accounts.policies import can_use_regional_admin
from domain.audit.erasure import ErasureRefused, erasure_plan, person_erase
from domain.audit.privacy_policies import can_erase_person, can_export_personal_data, person_for_privacy
from domain.audit.subject_access import FORMATS, SECTIONS, subject_access_export, subject_access_record
from web.common.policy import policy


class DownloadForm(forms.Form):
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS])


class ErasureForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why you are erasing this person's data"},
    )


def _person(request, person_id, check):
    person = person_for_privacy(request.user, person_id)
    if person is None or not check(request.user, person):
        raise Http404
    return person


def _back(request, person) -> str:
    """The person's page when it shows them (they have a role in the region); else this page."""
    if person_in_region_of(request.user, person.pk) is not None:
        return reverse("regional:person", kwargs={"person_id": person.pk})
    return reverse("regional:personal-data", kwargs={"person_id": person.pk})


def _download(request, person, fmt: str) -> HttpResponse:
    export = subject_access_export(person)
    subject_access_record(actor=request.user, person=person, format=fmt)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        body = json.dumps(export, indent=2, ensure_ascii=False)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = render_to_string(
            "regional/privacy_export.html",
            {"person": person, "export": export, "made_on": timezone.localdate()},
            request=request,
        )
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="personal-data-{person.pk}-{stamp}.{fmt}"'
    return response


@policy(can_use_regional_admin)
def personal_data(request, person_id):
    """The page about a person's data, with its two downloads (POST: each is on the record)."""
    person = _person(request, person_id, can_export_personal_data)
    form = DownloadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return _download(request, person, form.cleaned_data["format"])
    return render(
        request,
        "regional/privacy_data.html",
        {
            "page_title": f"Everything we hold about {person.full_name}",
            "person": person,
            "sections": [s.title for s in SECTIONS],
            "back": _back(request, person),
            "may_erase": can_erase_person(request.user, person),
        },
    )


@policy(can_use_regional_admin)
def erase(request, person_id):
    """Check what erasure removes and keeps (or why it is refused), then confirm with a reason."""
    person = _person(request, person_id, can_erase_person)
    plan = erasure_plan(actor=request.user, person=person)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and plan.allowed and form.is_valid():
        try:
            person_erase(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        except ErasureRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(
                request, f"Their personal data has been erased. They are now “Erased person #{person.pk}”."
            )
            return redirect(_back(request, person))
    return render(
        request,
        "regional/privacy_erase.html",
        {
            "page_title": f"Erase {person.full_name}",
            "person": person,
            "plan": plan,
            "form": form,
            "back": _back(request, person),
        },
    )
