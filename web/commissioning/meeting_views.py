"""Panel meetings (issue: commissioning, "Panel meetings"; seed 002: "A panel will meet regularly to
consider referrals and identify the most appropriate LLE"): the alliance schedules a meeting, puts
requests accepted for matching on its agenda, and the panel reads the ranked candidates with their
reasons as it saw them, with the whole agenda solved at once beside them. It records its choice,
recusals and rationale, including why it passed over the top suggestion; the minutes download as
CSV or XLSX.

A meeting the person may not sit on answers 404, as if it did not exist."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from domain.accounts.models import User
from domain.commissioning import meeting_services as services
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.minutes import HEADINGS, eligible_of, minutes_filename, minutes_rows
from domain.commissioning.models import Offer
from domain.commissioning.policies import can_broker, can_run_panels, can_sit_on_panel
from domain.commissioning.selectors import agenda_of, meeting_for, meetings_for, triaged_requests_of
from domain.commissioning.workflows import MeetingStatus
from domain.leaders.selectors import organisations_acted_for
from domain.leaders.term_split import days_by_term, terms_words
from domain.matching.filters import WIDENING_WORDS, search_words
from domain.matching.shortfall import FEW
from domain.workflows.table import TransitionRefused
from web.common.downloads import audited_download
from web.common.policy import policy
from web.common.spreadsheets import FORMATS, spreadsheet_response
from web.leaders.alliance_views import days

from .broker_forms import USUAL_SEARCH, AgendaAddForm, CancelForm, DecideForm, HoldForm, MeetingForm, SearchForm
from .meeting_words import percent as _percent
from .meeting_words import solution_words

PER_PAGE = 25
REFUSED = (CommissioningRefused, TransitionRefused)


@policy(can_run_panels)
def meetings(request):
    rows = meetings_for(request.user).annotate(item_count=Count("items", distinct=True))
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "commissioning/broker/meetings.html",
        {
            "page_title": "Panel meetings",
            "page": page,
            "can_schedule": organisations_acted_for(request.user).exists(),
        },
    )


@policy(can_run_panels)
def meeting_new(request):
    organisations = list(organisations_acted_for(request.user).order_by("name"))
    if not organisations:
        raise PermissionDenied
    members = {o.pk: services.panel_members_for(o) for o in organisations}
    form = MeetingForm(organisations, members, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=request.user,
                organisation=form.chosen_organisation(),
                meets_at=form.meets_at(),
                place=form.cleaned_data["place"],
                members=form.chosen_members(),
            )
        except REFUSED as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The panel meeting is scheduled: {meeting}")
            return redirect("broker:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "commissioning/broker/meeting_new.html",
        {"page_title": "Schedule a panel meeting", "form": form, "members": members},
    )


def meeting_of(request, meeting_id):
    meeting = meeting_for(request.user, meeting_id)
    if meeting is None or not can_sit_on_panel(request.user, meeting):
        raise Http404
    return meeting


def managed_meeting(request, meeting_id):
    """The meeting, for changes to its agenda: the alliance's coordinators and representatives."""
    meeting = meeting_of(request, meeting_id)
    if not can_broker(request.user, meeting.organisation_id):
        raise PermissionDenied
    return meeting


def item_of(meeting, item_id):
    item = meeting.items.select_related("request", "request__client_school", "meeting").filter(pk=item_id).first()
    if item is None:
        raise Http404
    item.meeting = meeting
    return item


@policy(can_run_panels)
def meeting_detail(request, meeting_id):
    meeting = meeting_of(request, meeting_id)
    manages = can_broker(request.user, meeting.organisation_id)
    planned = meeting.status == MeetingStatus.PLANNED
    add_form = None
    if manages and planned:
        add_form = AgendaAddForm(
            list(triaged_requests_of(meeting.organisation)),
            request.POST if request.method == "POST" else None,
        )
        if request.method == "POST" and add_form.is_valid():
            added = []
            try:
                for chosen in add_form.chosen():
                    services.agenda_add(actor=request.user, meeting=meeting, request=chosen)
                    added.append(chosen.reference)
            except REFUSED as refusal:
                add_form.add_error("requests", str(refusal))
            if added:
                messages.success(request, f"Added to the agenda: {', '.join(added)}")
            if not add_form.errors:
                return redirect("broker:meeting", meeting_id=meeting.pk)
    elif request.method == "POST":
        raise PermissionDenied
    items = agenda_of(meeting)
    suggestions = {}
    if planned and any(item.decided_at is None for item in items):
        suggestions = services.meeting_suggestions(meeting=meeting)
    offers = {o.agenda_item_id: o for o in Offer.objects.filter(agenda_item__in=items)}
    return render(
        request,
        "commissioning/broker/meeting.html",
        {
            "page_title": str(meeting),
            "meeting": meeting,
            "members": list(meeting.members.all()),
            "items": [
                {
                    "item": item,
                    "eligible": eligible_of(item),
                    "excluded": [c for c in item.candidates or [] if c.get("excluded")],
                    "suggestion": suggestions.get(item.pk),
                    "offer": offers.get(item.pk),
                    "shortfall": shortfall_of(item),
                    "search": search_words(item.widened) if item.widened else "",
                }
                for item in items
            ],
            "solution": suggestions.get("solution"),
            "solution_words": solution_words(suggestions.get("solution")),
            "add_form": add_form,
            "manages": manages,
            "planned": planned,
            "percent": _percent,
            "days": days,
            "few": FEW,
        },
    )


@policy(can_run_panels)
@require_POST
def item_remove(request, meeting_id, item_id):
    meeting = managed_meeting(request, meeting_id)
    item = item_of(meeting, item_id)
    try:
        services.agenda_remove(actor=request.user, item=item, reason="Taken off the agenda by the alliance")
    except REFUSED as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{item.request.reference} was taken off the agenda: it is waiting for a panel")
    return redirect("broker:meeting", meeting_id=meeting.pk)


@policy(can_run_panels)
@require_POST
def item_rank(request, meeting_id, item_id):
    meeting = managed_meeting(request, meeting_id)
    item = item_of(meeting, item_id)
    if item.decided_at is not None or meeting.status != MeetingStatus.PLANNED:
        messages.error(request, "The candidates are kept as the panel saw them when it decided")
    else:
        services.agenda_rank(item=item)
        messages.success(request, f"The candidates for {item.request.reference} were ranked again from the register")
    return redirect("broker:meeting", meeting_id=meeting.pk)


def shortfall_of(item):
    """The item's explanation when its ranking found few or no leaders (or used a wider search)."""
    shortfall = item.shortfall
    if not shortfall or (shortfall["eligible"] >= FEW and not item.widened):
        return None
    return shortfall


def _eligible_words(n: int) -> str:
    if n == 0:
        return "no leader can be put forward"
    return "1 leader can be put forward" if n == 1 else f"{n} leaders can be put forward"


@policy(can_run_panels)
def item_search(request, meeting_id, item_id):
    """Why few or no leaders can be put forward for an agenda item, with the nearest to passing
    each filter; the alliance may rank it again with a wider search (POST: ranking is heavy)."""
    meeting = meeting_of(request, meeting_id)
    item = item_of(meeting, item_id)
    manages = can_broker(request.user, meeting.organisation_id)
    if request.method == "POST" and not manages:
        raise PermissionDenied
    shortfall = item.shortfall
    current = item.widened[0] if item.widened else USUAL_SEARCH
    form = SearchForm(
        WIDENING_WORDS,
        request.POST if request.method == "POST" else None,
        initial={"search": current},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.agenda_search(actor=request.user, item=item, widen=form.widen())
        except REFUSED as refusal:
            form.add_error("search", str(refusal))
        else:
            messages.success(
                request,
                f"{item.request.reference} was ranked again with {search_words(item.widened)}: "
                f"{_eligible_words(item.shortfall['eligible'])}",
            )
            return redirect(reverse("broker:meeting", kwargs={"meeting_id": meeting.pk}) + f"#item-{item.pk}")
    open_to_change = meeting.status == MeetingStatus.PLANNED and item.decided_at is None
    widenable = bool(shortfall and (shortfall["widenings"] or item.widened))
    return render(
        request,
        "commissioning/broker/item_search.html",
        {
            "page_title": f"Who can be put forward for {item.request.reference}",
            "meeting": meeting,
            "item": item,
            "shortfall": shortfall,
            "form": form if manages and (form.errors or (open_to_change and widenable)) else None,
            "search_words": search_words(item.widened or []),
            "term": terms_words(days_by_term(item.request.window_starts, item.request.window_ends, item.request.days)),
        },
    )


# Where each of agenda_decide's refusals belongs on the form.
_DECIDE_FIELDS = (
    ("Enter why the panel chose", "rationale"),
    ("Enter why the panel passed over", "passed_over_reason"),
    ("eligible candidates", "leader"),
    ("recused", "recused"),
)


def _field_for(message: str):
    return next((field for fragment, field in _DECIDE_FIELDS if fragment in message), None)


@policy(can_run_panels)
def item_decide(request, meeting_id, item_id):
    meeting = meeting_of(request, meeting_id)
    item = item_of(meeting, item_id)
    if item.decided_at is not None:
        messages.info(request, "The panel has already decided on this request")
        return redirect("broker:meeting", meeting_id=meeting.pk)
    eligible = eligible_of(item)
    form = DecideForm(eligible, list(meeting.members.all()), request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        leader = User.objects.filter(pk=form.leader_id()).first()
        try:
            offer = services.agenda_decide(
                actor=request.user,
                item=item,
                leader=leader,
                rationale=form.cleaned_data["rationale"],
                passed_over_reason=form.cleaned_data["passed_over_reason"],
                recused=form.chosen_recused(),
            )
        except REFUSED as refusal:
            form.add_error(_field_for(str(refusal)), str(refusal))
        else:
            messages.success(request, f"The panel chose {offer.leader.full_name}: the offer is with them")
            return redirect("broker:meeting", meeting_id=meeting.pk)
    return render(
        request,
        "commissioning/broker/decide.html",
        {
            "page_title": f"Choose a leader for {item.request.reference}",
            "meeting": meeting,
            "item": item,
            "form": form,
            "eligible": eligible,
            "top": eligible[0] if eligible else None,
            "percent": _percent,
        },
    )


def _meeting_change(request, meeting_id, *, form_class, template, title, apply, done):
    meeting = managed_meeting(request, meeting_id)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            apply(meeting, form.cleaned_data)
        except REFUSED as refusal:
            field = "reason" if "reason" in form.fields else "notes"
            form.add_error(field, str(refusal))
        else:
            messages.success(request, done)
            return redirect("broker:meeting", meeting_id=meeting.pk)
    return render(request, template, {"page_title": title, "meeting": meeting, "form": form})


@policy(can_run_panels)
def meeting_hold(request, meeting_id):
    return _meeting_change(
        request,
        meeting_id,
        form_class=HoldForm,
        template="commissioning/broker/meeting_hold.html",
        title="Record the meeting as held",
        apply=lambda meeting, data: services.meeting_hold(actor=request.user, meeting=meeting, notes=data["notes"]),
        done="The meeting is recorded as held: its minutes can be downloaded",
    )


@policy(can_run_panels)
def meeting_cancel(request, meeting_id):
    return _meeting_change(
        request,
        meeting_id,
        form_class=CancelForm,
        template="commissioning/broker/meeting_cancel.html",
        title="Cancel the meeting",
        apply=lambda meeting, data: services.meeting_cancel(actor=request.user, meeting=meeting, reason=data["reason"]),
        done="The meeting is cancelled: its requests are waiting for another panel",
    )


@policy(can_run_panels)
def minutes(request, meeting_id, fmt):
    if fmt not in FORMATS:
        raise Http404
    meeting = meeting_of(request, meeting_id)
    return audited_download(
        request,
        "Panel meeting minutes",
        spreadsheet_response(
            fmt=fmt,
            filename=minutes_filename(meeting),
            headings=HEADINGS,
            rows=minutes_rows(meeting),
            sheet_title="Minutes",
        ),
    )
