"""Deployments (issue 6): the list of the person's deployments, each deployment's page, and the
alliance's steps on the whole deployment (ending it early, naming its quality lead).

A deployment another organisation's people may not see answers 404, as if it did not exist
(selectors.deployment_for); a step on one they may see but which is not theirs to take answers 403.
Each part of the page (contract, visits, concerns, reviews, feedback, invoices, impact) comes
from its own module's `section()`."""

import importlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.selectors import coordinators_of
from domain.deployments import services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Party
from domain.deployments.policies import (
    can_manage_deployment,
    can_use_deployments,
    is_open,
    parties_of,
)
from domain.deployments.selectors import deployment_for, deployments_for
from domain.deployments.workflows import DeploymentStatus
from domain.leaders.models.availability import days_text
from web.common.fields import reason_field
from web.common.policy import policy

PER_PAGE = 25
# Each part of the deployment's page, from its own module (imported when the page is drawn, as
# those modules use this one's look-ups).
SECTIONS = ("contract", "visit", "concern", "review", "feedback", "invoice", "impact")
SECTION_KEYS = {"visit": "visits", "concern": "concerns", "review": "reviews", "invoice": "invoices"}


TAG_CLASSES = {
    DeploymentStatus.CONTRACTING: "govuk-tag--blue",
    DeploymentStatus.ACTIVE: "govuk-tag--green",
    DeploymentStatus.COMPLETED: "govuk-tag--grey",
    DeploymentStatus.ENDED: "govuk-tag--red",
}

PARTY_WORDS = {
    Party.LEADER: "the system leader",
    Party.CLIENT: "the client school",
    Party.ALLIANCE: "the brokering alliance",
    Party.COMMISSIONER: "the commissioner",
}


def tag_of(deployment) -> dict:
    return {"text": deployment.get_status_display(), "classes": TAG_CLASSES.get(deployment.status, "")}


def deployment_or_404(request, deployment_id):
    """The deployment if the person may see it; 404 otherwise (another organisation's record)."""
    deployment = deployment_for(request.user, deployment_id)
    if deployment is None:
        raise Http404("No such deployment, or not one you can see")
    return deployment


def manageable_or_403(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    if not can_manage_deployment(request.user, deployment):
        raise PermissionDenied
    return deployment


@policy(can_use_deployments)
def deployment_list(request):
    page = Paginator(deployments_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "deployment": d,
            "yours": d.leader_id == request.user.pk,
            "days": days_text(d.allowed_days),
            "tag": tag_of(d),
        }
        for d in page.object_list
    ]
    return render(request, "deployments/list.html", {"page_title": "Deployments", "page": page, "rows": rows})


@policy(can_use_deployments)
def deployment_detail(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    context = {
        "page_title": f"Deployment: {deployment.client_school.display_name}",
        "deployment": deployment,
        "tag": tag_of(deployment),
        "sides": sorted(PARTY_WORDS[p] for p in parties_of(request.user, deployment)),
        "can_manage": can_manage_deployment(request.user, deployment),
        "is_open": is_open(deployment),
        "days": days_text(deployment.days),
        "extra_days": days_text(deployment.extra_days),
    }
    for name in SECTIONS:
        module = importlib.import_module(f"web.deployments.{name}_views")
        context[SECTION_KEYS.get(name, name)] = module.section(request, deployment)
    return render(request, "deployments/detail.html", context)


class EndForm(forms.Form):
    reason = reason_field("Enter why the deployment is ending early")


@policy(can_use_deployments)
def deployment_end(request, deployment_id):
    deployment = manageable_or_403(request, deployment_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.deployment_end_early(actor=request.user, deployment=deployment, reason=form.cleaned_data["reason"])
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The deployment has ended. Everyone involved has been told.")
            return redirect("deployments:detail", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/end.html",
        {"page_title": "End the deployment early", "deployment": deployment, "form": form},
    )


class QualityLeadForm(forms.Form):
    person = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select a coordinator of the alliance, or nobody"},
    )

    def __init__(self, *args, coordinators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.coordinators = {c.pk: c for c in coordinators}
        self.fields["person"].choices = [
            ("", "Nobody: tell every coordinator"),
            *((c.pk, c.full_name) for c in coordinators),
        ]


@policy(can_use_deployments)
def deployment_quality_lead(request, deployment_id):
    deployment = manageable_or_403(request, deployment_id)
    coordinators = coordinators_of(deployment.organisation)
    form = QualityLeadForm(
        request.POST or None, coordinators=coordinators, initial={"person": deployment.quality_lead_id or ""}
    )
    if request.method == "POST" and form.is_valid():
        person = form.coordinators.get(form.cleaned_data["person"])
        try:
            services.deployment_set_quality_lead(actor=request.user, deployment=deployment, person=person)
        except DeploymentRefused as refusal:
            form.add_error("person", str(refusal))
        else:
            messages.success(
                request,
                f"{person.full_name} is the quality lead" if person else "Every coordinator is told of concerns",
            )
            return redirect("deployments:detail", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/quality_lead.html",
        {"page_title": "Choose the quality lead", "deployment": deployment, "form": form},
    )
