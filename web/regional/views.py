"""The admin for the regional body: its organisations and the people in them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts import invitations
from domain.accounts import services as accounts
from domain.accounts.invitation_policies import can_reset_two_factor, roles_for
from domain.accounts.models import Membership
from domain.accounts.people_selectors import has_authenticator, person_in_region_of, person_roles_in_region
from domain.accounts.policies import can_use_regional_admin
from domain.accounts.workflows import MEMBERSHIP
from domain.organisations.policies import can_manage_organisation
from domain.organisations.selectors import kinds_in_use, memberships_of, organisation_list, organisations_for
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .forms import InviteForm, OrganisationFilterForm, ReasonForm, TwoFactorResetForm


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
    """Add a person: they are invited by email into the role (domain/accounts/invitations.py)."""
    organisation = _organisation_for(request, organisation_id)
    form = InviteForm(request.POST if request.method == "POST" else None, roles=roles_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitations.invite(actor=request.user, organisation=organisation, **form.cleaned_data)
        except invitations.AlreadyHasRole as refusal:
            form.add_error("email", str(refusal))
        except invitations.InvitationRefused as refusal:
            form.add_error("role", str(refusal))
        else:
            if invitation.had_account:
                messages.success(request, f"{invitation.full_name} has been added and told by email")
            else:
                messages.success(request, f"{invitation.full_name} has been added and sent an invitation by email")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/person_add.html",
        {
            "page_title": f"Add a person to {organisation.name}",
            "form": form,
            "organisation": organisation,
            "link_days": invitations.link_days(),
        },
    )


def _person_for(request, person_id):
    """Someone with no role in the representative's region answers 404."""
    person = person_in_region_of(request.user, person_id)
    if person is None:
        raise Http404
    return person


@policy(can_use_regional_admin)
def person(request, person_id):
    person = _person_for(request, person_id)
    return render(
        request,
        "regional/person.html",
        {
            "page_title": person.full_name,
            "person": person,
            "memberships": person_roles_in_region(request.user, person),
            "has_authenticator": has_authenticator(person),
            "may_reset": can_reset_two_factor(request.user, person),
        },
    )


@policy(can_use_regional_admin)
def two_factor_reset(request, person_id):
    """A lost phone: delete the person's authenticator app and sign them out everywhere (ADR 7)."""
    person = _person_for(request, person_id)
    if not can_reset_two_factor(request.user, person):
        raise Http404
    form = TwoFactorResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.two_factor_reset(actor=request.user, user=person, reason=form.cleaned_data["reason"])
        except accounts.TwoFactorResetRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(
                request,
                f"{person.full_name}'s second factor has been reset and they have been signed out everywhere. "
                "We have emailed them.",
            )
            return redirect("regional:person", person_id=person.pk)
    return render(
        request,
        "regional/two_factor_reset.html",
        {
            "page_title": f"Reset {person.full_name}'s second factor",
            "form": form,
            "person": person,
            "has_authenticator": has_authenticator(person),
        },
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
