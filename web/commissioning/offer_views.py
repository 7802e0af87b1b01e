"""Offers (issue 5, "Offer and acceptance"): the offers made to a leader the panel chose, and those
waiting for the agreement of the leader's own alliance when another alliance brokered the request
(seed 000: the alliance a leader is associated with "will exclusively broker their deployments").

The leader accepts (committing their days) or declines saying why; the leader's alliance agrees or
declines saying why. Every page needs someone signed in. An offer the person may not see answers
404, as if it did not exist (selectors.offer_for); a step on an offer they may see but which is
not theirs to take (say, the client trying to accept for the leader) answers 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.policies import is_signed_in
from domain.audit.selectors import timeline_for
from domain.commissioning import offer_services as services
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.offer_cost import days_to_commit, offer_cost
from domain.commissioning.policies import can_agree_offer_for_alliance, can_answer_offer_as_leader, can_triage
from domain.commissioning.request_services import LINK_TO_REQUEST
from domain.commissioning.selectors import offer_for, offers_for
from domain.commissioning.workflows import OFFER, OfferStatus
from domain.designation.models import DesignationRole
from domain.leaders.models.availability import days_words
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .offer_forms import form_for

PER_PAGE = 25
O = OfferStatus  # noqa: E741 (as the workflow module names it)

# Who takes each step on these pages, and while the offer is in which state: the leader answers
# while it waits for them, the leader's alliance while it waits for the alliance. The client's
# answer is given on the request's page.
LEADER, ALLIANCE = "leader", "alliance"
STEPS = {
    "accept": {LEADER: O.WITH_LEADER},
    "decline": {LEADER: O.WITH_LEADER, ALLIANCE: O.WITH_LEADERS_ALLIANCE},
    "agree": {ALLIANCE: O.WITH_LEADERS_ALLIANCE},
}

# Tag colours of the offer's states.
TAG_CLASSES = {
    O.WITH_LEADER: "govuk-tag--blue",
    O.WITH_LEADERS_ALLIANCE: "govuk-tag--purple",
    O.WITH_CLIENT: "govuk-tag--light-blue",
    O.ACCEPTED: "govuk-tag--green",
    O.DECLINED: "govuk-tag--red",
    O.WITHDRAWN: "govuk-tag--grey",
}

# How the offer's history names each step (the audit trail's actions).
HISTORY_WORDS = {
    "leader_accepts": "Accepted by the leader",
    "leader_accepts_needing_alliance": "Accepted by the leader",
    "alliance_agrees": "Agreed by the leader's alliance",
    "client_accepts": "Accepted by the school",
    "decline": "Declined",
    "withdraw": "Withdrawn",
}

# The matching engine's factors (domain/matching, docs/matching.md), as the pages name them.
FACTOR_NAMES = {
    "needs": "Needs and specialisms",
    "phase": "Phase",
    "distance": "Distance",
    "experience": "Experience of similar schools",
    "feedback": "Feedback from clients",
    "spread": "Fair spread of work",
}


def _sides(user, offer) -> set[str]:
    sides = set()
    if can_answer_offer_as_leader(user, offer):
        sides.add(LEADER)
    if can_agree_offer_for_alliance(user, offer):
        sides.add(ALLIANCE)
    return sides


def open_steps(user, offer) -> list[str]:
    """The steps the person may take on the offer now."""
    sides = _sides(user, offer)
    return [event for event, when in STEPS.items() if any(when.get(side) == offer.status for side in sides)]


def _visible_offer(request, offer_id):
    offer = offer_for(request.user, offer_id)
    if offer is None:
        raise Http404
    return offer


def tag_for(offer) -> dict:
    return {"text": offer.get_status_display(), "classes": TAG_CLASSES.get(offer.status, "govuk-tag--grey")}


@policy(is_signed_in)
def offer_list(request):
    page = Paginator(offers_for(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "offer": offer,
            "days": days_words(offer.request.days),
            "tag": tag_for(offer),
            "yours": offer.leader_id == request.user.pk,
        }
        for offer in page.object_list
    ]
    return render(request, "commissioning/offers/list.html", {"page_title": "Offers", "page": page, "rows": rows})


def _points(fraction) -> str:
    """A score or weight between 0 and 1 as points out of 100: "30", "6.5"."""
    return f"{round(float(fraction or 0) * 100, 1):g}"


def _breakdown(item, leader_id) -> dict | None:
    """The chosen leader's ranking as the panel saw it: score and each factor's reason."""
    candidate = next(
        (c for c in (item.candidates or []) if c.get("leader_id") == leader_id and not c.get("excluded")), None
    )
    if candidate is None:
        return None
    factors = [
        {
            "name": FACTOR_NAMES.get(f.get("name"), str(f.get("name", "")).replace("_", " ").capitalize()),
            "reason": f.get("reason", ""),
            "points": _points(f.get("contribution")),
            "out_of": _points(f.get("weight")),
        }
        for f in candidate.get("factors", [])
    ]
    return {
        "score": _points(candidate.get("score")),
        "factors": factors,
        "flags": candidate.get("flags") or [],
    }


def _history(offer) -> list[dict]:
    """What happened to the offer, oldest first, from its audit trail."""
    rows = []
    for event in reversed(timeline_for(offer)):
        step = event.action.rsplit(".", 1)[-1]
        if step == "created":
            what = f"Offered to {offer.leader.full_name}"
        elif step in HISTORY_WORDS:
            what = HISTORY_WORDS[step]
        else:
            try:
                what = OFFER.get(step).label
            except TransitionRefused:
                what = step.replace("_", " ").capitalize()
        rows.append(
            {
                "when": event.occurred_at,
                "what": what,
                "who": event.actor.full_name if event.actor else "The service",
                "reason": event.reason,
            }
        )
    return rows


@policy(is_signed_in)
def offer_detail(request, offer_id):
    offer = _visible_offer(request, offer_id)
    user, support = request.user, offer.request
    item = offer.agenda_item
    sides = _sides(user, offer)
    # The score breakdown is for the leader, their alliance and the brokering alliance; the
    # client reads the panel's rationale.
    sees_scores = bool(sides) or can_triage(user, support)
    return render(
        request,
        "commissioning/offers/detail.html",
        {
            "page_title": f"Offer of support for {support.client_school.display_name}",
            "offer": offer,
            "support": support,
            "item": item,
            "meeting": item.meeting if item else None,
            "breakdown": _breakdown(item, offer.leader_id) if item and sees_scores else None,
            "is_leader": LEADER in sides,
            "for_alliance": ALLIANCE in sides,
            "steps": open_steps(user, offer),
            "tag": tag_for(offer),
            "days": days_words(support.days),
            "cost": offer_cost(support),
            "role_sought": _role_label(support.role_sought),
            "history": _history(offer),
            "request_link": LINK_TO_REQUEST.format(pk=support.pk),
        },
    )


def _role_label(code: str) -> str:
    return DesignationRole(code).label if code in DesignationRole.values else code


def _days_free(offer) -> dict:
    """What accepting would commit in each term the support falls in, and the leader's free days
    there, in words."""
    terms = [
        {
            "term": row.term,
            "share": days_words(row.share),
            "offered": days_words(row.offered),
            "free": days_words(row.free),
            "enough": row.enough,
        }
        for row in days_to_commit(offer)
    ]
    return {"terms": terms, "enough": all(t["enough"] for t in terms)}


def _take(event, *, actor, offer, form):
    if event == "accept":
        return services.offer_leader_accept(actor=actor, offer=offer)
    if event == "agree":
        return services.offer_alliance_agree(actor=actor, offer=offer)
    return services.offer_decline(actor=actor, offer=offer, reason=form.cleaned_data["reason"])


def _done(event, offer, result) -> str:
    school = offer.request.client_school.display_name
    if event == "accept":
        if result.status == O.WITH_LEADERS_ALLIANCE:
            return f"You accepted the offer. {offer.leaders_organisation.name} is asked to agree, then {school}"
        return f"You accepted the offer. {school} is asked to accept it"
    if event == "agree":
        return f"You agreed to {offer.leader.full_name}'s deployment. {school} is asked to accept it"
    return f"You declined the offer. {offer.request.brokering_organisation.name} will choose again for {school}"


TITLES = {
    "accept": "Accept the offer",
    "decline": "Decline the offer",
    "agree": "Agree to the deployment",
}


@policy(is_signed_in)
def offer_answer(request, offer_id, event):
    if event not in STEPS:
        raise Http404
    offer = _visible_offer(request, offer_id)
    sides = _sides(request.user, offer)
    if not sides & set(STEPS[event]):
        raise PermissionDenied  # they may see the offer, but this answer is not theirs to give
    if event not in open_steps(request.user, offer):
        messages.info(request, f"You cannot {TITLES[event][0].lower()}{TITLES[event][1:]}: it is {_state_words(offer)}")
        return redirect("offers:detail", offer_id=offer.pk)
    form = form_for(event, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = _take(event, actor=request.user, offer=offer, form=form)
        except (CommissioningRefused, TransitionRefused) as refusal:
            form.add_error("reason" if event == "decline" else None, str(refusal))
        else:
            messages.success(request, _done(event, offer, result))
            return redirect("offers:detail", offer_id=offer.pk)
    support = offer.request
    return render(
        request,
        "commissioning/offers/answer.html",
        {
            "page_title": f"{TITLES[event]}: {support.client_school.display_name}",
            "heading": TITLES[event],
            "event": event,
            "form": form,
            "offer": offer,
            "support": support,
            "days": days_words(support.days),
            "as_alliance": next(side for side in sides if STEPS[event].get(side) == offer.status) == ALLIANCE,
            "capacity": _days_free(offer) if event == "accept" else None,
        },
    )


def _state_words(offer) -> str:
    return offer.get_status_display()[0].lower() + offer.get_status_display()[1:]
