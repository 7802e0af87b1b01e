"""The brokering alliance's triage (issue: commissioning, "Triage"): the queue of requests of the
alliances the person brokers for, oldest first, and one request in full with the changes its
status allows: confirm a request from the public form (having checked with the school), accept it
for matching, pass it on to another alliance, or decline it, saying why.

Another alliance's request answers 404, as if it did not exist."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from domain.commissioning import request_services as services
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.policies import can_run_panels, can_triage
from domain.commissioning.selectors import meetings_for, requests_to_broker
from domain.commissioning.workflows import MeetingStatus, RequestStatus
from domain.designation.models import DesignationRole
from domain.leaders.selectors import brokering_organisations, organisations_acted_for
from domain.matching.shortfall import FEW
from domain.workflows.table import TransitionRefused
from web.common.policy import policy
from web.leaders.alliance_views import days

from .broker_forms import ActionForm, DeclineForm, PassOnForm

PER_PAGE = 25
R = RequestStatus

# The queue's groups, in the order a request moves through them.
QUEUE_STATUSES = {
    R.AWAITING_CONFIRMATION: "Waiting for confirmation",
    R.SUBMITTED: "Waiting for triage",
    R.TRIAGED: "Accepted for matching",
    R.ON_AGENDA: "On an agenda",
    R.MATCHED: "Leader chosen",
}

# What the brokering alliance may do, by the request's status (workflows.REQUEST).
ACTIONS = {
    R.AWAITING_CONFIRMATION: ("confirm", "decline"),
    R.SUBMITTED: ("triage", "pass_on", "decline"),
    R.TRIAGED: ("pass_on", "decline"),
}
DONE = {
    "confirm": "{ref} is confirmed: it is waiting for triage",
    "triage": "{ref} is accepted for matching: add it to a panel meeting's agenda",
    "pass_on": "{ref} was passed on to {organisation}",
    "decline": "{ref} was declined",
}


def waited(since) -> str:
    """How long something has waited, in whole days: "Today", "1 day", "12 days"."""
    days = (timezone.localdate() - timezone.localtime(since).date()).days
    if days <= 0:
        return "Today"
    return "1 day" if days == 1 else f"{days} days"


@policy(can_run_panels)
def queue(request):
    status = request.GET.get("status", "")
    if status not in QUEUE_STATUSES:
        status = ""
    counts = dict(
        requests_to_broker(request.user, statuses=list(QUEUE_STATUSES))
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    rows = requests_to_broker(request.user, statuses=[status] if status else list(QUEUE_STATUSES))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    upcoming = list(
        meetings_for(request.user)
        .filter(status=MeetingStatus.PLANNED, meets_at__gte=timezone.now())
        # Decided items' requests move on to "Leader chosen": "still to decide" is what the
        # queue's "On an agenda" counts, so the two agree.
        .annotate(
            item_count=Count("items"),
            undecided_count=Count("items", filter=Q(items__decided_at__isnull=True)),
        )[:5]
    )
    return render(
        request,
        "commissioning/broker/queue.html",
        {
            "page_title": "Requests for support to broker",
            "page": page,
            "status": status,
            "groups": [(code, label, counts.get(code, 0)) for code, label in QUEUE_STATUSES.items()],
            "total": sum(counts.values()),
            "upcoming": upcoming,
            "waited": waited,
            "can_schedule": organisations_acted_for(request.user).exists(),
        },
    )


def brokered_request(request, request_id):
    support_request = requests_to_broker(request.user).filter(pk=request_id).first()
    if support_request is None or not can_triage(request.user, support_request):
        raise Http404
    return support_request


def _forms(support_request, posted=None, action=""):
    others = brokering_organisations().exclude(pk=support_request.brokering_organisation_id)
    return {
        "confirm": ActionForm(posted if action == "confirm" else None, prefix="confirm"),
        "triage": ActionForm(posted if action == "triage" else None, prefix="triage"),
        "pass_on": PassOnForm(list(others), posted if action == "pass_on" else None, prefix="pass_on"),
        "decline": DeclineForm(posted if action == "decline" else None, prefix="decline"),
    }


def _apply(user, support_request, action, form):
    if action == "confirm":
        return services.request_confirm(actor=user, request=support_request)
    if action == "triage":
        return services.request_triage(actor=user, request=support_request)
    if action == "pass_on":
        return services.request_pass_on(
            actor=user,
            request=support_request,
            organisation=form.chosen(),
            reason=form.cleaned_data["reason"],
        )
    return services.request_decline(actor=user, request=support_request, reason=form.cleaned_data["reason"])


@policy(can_run_panels)
def request_detail(request, request_id):
    support_request = brokered_request(request, request_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    allowed = ACTIONS.get(support_request.status, ())
    forms = _forms(support_request, request.POST if action else None, action)
    failed = None
    if action:
        form = forms.get(action)
        if form is None:
            raise Http404
        if action not in allowed:
            form.add_error(
                None,
                f"{support_request.reference} is {support_request.get_status_display().lower()}: "
                "it cannot be changed that way now",
            )
            failed = form
        elif form.is_valid():
            try:
                changed = _apply(request.user, support_request, action, form)
            except (CommissioningRefused, TransitionRefused) as refusal:
                form.add_error("reason" if "reason" in form.fields else None, str(refusal))
            else:
                messages.success(
                    request,
                    DONE[action].format(ref=changed.reference, organisation=changed.brokering_organisation.name),
                )
                if action == "pass_on":
                    return redirect("broker:queue")
                return redirect("broker:request", request_id=changed.pk)
        failed = form
    return render(
        request,
        "commissioning/broker/request.html",
        {
            "page_title": f"{support_request.reference}: {support_request.client_school.display_name}",
            "r": support_request,
            "forms": forms,
            "failed": failed,
            "allowed": allowed,
            "agenda_items": list(support_request.agenda_items.select_related("meeting", "meeting__organisation")),
            "waited": waited,
            "role_label": dict(DesignationRole.choices).get(support_request.role_sought, support_request.role_sought),
            "days": days,
            "few": FEW,
        },
    )
