"""The admin for the regional body: its organisations and the people in them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts import services as accounts
from domain.accounts.models import Membership
from domain.accounts.policies import can_use_regional_admin
from domain.accounts.workflows import MEMBERSHIP
from domain.organisations.policies import can_manage_organisation
from domain.organisations.selectors import kinds_in_use, memberships_of, organisation_list, organisations_for
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .forms import InviteForm, OrganisationFilterForm, ReasonForm


def _organisation_for(request, organisation_id):
    """Another region's organisation answers 404, as if it did not exist."""
    organisation = get_object_or_404(
        organisations_for(request.user).select_related("region", "lead_school"), pk=organisation_id
    )
    if not can_manage_organisation(request.user, organisation):
        raise Http404
    return organisation


@policy(can_use_regional_admin)
def home(request):
    return redirect("regional:organisations")


@policy(can_use_regional_admin)
def organisations(request):
    form = OrganisationFilterForm(request.GET or None, kinds=kinds_in_use(request.user))
    q, kind = "", ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    page = Paginator(organisation_list(user=request.user, kind=kind, q=q), 25).get_page(request.GET.get("page"))
    return render(request, "regional/organisations.html", {"page_title": "Organisations", "form": form, "page": page})


@policy(can_use_regional_admin)
def organisation(request, organisation_id):
    organisation = _organisation_for(request, organisation_id)
    memberships = memberships_of(organisation)
    for membership in memberships:
        membership.events = MEMBERSHIP.allowed_events(membership.status)
    return render(
        request,
        "regional/organisation.html",
        {"page_title": organisation.name, "organisation": organisation, "memberships": memberships},
    )


@policy(can_use_regional_admin)
def person_add(request, organisation_id):
    organisation = _organisation_for(request, organisation_id)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.membership_invite(actor=request.user, organisation=organisation, **form.cleaned_data)
        except accounts.AlreadyHasRole as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(request, f"{form.cleaned_data['full_name']} has been added and told by email")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/person_add.html",
        {"page_title": f"Add a person to {organisation.name}", "form": form, "organisation": organisation},
    )


@policy(can_use_regional_admin)
def membership_change(request, membership_id, event):
    membership = get_object_or_404(Membership.objects.select_related("user", "organisation"), pk=membership_id)
    organisation = _organisation_for(request, membership.organisation_id)
    try:
        step = MEMBERSHIP.get(event)
    except TransitionRefused:
        raise Http404 from None
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.membership_change(
                actor=request.user, membership=membership, event=event, reason=form.cleaned_data["reason"]
            )
        except TransitionRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, f"{step.label} of {membership.user.full_name}: done")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/membership_change.html",
        {
            "page_title": f"{step.label}: {membership.user.full_name}",
            "form": form,
            "membership": membership,
            "step": step,
            "organisation": organisation,
        },
    )
