"""One request's page: everything about it, its progress as a timeline of steps (from its audit
trail and its offers'), and the actions the person may take (issue: commissioning, "Triage": "the
client and referrer see its progress")."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from domain.audit.selectors import timeline_for
from domain.commissioning.models import Route
from domain.commissioning.policies import (
    can_answer_offer_as_client,
    can_ask_for_support,
    can_confirm_request,
    can_triage,
    is_client_of,
)
from domain.commissioning.workflows import REQUEST, OfferStatus, RequestStatus
from domain.deployments.selectors import deployment_of_request
from domain.designation.models import DesignationRole
from domain.leaders.models.availability import days_text
from web.common.formatting import govuk_datetime
from web.common.policy import policy

from .request_views import TAG_CLASSES, visible_request

R = RequestStatus
# Where the request stands, in words the client can act on.
WHERE_IT_STANDS = {
    R.AWAITING_CONFIRMATION: "A contact at the school needs to confirm that the school made this request.",
    R.SUBMITTED: "The alliance or hub will check the request and accept it for matching.",
    R.TRIAGED: "The request is accepted for matching. It will go to the next panel meeting.",
    R.ON_AGENDA: "The request is on the agenda of a panel meeting, which will choose a system leader.",
    R.MATCHED: "The panel chose a system leader. The leader, then the school, accept or decline the offer.",
    R.AGREED: "The deployment is agreed.",
    R.DECLINED: "The request was declined.",
    R.WITHDRAWN: "The request was withdrawn.",
}


def broker_link(request_id) -> str:
    try:
        return reverse("broker:request", kwargs={"request_id": request_id})
    except NoReverseMatch:
        return f"/home/brokering/requests/{request_id}/"


def offer_link(offer_id) -> str:
    try:
        return reverse("offers:detail", kwargs={"offer_id": offer_id})
    except NoReverseMatch:
        return f"/home/offers/{offer_id}/"


def _step(event, text) -> dict:
    return {"when": govuk_datetime(event.occurred_at), "text": text, "at": event.occurred_at, "id": event.pk}


def progress_of(support_request, offers) -> list[dict]:
    """The request's steps, oldest first."""
    meetings = {item.meeting_id: item.meeting for item in support_request.agenda_items.select_related("meeting").all()}
    leaders = {offer.leader_id: offer.leader for offer in offers}
    steps = []
    for event in timeline_for(support_request):
        action = event.action.rsplit(".", 1)[-1]
        reason = f": {event.reason}" if event.reason else ""
        if action == "created":
            by = " through the public form" if support_request.route == Route.PUBLIC_FORM else ""
            steps.append(_step(event, f"Request sent{by}"))
        elif action == "confirm":
            steps.append(_step(event, "Confirmed by the school"))
        elif action == "triage":
            steps.append(_step(event, f"Accepted for matching by {support_request.brokering_organisation.name}"))
        elif action == "pass_on":
            steps.append(_step(event, "Passed to another alliance or hub"))
        elif action == "decline":
            steps.append(_step(event, f"Declined{reason}"))
        elif action == "schedule":
            meeting = meetings.get((event.data or {}).get("meeting_id"))
            when = f" on {govuk_datetime(meeting.meets_at)}" if meeting else ""
            steps.append(_step(event, f"On the agenda of a panel meeting{when}"))
        elif action == "unschedule":
            steps.append(_step(event, f"Taken off a panel meeting's agenda{reason}"))
        elif action == "match":
            leader = leaders.get((event.data or {}).get("leader_id"))
            steps.append(_step(event, f"Leader chosen: {leader.full_name}" if leader else "Leader chosen"))
        elif action == "rematch":
            steps.append(_step(event, "The alliance or hub will choose again"))
        elif action == "agree":
            steps.append(_step(event, "Deployment agreed"))
        elif action == "withdraw":
            steps.append(_step(event, f"Withdrawn{reason}"))
    for offer in offers:
        for event in timeline_for(offer):
            action = event.action.rsplit(".", 1)[-1]
            name = offer.leader.full_name
            if action.startswith("leader_accepts"):
                steps.append(_step(event, f"{name} accepted the offer"))
            elif action == "alliance_agrees":
                steps.append(_step(event, f"{name}'s alliance agreed to the deployment"))
            elif action == "client_accepts":
                steps.append(_step(event, "The school accepted the offer"))
            elif action == "decline":
                steps.append(_step(event, f"The offer to {name} was declined: {event.reason}"))
    return sorted(steps, key=lambda s: (s["at"], s["id"]))


@policy(can_ask_for_support)
def request_detail(request, request_id):
    user = request.user
    support_request = visible_request(request, request_id)
    offers = list(support_request.offers.select_related("leader").order_by("created_at", "id"))
    waiting = next((o for o in offers if o.status == OfferStatus.WITH_CLIENT), None)
    live = next((o for o in offers if o.status in (OfferStatus.WITH_LEADER, OfferStatus.WITH_LEADERS_ALLIANCE)), None)
    actions = {
        "withdraw": is_client_of(user, support_request)
        and "withdraw" in REQUEST.allowed_events(support_request.status),
        "confirm": support_request.status == R.AWAITING_CONFIRMATION and can_confirm_request(user, support_request),
        "offer": waiting is not None and can_answer_offer_as_client(user, waiting),
        "broker": broker_link(support_request.pk) if can_triage(user, support_request) else None,
        # The leader offered it answers on their offer's page.
        "leader_offer": offer_link(live.pk) if live is not None and live.leader_id == user.pk else None,
    }
    return render(
        request,
        "commissioning/requests/detail.html",
        {
            "page_title": f"Request {support_request.reference}",
            "support_request": support_request,
            "tag_class": TAG_CLASSES.get(support_request.status, ""),
            "where": WHERE_IT_STANDS.get(support_request.status, ""),
            "steps": progress_of(support_request, offers),
            "waiting_offer": waiting,
            "live_offer": live,
            "actions": actions,
            "deployment": deployment_of_request(user, support_request) if support_request.status == R.AGREED else None,
            "days": days_text(support_request.days),
            "role_label": dict(DesignationRole.choices).get(support_request.role_sought, support_request.role_sought),
        },
    )
