"""Panel meetings (seed 002: "A panel will meet regularly to consider referrals and identify the
most appropriate LLE to carry out the support required"): the alliance schedules a meeting, puts
requests on its agenda, sees ranked candidates with their reasons, and records its choice,
recusals and rationale, including why it passed over the top suggestion."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from domain.accounts.models import User
from domain.audit.services import audit_record
from domain.organisations.models import BROKERING_KINDS
from domain.workflows.table import transition

from .errors import CommissioningRefused
from .models import AgendaItem, PanelMeeting, SupportRequest
from .request_services import _change
from .workflows import MEETING, MeetingStatus, RequestStatus


@transaction.atomic
def meeting_schedule(*, actor, organisation, meets_at: dt.datetime, place: str = "", members=()) -> PanelMeeting:
    """Schedules a meeting of the organisation's panel. Refused for an organisation that does not
    broker, without a date and time, in the past, and with a member who cannot sit on that panel
    (panel_members_for)."""
    if organisation is None or organisation.kind not in BROKERING_KINDS:
        raise CommissioningRefused("Choose the alliance, hub or grouping whose panel meets")
    if not isinstance(meets_at, dt.datetime):
        raise CommissioningRefused("Enter the date and time of the meeting")
    if timezone.is_naive(meets_at):
        meets_at = timezone.make_aware(meets_at)
    if meets_at < timezone.now():
        raise CommissioningRefused("The meeting must be in the future")
    members = list(members)
    allowed = set(panel_members_for(organisation).values_list("pk", flat=True)) if members else set()
    for member in members:
        if member.pk not in allowed:
            raise CommissioningRefused(f"{member.full_name} cannot sit on the panel of {organisation.name}")
    meeting = PanelMeeting.objects.create(
        organisation=organisation, meets_at=meets_at, place=(place or "").strip()[:200], created_by=actor
    )
    meeting.members.set(members)
    audit_record(
        actor=actor,
        action="commissioning.meeting.created",
        subject=meeting,
        to_state=meeting.status,
        organisation=organisation,
        data={"meets_at": meets_at.isoformat(), "members": [m.pk for m in members]},
    )
    return meeting


def _planned(meeting: PanelMeeting) -> None:
    if meeting.status != MeetingStatus.PLANNED:
        raise CommissioningRefused(f"The meeting has been {meeting.get_status_display().lower()}: its agenda is closed")


@transaction.atomic
def agenda_add(*, actor, meeting: PanelMeeting, request: SupportRequest) -> AgendaItem:
    """Puts a triaged request of the meeting's alliance on its agenda and ranks its candidates."""

    _planned(meeting)
    if request.brokering_organisation_id != meeting.organisation_id:
        raise CommissioningRefused(
            f"{request.reference} is brokered by another alliance, not {meeting.organisation.name}"
        )
    if request.status != RequestStatus.TRIAGED:
        raise CommissioningRefused(
            f"{request.reference} is {request.get_status_display().lower()}: "
            "only a request accepted for matching goes on an agenda"
        )
    locked = _change(request, "schedule", actor=actor, data={"meeting_id": meeting.pk})
    position = (meeting.items.aggregate(p=Max("position"))["p"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, request=locked, position=position)
    agenda_rank(item=item)
    return item


def agenda_rank(*, item: AgendaItem, widen=()) -> AgendaItem:
    """Ranks (again) the candidates for the item's request from the register as it is now, with
    the explanation of why few or none are eligible; the usual search unless `widen` names wider
    searches (domain.matching.filters.WIDENINGS)."""
    from .ranking import rank_with_shortfall

    widened = sorted(set(widen))
    item.candidates, item.shortfall = rank_with_shortfall(
        item.request, brokering_organisation=item.meeting.organisation, widen=widened
    )
    item.widened = widened
    item.ranked_at = timezone.now()
    item.save(update_fields=["candidates", "shortfall", "widened", "ranked_at"])
    return item


@transaction.atomic
def agenda_search(*, actor, item: AgendaItem, widen) -> AgendaItem:
    """Ranks the item's request again with the wider searches chosen (none: the usual search),
    and records which in the audit trail. Only the free-days filter can be widened: designation,
    role and conflicts of interest are rules (domain.matching.filters). Refused once the panel
    has decided, and when the meeting is no longer planned."""
    from domain.matching.filters import WIDENINGS, search_words

    _planned(item.meeting)
    if item.decided_at is not None:
        raise CommissioningRefused("The panel has decided on this request: its candidates are kept as it saw them")
    widen = sorted(set(widen))
    if any(name not in WIDENINGS for name in widen):
        raise CommissioningRefused("Choose a search from the list")
    before = list(item.widened or [])
    agenda_rank(item=item, widen=widen)
    audit_record(
        actor=actor,
        action="commissioning.agenda.searched",
        subject=item.request,
        from_state=search_words(before).capitalize(),
        to_state=search_words(widen).capitalize(),
        data={
            "item_id": item.pk,
            "meeting_id": item.meeting_id,
            "widened": widen,
            "eligible": item.shortfall["eligible"],
        },
        organisation=item.meeting.organisation,
    )
    return item


@transaction.atomic
def agenda_remove(*, actor, item: AgendaItem, reason: str = "") -> None:
    _planned(item.meeting)
    if item.decided_at is not None:
        raise CommissioningRefused("The panel has decided on this request: it stays on the record")
    _change(item.request, "unschedule", actor=actor, reason=reason)
    item.delete()


@transaction.atomic
def agenda_decide(*, actor, item: AgendaItem, leader, rationale: str, passed_over_reason: str = "", recused=()):
    """Records the panel's choice of `leader` for the item's request and offers it to them.
    Refused without a rationale, for a leader who is not an eligible candidate, and, when the
    panel passes over the top suggestion, without saying why. Returns the offer."""
    from .offer_services import offer_make

    _planned(item.meeting)
    if item.decided_at is not None:
        raise CommissioningRefused("The panel has already decided on this request")
    rationale = (rationale or "").strip()
    if not rationale:
        raise CommissioningRefused("Enter why the panel chose this leader")
    eligible = [c for c in item.candidates if not c.get("excluded")]
    chosen = next((c for c in eligible if c["leader_id"] == getattr(leader, "pk", None)), None)
    if chosen is None:
        raise CommissioningRefused("Choose one of the eligible candidates")
    top = eligible[0]
    passed_over_reason = (passed_over_reason or "").strip()
    if top["leader_id"] != leader.pk and not passed_over_reason:
        raise CommissioningRefused(f"Enter why the panel passed over the top suggestion, {top['name']}")
    recused = list(recused)
    if leader.pk in {r.pk for r in recused}:
        raise CommissioningRefused("A panel member who recused cannot be the chosen leader")
    if getattr(actor, "pk", None) in {r.pk for r in recused}:
        raise CommissioningRefused("A panel member who recused cannot record the panel's decision")
    item.chosen_leader = leader
    item.rationale = rationale
    item.passed_over_reason = passed_over_reason if top["leader_id"] != leader.pk else ""
    item.decided_by = actor
    item.decided_at = timezone.now()
    item.save(update_fields=["chosen_leader", "rationale", "passed_over_reason", "decided_by", "decided_at"])
    item.recused.set(recused)
    request = _change(
        item.request,
        "match",
        actor=actor,
        reason=rationale,
        data={"leader_id": leader.pk, "rank": eligible.index(chosen) + 1, "recused": [r.pk for r in recused]},
    )
    return offer_make(actor=actor, request=request, leader=leader, item=item, candidate=chosen)


def _unschedule_undecided(meeting: PanelMeeting, *, actor, reason: str) -> list[AgendaItem]:
    """Returns the requests still on the meeting's agenda, undecided, to the alliance's triaged
    list (a request withdrawn meanwhile stays withdrawn); returns their items."""
    items = list(meeting.items.filter(decided_at__isnull=True).select_related("request"))
    for item in items:
        if item.request.status == RequestStatus.ON_AGENDA:
            _change(item.request, "unschedule", actor=actor, reason=reason)
    return items


@transaction.atomic
def meeting_hold(*, actor, meeting: PanelMeeting, notes: str = "") -> PanelMeeting:
    """Records the meeting as held. The requests it did not decide go back to the triaged list,
    for the next meeting; their items stay in the record with the candidates the panel saw."""
    locked = transition(workflow=MEETING, obj=meeting, event="hold", actor=actor, organisation=meeting.organisation)
    locked.notes = meeting.notes = (notes or "").strip()
    locked.save(update_fields=["notes"])
    _unschedule_undecided(locked, actor=actor, reason="The meeting was held without deciding on it")
    return locked


@transaction.atomic
def meeting_cancel(*, actor, meeting: PanelMeeting, reason: str) -> PanelMeeting:
    if meeting.items.filter(decided_at__isnull=False).exists():
        raise CommissioningRefused("The panel has made decisions at this meeting: record it as held instead")
    locked = transition(
        workflow=MEETING, obj=meeting, event="cancel", actor=actor, reason=reason, organisation=meeting.organisation
    )
    _unschedule_undecided(locked, actor=actor, reason="The meeting was cancelled")
    locked.items.all().delete()
    return locked


def meeting_suggestions(*, meeting: PanelMeeting) -> dict[int, dict]:
    """The whole agenda solved at once (an assignment with capacities): for each undecided item,
    the suggested candidate, maximising the total score with each leader's days within their
    capacity. Read-only; the panel decides item by item."""
    from .ranking import solve_agenda

    items = list(
        meeting.items.filter(decided_at__isnull=True, request__status=RequestStatus.ON_AGENDA).select_related(
            "request", "request__client_school"
        )
    )
    return solve_agenda(items)


def panel_members_for(organisation):
    """People who may sit on the organisation's panel: its panel members and coordinators."""
    from domain.accounts.roles import Role
    from domain.accounts.workflows import MembershipStatus

    return (
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role__in=[Role.PANEL_MEMBER, Role.TSA_COORDINATOR],
            memberships__status=MembershipStatus.ACTIVE,
            is_active=True,
        )
        .distinct()
        .order_by("full_name")
    )
