"""Inviting people (issue 12, part 3): a coordinator invites into their alliance or hub and its
member schools, a regional representative into their region's organisations; both see the
invitations they may send again. Accepting is in invitation_views.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from domain.accounts import invitations as service
from domain.accounts.invitation_policies import ROLES_BY_KIND, can_invite_people, roles_for
from domain.accounts.people_selectors import (
    coordinated_organisations,
    invitation_for,
    invitations_for,
    invite_target,
    member_schools,
    schools_to_invite_into,
)
from domain.accounts.rate_limits import rate_limit_hit
from domain.organisations.models import Organisation, OrganisationKind
from web.common.policy import policy

from .people_forms import ChooseWhereForm, InvitePersonForm, SchoolSearchForm

PER_PAGE = 25


def _choices(user) -> list[tuple[str, str]]:
    choices = [(f"organisation/{o.pk}", o.name) for o in coordinated_organisations(user)]
    choices += [(f"school/{s.pk}", f"{s.name} (member school)") for s in member_schools(user)]
    return choices


@policy(can_invite_people)
def invite_where(request):
    """Where to invite the person: your alliance or hub, or one of its member schools."""
    choices = _choices(request.user)
    form = ChooseWhereForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        kind, pk = form.cleaned_data["where"].split("/")
        return redirect("people:invite-to", kind=kind, pk=int(pk))
    return render(
        request,
        "accounts/people/invite_where.html",
        {"page_title": "Invite a person", "form": form, "has_choices": bool(choices)},
    )


@policy(can_invite_people)
def invite_school_search(request):
    """Find a school of the register to invite a contact into, by name, URN or postcode."""
    form = SchoolSearchForm(request.GET or None)
    schools, total = [], 0
    if form.is_valid():
        schools, total = schools_to_invite_into(request.user, form.cleaned_data["q"])
    return render(
        request,
        "accounts/people/invite_school.html",
        {"page_title": "Invite a contact to a school", "form": form, "schools": schools, "total": total},
    )


def _target(request, kind, pk):
    """Another alliance's or region's organisation or school answers 404."""
    target = invite_target(request.user, kind, pk)
    if target is None:
        raise Http404
    if isinstance(target, Organisation):
        return target, target.name, roles_for(target)
    organisation = getattr(target, "organisation", None)
    roles = roles_for(organisation) if organisation else ROLES_BY_KIND[OrganisationKind.SCHOOL]
    return target, target.name, roles


@policy(can_invite_people)
def invite_person(request, kind, pk):
    target, name, roles = _target(request, kind, pk)
    form = InvitePersonForm(request.POST if request.method == "POST" else None, roles=roles)
    if request.method == "POST" and form.is_valid():
        fields = form.cleaned_data
        try:
            if isinstance(target, Organisation):
                invitation = service.invite(actor=request.user, organisation=target, **fields)
            else:
                invitation = service.invite_to_school(actor=request.user, school=target, **fields)
        except service.AlreadyHasRole as refusal:
            form.add_error("email", str(refusal))
        except service.InvitationRefused as refusal:
            form.add_error("role", str(refusal))
        else:
            messages.success(request, _sent_message(invitation))
            return redirect("people:invitations")
    return render(
        request,
        "accounts/people/invite_person.html",
        {"page_title": f"Invite a person to {name}", "form": form, "where": name, "link_days": service.link_days()},
    )


def _sent_message(invitation) -> str:
    if invitation.had_account:
        return f"{invitation.full_name} already has an account: we have emailed them to say they were added"
    return f"Invitation sent to {invitation.full_name} at {invitation.email}"


@policy(can_invite_people)
def invitations(request):
    page = Paginator(invitations_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/people/invitations.html",
        {"page_title": "Invitations", "page": page, "can_choose": bool(_choices(request.user))},
    )


@policy(can_invite_people)
@require_POST
def invitation_send(request, invitation_id):
    invitation = invitation_for(request.user, invitation_id)
    if invitation is None:
        raise Http404
    refused = rate_limit_hit(action="invitation_send_again", keys={"person": str(request.user.pk)}, actor=request.user)
    if refused:
        messages.error(request, refused.message)
        return redirect("people:invitations")
    try:
        invitation = service.invitation_send(actor=request.user, invitation=invitation)
    except service.InvitationRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(request, _sent_message(invitation).replace("Invitation sent", "Invitation sent again"))
    return redirect("people:invitations")
