"""The regional representative's pages for the region's criteria sets, assessment grids and
application forms (issue 14): every version with its status, one version in plain words, a new
draft from a version, the draft's wording box by box (and a set's or grid's whole document), the
regional board's agreement and putting a version in force. Another
region's version answers 404, as if it did not exist."""

import json

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from domain.designation import criteria_services as services
from domain.designation.criteria_models import CriteriaKind, CriteriaStatus
from domain.designation.criteria_policies import can_manage_criteria, can_manage_criteria_version
from domain.designation.criteria_selectors import ROLE_WORDS, criteria_in_words, criteria_versions_for, versions_of
from domain.designation.criteria_wording import wording_parts
from domain.designation.models import DesignationRole
from web.common.policy import policy

from .criteria_forms import AgreementForm, ConfirmForm, DocumentForm, WordingForm

LIST_TITLE = "Criteria, assessment grids and application forms"
# What putting a version in force changes, by kind: an application form is taken by the rounds
# made from now (a round keeps the form it was made on); a set or grid judges the applications.
IN_FORCE_DONE = {
    CriteriaKind.FORM: "new rounds take it, and rounds already made keep their form",
}


def _version_for(request, version_id):
    version = get_object_or_404(criteria_versions_for(request.user), pk=version_id)
    if not can_manage_criteria_version(request.user, version):
        raise Http404
    return version


def role_words(role: str) -> str:
    return ROLE_WORDS.get(role) or DesignationRole(role).label


@policy(can_manage_criteria)
def criteria_list(request):
    versions = list(criteria_versions_for(request.user))
    kinds = [
        {"title": title, "versions": [v for v in versions if v.kind == kind]}
        for kind, title in (
            ("set", "Eligibility criteria"),
            ("grid", "Assessment grids"),
            ("form", "Application forms"),
        )
    ]
    return render(request, "regional/criteria/list.html", {"page_title": LIST_TITLE, "kinds": kinds})


@policy(can_manage_criteria)
def criteria_version(request, version_id):
    version = _version_for(request, version_id)
    return render(
        request,
        "regional/criteria/version.html",
        {
            "page_title": f"{version.title}, version {version.version}",
            "version": version,
            "role": role_words(version.role),
            "words": criteria_in_words(version),
            "others": [v for v in versions_of(version) if v.pk != version.pk],
            "statuses": CriteriaStatus,
        },
    )


def _step(request, version, form, template, title, run, done, **context):
    """A page with one form whose POST runs one service; refusals show on the page."""
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except services.CriteriaRefused as refusal:
            form.add_error("document" if "document" in form.fields else None, str(refusal))
        else:
            messages.success(request, done)
            return redirect("regional:criteria-version", version_id=result.pk)
    return render(
        request,
        template,
        {"page_title": title, "version": version, "form": form, **context},
    )


@policy(can_manage_criteria)
def criteria_draft(request, version_id):
    version = _version_for(request, version_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    return _step(
        request,
        version,
        form,
        "regional/criteria/draft.html",
        f"Start a new draft of {version.title}",
        lambda data: services.criteria_draft_start(actor=request.user, source=version),
        "A new draft has been started: change it, then record the board's agreement",
    )


@policy(can_manage_criteria)
def criteria_edit(request, version_id):
    """The draft's wording and the numbers its checks use, each in its own box."""
    version = _version_for(request, version_id)
    if version.status != CriteriaStatus.DRAFT:
        return redirect("regional:criteria-version", version_id=version.pk)
    form = WordingForm(
        wording_parts(version.kind, version.document), request.POST if request.method == "POST" else None
    )
    return _step(
        request,
        version,
        form,
        "regional/criteria/wording.html",
        f"Change the draft of {version.title}",
        lambda data: services.criteria_draft_reword(actor=request.user, draft=version, values=form.values()),
        "The draft has been saved",
    )


@policy(can_manage_criteria)
def criteria_document(request, version_id):
    """The draft's whole document, to add or remove criteria."""
    version = _version_for(request, version_id)
    # A form's whole document carries its keys and the criteria it answers: it is changed box by box.
    if version.status != CriteriaStatus.DRAFT or version.kind == CriteriaKind.FORM:
        return redirect("regional:criteria-version", version_id=version.pk)
    initial = {"document": json.dumps(services.editable_document(version.document), indent=2, ensure_ascii=False)}
    form = DocumentForm(request.POST if request.method == "POST" else None, initial=initial)
    return _step(
        request,
        version,
        form,
        "regional/criteria/edit.html",
        f"Add or remove criteria in the draft of {version.title}",
        lambda data: services.criteria_draft_update(actor=request.user, draft=version, text=data["document"]),
        "The draft has been saved",
    )


@policy(can_manage_criteria)
def criteria_agree(request, version_id):
    version = _version_for(request, version_id)
    if version.status != CriteriaStatus.DRAFT:  # its page offers what can be done now
        return redirect("regional:criteria-version", version_id=version.pk)
    form = AgreementForm(request.POST if request.method == "POST" else None)
    return _step(
        request,
        version,
        form,
        "regional/criteria/agree.html",
        "Record the regional board's agreement",
        lambda data: services.criteria_agree(
            actor=request.user, version=version, agreed_by=data["agreed_by"], agreed_on=data["agreed_on"]
        ),
        "The board's agreement has been recorded: put the version in force when it applies",
    )


@policy(can_manage_criteria)
def criteria_in_force(request, version_id):
    version = _version_for(request, version_id)
    if version.status != CriteriaStatus.AGREED:
        return redirect("regional:criteria-version", version_id=version.pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    return _step(
        request,
        version,
        form,
        "regional/criteria/in_force.html",
        f"Put version {version.version} of {version.title} in force",
        lambda data: services.criteria_put_in_force(actor=request.user, version=version),
        f"Version {version.version} is in force: "
        + IN_FORCE_DONE.get(version.kind, "applications submitted from now are judged by it"),
    )


urlpatterns = [
    path("criteria/", criteria_list, name="criteria"),
    path("criteria/<id:version_id>/", criteria_version, name="criteria-version"),
    path("criteria/<id:version_id>/new-draft/", criteria_draft, name="criteria-draft"),
    path("criteria/<id:version_id>/change/", criteria_edit, name="criteria-edit"),
    path("criteria/<id:version_id>/document/", criteria_document, name="criteria-document"),
    path("criteria/<id:version_id>/agree/", criteria_agree, name="criteria-agree"),
    path("criteria/<id:version_id>/put-in-force/", criteria_in_force, name="criteria-in-force"),
]
