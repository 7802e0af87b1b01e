"""A system leader's own association pages: where they stand, asking an alliance, hub or grouping
to associate, answering an invitation, ending or moving the association, and the memorandum of
understanding (seed 000, "Association"; DESIGN.md capability 4).

Every page is the leader's own (policies.is_designated_leader). Another leader's association is
not theirs to see: it answers 404, as if it did not exist."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from domain.leaders import association_services as services
from domain.leaders.memorandum_services import memorandum_accept, memorandum_state
from domain.leaders.models import AssociationOrigin, MemorandumParty
from domain.leaders.people import AssociationRefused, school_of
from domain.leaders.policies import can_see_association, is_designated_leader
from domain.leaders.selectors import (
    active_association_of,
    association_for,
    associations_of_leader,
    brokering_organisations,
)
from domain.leaders.workflows import OPEN_STATES, AssociationStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .leader_forms import EndForm, MemorandumForm, ReasonForm, RequestForm, TransferForm, posted

S = AssociationStatus
PAST_PER_PAGE = 10

# The steps a leader takes on an association, and who started what it acts on: the leader answers
# an invitation (the alliance's), withdraws their own request, and ends or moves an association
# however it began.
STEPS = {
    "accept": AssociationOrigin.INVITATION,
    "decline": AssociationOrigin.INVITATION,
    "withdraw": AssociationOrigin.REQUEST,
    "end": None,
    "transfer": None,
}


def _own_association(request, association_id):
    """The leader's own association; anyone else's answers 404."""
    association = association_for(request.user, association_id)
    if association is None or association.leader_id != request.user.pk:
        raise Http404
    if not can_see_association(request.user, association):
        raise Http404
    return association


def _organisations_for(leader, *, exclude_id=None) -> list:
    """Alliances, hubs and groupings to choose from: those of the leader's school's region first."""
    school = school_of(leader)
    region = school.region if school is not None and school.region_id else None
    ours = list(brokering_organisations(region)) if region is not None else []
    others = [o for o in brokering_organisations() if region is None or o.region_id != region.pk]
    return [o for o in ours + others if o.pk != exclude_id], region


@policy(is_designated_leader)
def association(request):
    leader = request.user
    active = active_association_of(leader)
    offers = list(associations_of_leader(leader).filter(status__in=OPEN_STATES))
    past = associations_of_leader(leader).exclude(status__in=[S.ACTIVE, *OPEN_STATES])
    return render(
        request,
        "leaders/leader/association.html",
        {
            "page_title": "Your association",
            "active": active,
            "memorandum": memorandum_state(active) if active is not None else None,
            "invitations": [a for a in offers if a.status == S.INVITED],
            "requests": [a for a in offers if a.status == S.REQUESTED],
            "past": Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page")),
        },
    )


@policy(is_designated_leader)
def association_request(request):
    organisations, region = _organisations_for(request.user)
    form = RequestForm(organisations, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.association_request(
                actor=request.user, organisation=form.organisation, message=form.cleaned_data["message"]
            )
        except (AssociationRefused, TransitionRefused) as refusal:
            form.add_error("organisation_id", str(refusal))
        else:
            messages.success(
                request,
                f"You asked {asked.organisation.name} to associate with you. "
                f"They have until {asked.expires_on.day} {asked.expires_on:%B %Y} to answer",
            )
            return redirect("leader:association")
    return render(
        request,
        "leaders/leader/request.html",
        {"page_title": "Ask an alliance, hub or grouping to associate with you", "form": form, "region": region},
    )


def _step_form(event, leader, association, data):
    if event == "accept":
        return forms.Form(data)
    if event == "end":
        return EndForm(data)
    if event == "transfer":
        organisations, _ = _organisations_for(leader, exclude_id=association.organisation_id)
        return TransferForm(organisations, data)
    return ReasonForm(data)


def _take_step(event, *, actor, association, form):
    data = form.cleaned_data
    if event == "accept":
        return services.association_accept(actor=actor, association=association)
    if event == "decline":
        return services.association_decline(actor=actor, association=association, reason=data["reason"])
    if event == "withdraw":
        return services.association_withdraw(actor=actor, association=association, reason=data["reason"])
    if event == "end":
        return services.association_end(actor=actor, association=association, reason=data["reason"])
    return services.association_transfer(
        actor=actor, association=association, organisation=form.organisation, reason=data["reason"]
    )


_DONE = {
    "accept": "You are now associated with {name}. Read and accept the memorandum of understanding",
    "decline": "You declined the invitation from {name}",
    "withdraw": "You withdrew your request to {name}",
    "end": "Your association with {name} has ended",
    "transfer": "You are now associated with {name}. Read and accept the memorandum of understanding",
}

_TITLES = {
    "accept": "Accept the invitation from {name}",
    "decline": "Decline the invitation from {name}",
    "withdraw": "Withdraw your request to {name}",
    "end": "End your association with {name}",
    "transfer": "Move your association from {name}",
}


@policy(is_designated_leader)
def association_respond(request, association_id, event):
    if event not in STEPS:
        raise Http404
    association = _own_association(request, association_id)
    origin = STEPS[event]
    if origin is not None and association.origin != origin:
        raise Http404  # not this side's step: the leader does not accept their own request
    form = _step_form(event, request.user, association, posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = _take_step(event, actor=request.user, association=association, form=form)
        except (AssociationRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _DONE[event].format(name=result.organisation.name))
            if event in ("accept", "transfer"):
                return redirect("leader:memorandum")
            return redirect("leader:association")
    return render(
        request,
        "leaders/leader/respond.html",
        {
            "page_title": _TITLES[event].format(name=association.organisation.name),
            "form": form,
            "association": association,
            "event": event,
        },
    )


@policy(is_designated_leader)
def memorandum(request):
    active = active_association_of(request.user)
    state = memorandum_state(active) if active is not None else None
    current = state.memorandum if state is not None else None
    form = MemorandumForm(current.version if current else None, posted(request))
    if request.method == "POST" and active is not None and form.is_valid():
        try:
            memorandum_accept(actor=request.user, association=active, party=MemorandumParty.LEADER, memorandum=current)
        except AssociationRefused as refusal:
            form.add_error("confirm", str(refusal))
        else:
            messages.success(request, f"You accepted version {current.version} of the memorandum of understanding")
            return redirect("leader:memorandum")
    return render(
        request,
        "leaders/leader/memorandum.html",
        {
            "page_title": "Memorandum of understanding",
            "active": active,
            "state": state,
            "paragraphs": [p.strip() for p in current.body.split("\n\n") if p.strip()] if current else [],
            "form": form,
        },
    )
