"""Deployment pages: causes for concern (issue 6, part 3). A concern is private to the person who
raised it, the brokering alliance (its coordinators, its quality lead, its region's
representatives) and, once escalated, the commissioner: to everyone else its page answers 404 and
the deployment's page does not mention it (domain.deployments.concern_selectors)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from domain.deployments import concern_services
from domain.deployments.concern_selectors import concern_for, concerns_for
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import ConcernSeverity
from domain.deployments.policies import (
    can_manage_deployment,
    can_raise_concern,
    can_see_concern,
    can_use_deployments,
    is_open,
)
from domain.deployments.workflows import ConcernStatus
from web.common.policy import policy

from .concern_forms import EscalateForm, RaiseForm, ResolveForm, severity_options
from .views import PARTY_WORDS, deployment_or_404

SEVERITY_TAGS = {
    ConcernSeverity.LOW: "govuk-tag--grey",
    ConcernSeverity.MEDIUM: "govuk-tag--yellow",
    ConcernSeverity.HIGH: "govuk-tag--red",
}
STATUS_TAGS = {
    ConcernStatus.OPEN: "govuk-tag--blue",
    ConcernStatus.ESCALATED: "govuk-tag--orange",
    ConcernStatus.RESOLVED: "govuk-tag--green",
}


def severity_tag(concern) -> dict:
    return {"text": concern.get_severity_display().partition(":")[0], "classes": SEVERITY_TAGS[concern.severity]}


def status_tag(concern) -> dict:
    return {"text": concern.get_status_display(), "classes": STATUS_TAGS[concern.status]}


def section(request, deployment) -> dict:
    """The concerns the person may see, and whether they may raise one."""
    rows = [
        {"concern": c, "severity": severity_tag(c), "status": status_tag(c)}
        for c in concerns_for(request.user, deployment)
    ]
    return {"rows": rows, "can_raise": can_raise_concern(request.user, deployment)}


def concern_or_404(request, deployment_id, concern_id):
    deployment = deployment_or_404(request, deployment_id)
    concern = concern_for(request.user, deployment.pk, concern_id)
    if concern is None or not can_see_concern(request.user, concern):
        raise Http404("No such concern, or not one you can see")
    return concern


def managed_concern_or_403(request, deployment_id, concern_id):
    concern = concern_or_404(request, deployment_id, concern_id)
    if not can_manage_deployment(request.user, concern.deployment):
        raise PermissionDenied
    return concern


@policy(can_use_deployments)
def concern_raise(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    if not can_raise_concern(request.user, deployment):
        raise PermissionDenied
    form = RaiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_services.concern_raise(actor=request.user, deployment=deployment, **form.cleaned_data)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                "Your concern has been raised and escalated: the commissioner and the region's representatives "
                "have been told"
                if concern.escalated_at
                else "Your concern has been raised. The alliance's quality lead has been told.",
            )
            return redirect("deployments:concern-detail", deployment_id=deployment.pk, concern_id=concern.pk)
    return render(
        request,
        "deployments/concern/raise.html",
        {
            "page_title": "Raise a cause for concern",
            "deployment": deployment,
            "form": form,
            "severities": severity_options(),
        },
    )


@policy(can_use_deployments)
def concern_detail(request, deployment_id, concern_id):
    concern = concern_or_404(request, deployment_id, concern_id)
    deployment = concern.deployment
    can_manage = can_manage_deployment(request.user, deployment)
    return render(
        request,
        "deployments/concern/detail.html",
        {
            "page_title": concern.summary,
            "concern": concern,
            "deployment": deployment,
            "raised_as": PARTY_WORDS.get(concern.raised_as, concern.get_raised_as_display()),
            "severity": severity_tag(concern),
            "status": status_tag(concern),
            "can_escalate": can_manage and concern.status == ConcernStatus.OPEN and is_open(deployment),
            "can_resolve": can_manage and concern.status != ConcernStatus.RESOLVED,
        },
    )


def _step_page(request, deployment_id, concern_id, *, form_class, field, service, title, button, done, template):
    concern = managed_concern_or_403(request, deployment_id, concern_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, concern=concern, **{field: form.cleaned_data[field]})
        except DeploymentRefused as refusal:
            form.add_error(field, str(refusal))
        else:
            messages.success(request, done)
            return redirect("deployments:concern-detail", deployment_id=concern.deployment_id, concern_id=concern.pk)
    return render(
        request,
        template,
        {"page_title": title, "concern": concern, "deployment": concern.deployment, "form": form, "button": button},
    )


@policy(can_use_deployments)
def concern_escalate(request, deployment_id, concern_id):
    return _step_page(
        request,
        deployment_id,
        concern_id,
        form_class=EscalateForm,
        field="reason",
        service=concern_services.concern_escalate,
        title="Escalate the concern",
        button="Escalate the concern",
        done="The concern has been escalated. The commissioner and the region's representatives have been told.",
        template="deployments/concern/escalate.html",
    )


@policy(can_use_deployments)
def concern_resolve(request, deployment_id, concern_id):
    return _step_page(
        request,
        deployment_id,
        concern_id,
        form_class=ResolveForm,
        field="resolution",
        service=concern_services.concern_resolve,
        title="Resolve the concern",
        button="Resolve the concern",
        done="The concern has been resolved. The person who raised it has been told.",
        template="deployments/concern/resolve.html",
    )
