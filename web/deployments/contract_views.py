"""Deployment pages: the contract and action plan (issue 6, part 1; seed 002 "Contracting and
Quality Assurance": "objectives and impact measures will be agreed ... An LLE contract will be
drawn up by the teaching school and agree with all parties involved").

Every party reads the contract (the version waiting for agreement, else the one in force) and
agrees the version it read; the brokering alliance drafts, sends, changes and withdraws versions.
A deployment the person may not see answers 404 (views.deployment_or_404); the alliance's steps
answer 403 to the other parties. Pages that only make sense for a draft send the alliance back to
the contract page when there is no draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from domain.deployments import contract_services as services
from domain.deployments.contract_selectors import (
    agreed_version,
    can_read_version,
    draft_version,
    measure_of,
    open_version,
    parties_still_to_agree,
    party_lines,
    version_for,
    version_numbered,
    versions_of,
)
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Party, Payer
from domain.deployments.policies import can_manage_deployment, can_use_deployments, is_open
from domain.deployments.workflows import ContractStatus
from domain.leaders.models.availability import days_text, days_words
from web.common.downloads import audited_download
from web.common.policy import policy

from . import views
from .contract_forms import AgreeForm, ChangeForm, ConfirmForm, MeasureForm, TermsForm, WithdrawForm
from .contract_pdf import pdf_of

C = ContractStatus

TAG_CLASSES = {
    C.DRAFT: "govuk-tag--grey",
    C.PROPOSED: "govuk-tag--blue",
    C.AGREED: "govuk-tag--green",
    C.SUPERSEDED: "govuk-tag--grey",
    C.WITHDRAWN: "govuk-tag--red",
}


def money(value) -> str:
    """Pounds as GOV.UK writes them: "£1,234.50"."""
    return f"£{value:,.2f}"


def tag_of(version) -> dict:
    return {"text": version.get_status_display(), "classes": TAG_CLASSES.get(version.status, "")}


def _posted(request):
    """The posted data, or None for a GET (a confirmation posts no fields but is still bound)."""
    return request.POST if request.method == "POST" else None


def _to_contract(deployment):
    return redirect("deployments:contract", deployment_id=deployment.pk)


def terms_rows(version) -> list[dict]:
    """The version's terms as summary-list rows (the page and the PDF)."""
    free = version.payer == Payer.NOBODY
    rows = [
        ("Days", days_words(version.days)),
        ("Dates", f"{_date(version.starts_on)} to {_date(version.ends_on)}"),
        ("Who pays", version.get_payer_display() if free else f"{version.payer_name} ({version.get_payer_display()})"),
    ]
    if not free:
        rows += [
            ("Day rate", money(version.day_rate)),
            ("Paid to the leader's school a day", money(version.leader_school_rate)),
            ("Brokerage fee a day", money(version.day_rate - version.leader_school_rate)),
            ("Total for the agreed days", money(version.day_rate * version.days)),
        ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def _date(value) -> str:
    from web.common.formatting import govuk_date

    return govuk_date(value)


def _sent_status(version) -> str:
    if version.status == C.PROPOSED:
        return f"Version {version.number} is waiting for agreement"
    if version.status == C.AGREED:
        return f"Version {version.number} was agreed by every party on {_date(version.agreed_at)}"
    if version.status == C.DRAFT:
        return f"Version {version.number} is a draft: the parties have not seen it"
    return f"Version {version.number}: {version.get_status_display().lower()}"


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html."""
    versions = versions_of(deployment)
    version = version_for(request.user, deployment, versions)
    can_manage = can_manage_deployment(request.user, deployment)
    agreed = agreed_version(versions)
    draft = draft_version(versions)
    still = parties_still_to_agree(version)
    return {
        "version": version,
        "status": _sent_status(version) if version else "The brokering alliance is drawing up the contract",
        "tag": tag_of(version) if version else None,
        "agreed": agreed,
        "still_to_agree": [Party(p).label for p in still],
        "to_agree": services.parties_to_agree_as(request.user, version) if version else [],
        "can_manage": can_manage and is_open(deployment),
        "draft": draft,
        "can_change": can_manage and is_open(deployment) and open_version(versions) is None and bool(versions),
        "can_withdraw": can_manage and is_open(deployment) and open_version(versions) is not None,
        "pdf": version is not None and version.proposed_at is not None,
    }


def _page_context(request, deployment, versions, version, agree_forms=None) -> dict:
    to_agree = services.parties_to_agree_as(request.user, version)
    if agree_forms is None:
        agree_forms = {}
    forms = [
        (
            party,
            Party(party).label,
            agree_forms.get(party)
            or AgreeForm(initial={"digest": version.digest}, number=version.number, prefix=party),
        )
        for party in to_agree
    ]
    can_manage = can_manage_deployment(request.user, deployment) and is_open(deployment)
    return {
        "deployment": deployment,
        "versions": versions,
        "version": version,
        "tag": tag_of(version),
        "terms": terms_rows(version),
        "measures": list(version.measures.all()),
        "parties": party_lines(version) if version.proposed_at else [],
        "still_to_agree": [Party(p).label for p in parties_still_to_agree(version)],
        "agree_forms": forms,
        "form": next((form for _, _, form in forms if form.is_bound and form.errors), None),
        "can_manage": can_manage,
        "is_draft": version.status == C.DRAFT,
        "is_open_version": version.status in (C.DRAFT, C.PROPOSED),
        "can_change": can_manage and open_version(versions) is None,
        "pdf": version.proposed_at is not None,
        "money": money,
    }


def _render_version(request, deployment, versions, version, agree_forms=None, status=200):
    services.contract_seen(actor=request.user, contract=version)
    context = _page_context(request, deployment, versions, version, agree_forms)
    context["page_title"] = f"Contract and action plan, version {version.number}"
    return render(request, "deployments/contract/version.html", context, status=status)


@policy(can_use_deployments)
def contract_page(request, deployment_id):
    """The version the person should read, recording that a party has seen it."""
    deployment = views.deployment_or_404(request, deployment_id)
    versions = versions_of(deployment)
    version = version_for(request.user, deployment, versions)
    if version is None:
        return render(
            request,
            "deployments/contract/none.html",
            {"page_title": "Contract and action plan", "deployment": deployment},
        )
    return _render_version(request, deployment, versions, version)


def _readable_version(request, deployment, number):
    versions = versions_of(deployment)
    version = version_numbered(versions, number)
    if not can_read_version(request.user, deployment, version):
        raise Http404("No such version of the contract, or not one you can read")
    return versions, version


@policy(can_use_deployments)
def contract_version(request, deployment_id, number):
    deployment = views.deployment_or_404(request, deployment_id)
    versions, version = _readable_version(request, deployment, number)
    return _render_version(request, deployment, versions, version)


@policy(can_use_deployments)
def contract_agree(request, deployment_id, number):
    """A party agrees the version it read (the form on the version's page). GET: to that page."""
    deployment = views.deployment_or_404(request, deployment_id)
    versions, version = _readable_version(request, deployment, number)
    if request.method != "POST":
        return redirect("deployments:contract-version", deployment_id=deployment.pk, number=version.number)
    party = request.POST.get("party", "")
    if party not in Party.values or not services.speaks_for(request.user, deployment, party):
        raise PermissionDenied
    form = AgreeForm(request.POST, number=version.number, prefix=party)
    if form.is_valid():
        try:
            services.contract_agree(
                actor=request.user, contract=version, party=party, digest=form.cleaned_data["digest"]
            )
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"You have agreed version {version.number} of the contract")
            return redirect("deployments:contract-version", deployment_id=deployment.pk, number=version.number)
    return _render_version(request, deployment, versions, version, agree_forms={party: form})


@policy(can_use_deployments)
def contract_pdf(request, deployment_id, number):
    """A sent version (waiting for agreement, agreed or replaced) as a PDF to keep."""
    deployment = views.deployment_or_404(request, deployment_id)
    versions, version = _readable_version(request, deployment, number)
    if version.proposed_at is None:
        raise Http404("A draft has no PDF")
    response = HttpResponse(pdf_of(deployment, version), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="contract-{deployment.reference}-v{version.number}.pdf"'
    return audited_download(request, "Contract", response, rows=1, subject=deployment)


# The alliance's pages ---------------------------------------------------------------------------


def _draft_or_redirect(request, deployment):
    """The draft to edit, or None (the caller sends the person to the contract page)."""
    draft = draft_version(versions_of(deployment)) if is_open(deployment) else None
    if draft is None:
        messages.info(request, "There is no draft of the contract to change. Make a new version to change it.")
    return draft


def _form_page(request, template, title, deployment, form, **extra):
    return render(request, template, {"page_title": title, "deployment": deployment, "form": form, **extra})


@policy(can_use_deployments)
def contract_terms(request, deployment_id):
    deployment = views.manageable_or_403(request, deployment_id)
    draft = _draft_or_redirect(request, deployment)
    if draft is None:
        return _to_contract(deployment)
    initial = {name: getattr(draft, name) for name in services.TERMS}
    initial["days"] = days_text(draft.days)  # "3", not "3.0"
    form = TermsForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_update_terms(actor=request.user, contract=draft, values=form.cleaned_data)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The terms of version {draft.number} are saved")
            return _to_contract(deployment)
    return _form_page(
        request, "deployments/contract/terms.html", "Change the terms of the contract", deployment, form, draft=draft
    )


@policy(can_use_deployments)
def contract_measure_add(request, deployment_id):
    deployment = views.manageable_or_403(request, deployment_id)
    draft = _draft_or_redirect(request, deployment)
    if draft is None:
        return _to_contract(deployment)
    form = MeasureForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_add(actor=request.user, contract=draft, values=form.cleaned_data)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The objective and its impact measure are added")
            return _to_contract(deployment)
    return _form_page(
        request, "deployments/contract/measure.html", "Add an objective and impact measure", deployment, form
    )


def _measure_or_404(deployment, measure_id):
    measure = measure_of(deployment, measure_id)
    if measure is None:
        raise Http404("No such impact measure")
    return measure


@policy(can_use_deployments)
def contract_measure_change(request, deployment_id, measure_id):
    deployment = views.manageable_or_403(request, deployment_id)
    measure = _measure_or_404(deployment, measure_id)
    if measure.contract.status != C.DRAFT or not is_open(deployment):
        messages.info(request, "Only a draft's impact measures can change. Make a new version to change them.")
        return _to_contract(deployment)
    initial = {name: getattr(measure, name) for name in services.MEASURE_FIELDS}
    form = MeasureForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_change(actor=request.user, measure=measure, values=form.cleaned_data)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The objective and its impact measure are saved")
            return _to_contract(deployment)
    return _form_page(
        request, "deployments/contract/measure.html", "Change an objective and impact measure", deployment, form
    )


@policy(can_use_deployments)
def contract_measure_remove(request, deployment_id, measure_id):
    deployment = views.manageable_or_403(request, deployment_id)
    measure = _measure_or_404(deployment, measure_id)
    if measure.contract.status != C.DRAFT or not is_open(deployment):
        messages.info(request, "Only a draft's impact measures can be removed. Make a new version to change them.")
        return _to_contract(deployment)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_remove(actor=request.user, measure=measure)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The objective and its impact measure are removed")
            return _to_contract(deployment)
    return _form_page(
        request,
        "deployments/contract/measure_remove.html",
        "Remove this objective and impact measure?",
        deployment,
        form,
        measure=measure,
    )


@policy(can_use_deployments)
def contract_propose(request, deployment_id):
    """Check the draft's answers, then send it to the parties."""
    deployment = views.manageable_or_403(request, deployment_id)
    draft = _draft_or_redirect(request, deployment)
    if draft is None:
        return _to_contract(deployment)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_propose(actor=request.user, contract=draft)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Version {draft.number} of the contract has been sent to every party to agree")
            return _to_contract(deployment)
    return _form_page(
        request,
        "deployments/contract/propose.html",
        "Check the contract before you send it",
        deployment,
        form,
        version=draft,
        terms=terms_rows(draft),
        measures=list(draft.measures.all()),
        parties=[Party(p).label for p in services.parties_for(deployment)],
    )


@policy(can_use_deployments)
def contract_change(request, deployment_id):
    """A new version to change the agreed contract (or to redraft a withdrawn one)."""
    deployment = views.manageable_or_403(request, deployment_id)
    versions = versions_of(deployment)
    current = open_version(versions)
    if current is not None or not is_open(deployment):
        if current is not None:
            messages.info(request, f"Version {current.number} is already being drafted or agreed")
        return _to_contract(deployment)
    form = ChangeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.contract_change(
                actor=request.user, deployment=deployment, summary=form.cleaned_data["summary"]
            )
        except DeploymentRefused as refusal:
            form.add_error("summary", str(refusal))
        else:
            messages.success(request, f"Version {draft.number} is a draft. Change it, then send it to be agreed.")
            return _to_contract(deployment)
    return _form_page(
        request,
        "deployments/contract/change.html",
        "Change the contract",
        deployment,
        form,
        agreed=agreed_version(versions),
    )


@policy(can_use_deployments)
def contract_withdraw(request, deployment_id):
    deployment = views.manageable_or_403(request, deployment_id)
    current = open_version(versions_of(deployment))
    if current is None or not is_open(deployment):
        messages.info(request, "There is no version being drafted or agreed to withdraw")
        return _to_contract(deployment)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.contract_withdraw(actor=request.user, contract=current, reason=form.cleaned_data["reason"])
        except DeploymentRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, f"Version {current.number} is withdrawn")
            return _to_contract(deployment)
    return _form_page(
        request,
        "deployments/contract/withdraw.html",
        f"Withdraw version {current.number} of the contract",
        deployment,
        form,
        version=current,
    )
