"""One association, invitation or request as its alliance, hub or grouping sees it, the changes
the alliance's side may make (accept or decline a leader's request, withdraw its invitation, end
or transfer an active association) and its acceptance of the memorandum of understanding.

Another organisation's association answers 404, as if it did not exist."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from domain.leaders import association_services as services
from domain.leaders.alliance_selectors import role_labels
from domain.leaders.availability_services import availability_summaries, upcoming_terms
from domain.leaders.memorandum_services import memorandum_accept, memorandum_state
from domain.leaders.models import Memorandum, MemorandumParty
from domain.leaders.people import AssociationRefused, current_designations, school_of
from domain.leaders.policies import can_act_for_organisation, can_run_leader_lists, can_see_availability
from domain.leaders.portrait_services import portrait_latest, portrait_published
from domain.leaders.selectors import association_for, brokering_organisations
from domain.leaders.workflows import AssociationStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .alliance_forms import ChangeForm, MemorandumForm, TransferForm
from .alliance_views import days

S = AssociationStatus
# The changes the alliance's side may make, by the association's status: it answers the leader's
# request, takes back its own invitation, and ends or transfers an active association.
SIDE_EVENTS = {
    S.REQUESTED: ("accept", "decline"),
    S.INVITED: ("withdraw",),
    S.ACTIVE: ("end", "transfer"),
}
EVENTS = ("accept", "decline", "withdraw", "end", "transfer")
LABELS = {
    "accept": "Accept the request",
    "decline": "Decline the request",
    "withdraw": "Withdraw the invitation",
    "end": "End the association",
    "transfer": "Transfer the association",
}
DONE = {
    "accept": "{leader} is now associated with {organisation}",
    "decline": "You declined {leader}'s request",
    "withdraw": "You withdrew the invitation to {leader}",
    "end": "The association with {leader} has ended",
    "transfer": "{leader} is now associated with {organisation}",
}


def association_of(request, association_id):
    association = association_for(request.user, association_id)
    if association is None or not can_act_for_organisation(request.user, association.organisation):
        raise Http404
    return association


@policy(can_run_leader_lists)
def association_detail(request, association_id):
    association = association_of(request, association_id)
    leader = association.leader
    designations = current_designations(leader)
    availability = None
    if association.is_active and can_see_availability(request.user, leader, association):
        availability = availability_summaries([leader], upcoming_terms())[leader.pk]
    state = memorandum_state(association)
    return render(
        request,
        "leaders/alliance/association.html",
        {
            "page_title": f"{leader.full_name} and {association.organisation.name}",
            "association": association,
            "leader": leader,
            "roles": role_labels(designations),
            "school": school_of(leader, designations),
            "state": state,
            "memorandum_outstanding": association.is_active and state.outstanding_for(MemorandumParty.ORGANISATION),
            "availability": availability,
            "days": days,
            "latest_portrait": portrait_latest(leader),
            "published_portrait": portrait_published(leader),
            "actions": [(event, LABELS[event]) for event in SIDE_EVENTS.get(association.status, ())],
        },
    )


def _wrong_side(association, event) -> str:
    """Why the alliance's side cannot make this change to an open invitation or request."""
    if association.status == S.INVITED and event in ("accept", "decline"):
        return f"Only {association.leader.full_name} can accept or decline the invitation"
    if association.status == S.REQUESTED and event == "withdraw":
        return f"Only {association.leader.full_name} can withdraw their request: accept or decline it"
    return ""


@policy(can_run_leader_lists)
def association_change(request, association_id, event):
    association = association_of(request, association_id)
    if event not in EVENTS:
        raise Http404
    posted = request.POST if request.method == "POST" else None
    if event == "transfer":
        choices = brokering_organisations(association.organisation.region).exclude(pk=association.organisation_id)
        form = TransferForm(list(choices), posted)
    else:
        form = ChangeForm(event, posted)
    if posted is not None and form.is_valid():
        if wrong := _wrong_side(association, event):
            form.add_error(None, wrong)
        else:
            try:
                changed = _apply(request.user, association, event, form)
            except (AssociationRefused, TransitionRefused) as refusal:
                form.add_error("reason" if "reason" in form.fields else None, str(refusal))
            else:
                text = DONE[event].format(leader=association.leader.full_name, organisation=changed.organisation.name)
                messages.success(request, text)
                return redirect("alliance:association", association_id=association.pk)
    return render(
        request,
        "leaders/alliance/change.html",
        {
            "page_title": f"{LABELS[event]}: {association.leader.full_name}",
            "form": form,
            "association": association,
            "event": event,
            "button_text": LABELS[event],
            "reason_required": event in ("end", "transfer"),
        },
    )


def _apply(actor, association, event, form):
    reason = form.cleaned_data.get("reason", "")
    if event == "accept":
        return services.association_accept(actor=actor, association=association)
    if event == "decline":
        return services.association_decline(actor=actor, association=association, reason=reason)
    if event == "withdraw":
        return services.association_withdraw(actor=actor, association=association, reason=reason)
    if event == "end":
        return services.association_end(actor=actor, association=association, reason=reason)
    return services.association_transfer(
        actor=actor, association=association, organisation=form.receiving_organisation, reason=reason
    )


@policy(can_run_leader_lists)
def memorandum_accept_page(request, association_id):
    association = association_of(request, association_id)
    state = memorandum_state(association)
    organisation = association.organisation
    memoranda = Memorandum.objects.filter(region_id=organisation.region_id)
    form = MemorandumForm(
        memoranda,
        organisation.name,
        request.POST if request.method == "POST" else None,
        initial={"memorandum": state.memorandum.pk if state.memorandum else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            memorandum_accept(
                actor=request.user,
                association=association,
                party=MemorandumParty.ORGANISATION,
                memorandum=form.cleaned_data["memorandum"],
            )
        except AssociationRefused as refusal:
            form.add_error("confirm", str(refusal))
        else:
            messages.success(request, f"You accepted the memorandum for {organisation.name}")
            return redirect("alliance:association", association_id=association.pk)
    return render(
        request,
        "leaders/alliance/memorandum.html",
        {
            "page_title": f"Memorandum of understanding: {association.leader.full_name}",
            "association": association,
            "state": state,
            "outstanding": association.is_active and state.outstanding_for(MemorandumParty.ORGANISATION),
            "form": form,
            "button_text": f"Accept the memorandum for {organisation.name}",
        },
    )
