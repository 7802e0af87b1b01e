"""Events and bookings: the one way they change (seed 000 "Training": TSAs "will be invited to apply
for a place with booking", "a charge of £100 per delegate"; seed 004 §19-21).

Every refusal is a TrainingRefused that changes nothing. Places are counted with the event's row
locked, so two people racing for the last place cannot both get it."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.services import audit_record
from domain.notifications.services import notify
from domain.workflows.table import transition

from .booking_checks import booking_payer, booking_refusal, is_full
from .errors import TrainingRefused
from .models import Audience, Booking, Event, EventKind
from .policies import can_organise, may_act_as_booker
from .workflows import BOOKING, EVENT, BookingStatus, EventStatus

B = BookingStatus
LINK_TO_EVENT = "/home/events/{pk}/"
MOST_PLACES = 1000
HIGHEST_FEE = Decimal("5000")


def _step(workflow, obj, event: str, *, actor, reason: str = ""):
    organisation = obj.organisation if isinstance(obj, Event) else obj.event.organisation
    return transition(
        workflow=workflow,
        obj=obj,
        event=event,
        actor=actor,
        reason=(reason or "").strip(),
        organisation=organisation,
        refused_as=TrainingRefused,
    )


def _when(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y} at {local:%-I:%M%p}".replace(":00", "").replace("AM", "am").replace("PM", "pm")


# Events ----------------------------------------------------------------------------------------


def _clean_event(values: dict) -> dict:
    """The event's details, checked; raises TrainingRefused naming the first problem."""
    cleaned = {}
    title = (values.get("title") or "").strip()
    if not title:
        raise TrainingRefused("Enter the title of the event")
    cleaned["title"] = title[:200]
    if values.get("kind") not in EventKind.values:
        raise TrainingRefused("Select what kind of event it is")
    cleaned["kind"] = values["kind"]
    cleaned["description"] = (values.get("description") or "").strip()
    if values.get("venue") is None:
        raise TrainingRefused("Choose the school where the event is held")
    cleaned["venue"] = values["venue"]
    cleaned["venue_details"] = (values.get("venue_details") or "").strip()[:200]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts, dt.datetime) or not isinstance(ends, dt.datetime):
        raise TrainingRefused("Enter when the event starts and ends")
    # Times from a form may come without a zone: they are the service's (London) time.
    starts, ends = (timezone.make_aware(t) if timezone.is_naive(t) else t for t in (starts, ends))
    if ends <= starts:
        raise TrainingRefused("The event must end after it starts")
    cleaned["starts_at"], cleaned["ends_at"] = starts, ends
    try:
        capacity = int(values.get("capacity"))
    except (TypeError, ValueError):
        raise TrainingRefused("Enter the number of places as a whole number") from None
    if not 1 <= capacity <= MOST_PLACES:
        raise TrainingRefused(f"Enter the number of places as 1 to {MOST_PLACES:,}")
    cleaned["capacity"] = capacity
    opens, closes = values.get("booking_opens_on"), values.get("booking_closes_on")
    if not isinstance(opens, dt.date) or not isinstance(closes, dt.date):
        raise TrainingRefused("Enter when booking opens and closes")
    if closes < opens:
        raise TrainingRefused("Booking must close on or after the day it opens")
    if closes > timezone.localtime(starts).date():
        raise TrainingRefused("Booking must close by the day of the event")
    cleaned["booking_opens_on"], cleaned["booking_closes_on"] = opens, closes
    try:
        cancellation_days = int(values.get("cancellation_days", 7))
    except (TypeError, ValueError):
        raise TrainingRefused("Enter the days before the event as a whole number") from None
    if not 0 <= cancellation_days <= 60:
        raise TrainingRefused("Enter the days before the event as 0 to 60")
    cleaned["cancellation_days"] = cancellation_days
    audience = values.get("audience") or Audience.REGION
    if audience not in Audience.values:
        raise TrainingRefused("Select who may book a place")
    cleaned["audience"] = audience
    try:
        fee = Decimal(str(values.get("fee", "0"))).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise TrainingRefused("Enter the fee as an amount in pounds, like 100 or 100.50") from None
    if not fee.is_finite() or fee < 0 or fee > HIGHEST_FEE:
        raise TrainingRefused(f"Enter the fee as £0 to £{HIGHEST_FEE:,.0f}")
    cleaned["fee"] = fee
    return cleaned


def _require_organiser(actor, event) -> None:
    if not can_organise(actor, event):
        raise TrainingRefused("Only the event's organisers can change it")


@transaction.atomic
def event_create(*, actor, organisation, values: dict, partners=()) -> Event:
    """A draft event run by `organisation` (the caller is one of its coordinators or its region's
    representatives) with any partner alliances."""
    if not (actor.is_superuser or organisation.pk in organisation_ids_of(actor, Role.TSA_COORDINATOR)):
        from domain.audit.policies import timeline_regions_of

        if organisation.region_id not in timeline_regions_of(actor):
            raise TrainingRefused(f"You cannot organise events for {organisation.name}")
    if organisation.region_id is None:
        raise TrainingRefused(f"{organisation.name} has no region: ask the regional body to set it")
    event = Event.objects.create(
        organisation=organisation, region_id=organisation.region_id, created_by=actor, **_clean_event(values)
    )
    event.partners.set([p for p in partners if p.pk != organisation.pk])
    audit_record(
        actor=actor, action="training.event.created", subject=event, to_state=event.status, organisation=organisation
    )
    return event


@transaction.atomic
def event_update(*, actor, event: Event, values: dict, partners=None) -> Event:
    """Changes a draft or published event. Fewer places than are booked are refused."""
    locked = Event.objects.select_for_update().get(pk=event.pk)
    _require_organiser(actor, locked)
    if locked.status == EventStatus.CANCELLED:
        raise TrainingRefused("The event is cancelled: it cannot change")
    cleaned = _clean_event(values)
    booked = locked.bookings.filter(status__in=[B.CONFIRMED, B.ATTENDED, B.ABSENT]).count()
    if cleaned["capacity"] < booked:
        # At least one place is offered (_clean_event), so at least two are booked here.
        raise TrainingRefused(f"{booked} places are booked: offer at least that many")
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.save()
    if partners is not None:
        locked.partners.set([p for p in partners if p.pk != locked.organisation_id])
    audit_record(actor=actor, action="training.event.changed", subject=locked, organisation=locked.organisation)
    _promote_waiting(actor=actor, event=locked)
    return locked


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    _require_organiser(actor, event)
    return _step(EVENT, event, "publish", actor=actor)


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str) -> Event:
    """Cancels the event: every booking is cancelled (no fee) and every delegate told why."""
    _require_organiser(actor, event)
    locked = _step(EVENT, event, "cancel", actor=actor, reason=reason)
    for booking in Booking.objects.filter(event=locked, status__in=[B.CONFIRMED, B.WAITING]).select_related("delegate"):
        _step(BOOKING, booking, "cancel", actor=actor, reason="The event is cancelled")
        Booking.objects.filter(pk=booking.pk).update(cancelled_at=timezone.now(), fee=Decimal("0"))
        notify(
            user=booking.delegate,
            title=f"Event cancelled: {locked.title}",
            body=f"{locked.organisation.name} cancelled {locked.title} on {_when(locked.starts_at)}: {reason.strip()}",
            link=LINK_TO_EVENT.format(pk=locked.pk),
        )
    return locked


# Bookings --------------------------------------------------------------------------------------


def _invoice_number(event: Event, booking: Booking) -> str:
    return f"{event.organisation.code or 'EV'}-{event.reference}-{booking.pk}"


def _confirm(booking: Booking, event: Event) -> None:
    booking.fee = event.fee
    booking.invoice_number = _invoice_number(event, booking) if event.fee > 0 else ""
    booking.save(update_fields=["fee", "invoice_number"])
    _tell_booked(booking, event)


def _tell_booked(booking: Booking, event: Event) -> None:
    """The delegate's confirmation, with the event's calendar file (tasks.send_booking_confirmation)."""
    payer = booking.organisation.name if booking.organisation else "you"
    fee = f" The fee of £{booking.fee:,.2f} is invoiced to {payer}." if booking.fee else ""
    notification = notify(
        user=booking.delegate,
        title=f"Place booked: {event.title}",
        body=(
            f"You have a place at {event.title} on {_when(event.starts_at)} at {event.venue.display_name}.{fee} "
            "The calendar file is attached."
        ),
        link=LINK_TO_EVENT.format(pk=event.pk),
        email=False,
    )
    if booking.delegate.email and booking.delegate.is_active:
        from .tasks import send_booking_confirmation

        transaction.on_commit(lambda: send_booking_confirmation.enqueue(notification.pk, event.pk), robust=True)


@transaction.atomic
def booking_make(*, actor, event: Event, delegate, organisation=None, waiting_list: bool = False) -> Booking:
    """Books `delegate` a place (the booker themself or a colleague). When every place is taken the
    booking is refused, or with `waiting_list` joins the waiting list. The organisers may also add
    anyone the event is for outside the booking window (a delegate who arrives on the day)."""
    # One booking at a time per event: the places are counted with the event's row locked.
    locked = (
        Event.objects.select_for_update(of=("self",)).select_related("organisation", "venue", "region").get(pk=event.pk)
    )
    refusal = booking_refusal(
        actor=actor, event=locked, delegate=delegate, organisation=organisation, waiting_list=waiting_list
    )
    if refusal:
        raise TrainingRefused(refusal)
    if organisation is None:
        organisation = booking_payer(actor=actor, delegate=delegate)
    full = is_full(locked)
    booking = Booking.objects.create(
        event=locked,
        delegate=delegate,
        booked_by=actor,
        organisation=organisation,
        status=B.WAITING if full else B.CONFIRMED,
    )
    audit_record(
        actor=actor,
        action="training.booking.created",
        subject=booking,
        to_state=booking.status,
        organisation=locked.organisation,
        data={"event_id": locked.pk, "delegate_id": delegate.pk},
    )
    if full:
        notify(
            user=delegate,
            title=f"On the waiting list: {locked.title}",
            body=(
                f"{locked.title} on {_when(locked.starts_at)} is full. You are on the waiting list and will be "
                "booked a place, and told, as soon as one is free."
            ),
            link=LINK_TO_EVENT.format(pk=locked.pk),
        )
    else:
        _confirm(booking, locked)
    return booking


def cancellation_cutoff(event: Event) -> dt.date:
    """The last day a booking can be cancelled by the delegate (the organisers can cancel later)."""
    return timezone.localtime(event.starts_at).date() - dt.timedelta(days=event.cancellation_days)


@transaction.atomic
def booking_cancel(*, actor, booking: Booking, reason: str = "") -> Booking:
    """Cancels a place or a place on the waiting list: the delegate or whoever booked it, up to the
    cut-off; the organisers at any time. A freed place goes to the first on the waiting list."""
    event = (
        Event.objects.select_for_update(of=("self",)).select_related("organisation", "venue").get(pk=booking.event_id)
    )
    organiser = can_organise(actor, event)
    if not organiser and actor.pk != booking.delegate_id and not may_act_as_booker(actor, booking):
        raise TrainingRefused("You can cancel only your own bookings and those you made")
    cutoff = cancellation_cutoff(event)
    # Leaving the waiting list frees no place: it is allowed until the list is promoted.
    waiting = Booking.objects.filter(pk=booking.pk, status=B.WAITING).exists()
    if not organiser and not waiting and timezone.localdate() > cutoff:
        raise TrainingRefused(
            f"Places can be cancelled up to {cutoff.day} {cutoff:%B %Y}: ask the organisers, {event.organisation.name}"
        )
    locked = _step(BOOKING, booking, "cancel", actor=actor, reason=reason)
    locked.cancelled_at = timezone.now()
    locked.fee = Decimal("0")
    locked.save(update_fields=["cancelled_at", "fee"])
    if actor.pk != locked.delegate_id:
        notify(
            user=locked.delegate,
            title=f"Booking cancelled: {event.title}",
            body=(
                f"Your {'place on the waiting list' if waiting else 'place'} at {event.title} on "
                f"{_when(event.starts_at)} is cancelled. {reason}"
            ).strip(),
            link=LINK_TO_EVENT.format(pk=event.pk),
        )
    _promote_waiting(actor=actor, event=event)
    return locked


def _promote_waiting(*, actor, event: Event) -> None:
    """Fills free places from the waiting list, first come first served (the event is locked). Once
    the event has started nobody is booked (and charged) from the list any more."""
    if event.status != EventStatus.PUBLISHED or timezone.now() >= event.starts_at:
        return
    taken = event.bookings.filter(status__in=[B.CONFIRMED, B.ATTENDED, B.ABSENT]).count()
    free = event.capacity - taken
    if free <= 0:
        return
    for booking in (
        event.bookings.filter(status=B.WAITING)
        .select_related("delegate", "organisation")
        .order_by("booked_at", "id")[:free]
    ):
        locked = _step(BOOKING, booking, "promote", actor=actor, reason="A place became free")
        locked.promoted_at = timezone.now()
        locked.save(update_fields=["promoted_at"])
        _confirm(locked, event)


@transaction.atomic
def attendance_record(*, actor, event: Event, attended: dict, memorandum_signed=()) -> int:
    """The register on the day: `attended` maps each booking's id to True (attended) or False (did
    not attend). At an induction the organisers also record who signed the memorandum of
    understanding (seed 000 "Association"), which accepts it for the leader's association.
    Returns how many bookings changed."""
    _require_organiser(actor, event)
    if event.status != EventStatus.PUBLISHED:
        state = "cancelled" if event.status == EventStatus.CANCELLED else "not published"
        raise TrainingRefused(f"{event.title} is {state}: there is no register to take")
    if timezone.localdate() < timezone.localtime(event.starts_at).date():
        raise TrainingRefused("The register can be taken from the day of the event")
    changed = 0
    bookings = {
        b.pk: b
        for b in Booking.objects.filter(event=event, status__in=[B.CONFIRMED, B.ATTENDED, B.ABSENT]).select_related(
            "delegate"
        )
    }
    unknown = set(attended) - set(bookings)
    if unknown:
        raise TrainingRefused("The register names a booking that is not a place at this event")
    for booking_id, present in attended.items():
        booking = bookings[booking_id]
        wanted = B.ATTENDED if present else B.ABSENT
        if booking.status != wanted:
            _step(BOOKING, booking, "attend" if present else "miss", actor=actor)
            Booking.objects.filter(pk=booking.pk).update(attendance_taken_by=actor)
            changed += 1
    if memorandum_signed and event.kind != EventKind.INDUCTION:
        raise TrainingRefused("The memorandum of understanding is signed at an induction")
    for booking_id in memorandum_signed:
        booking = bookings.get(booking_id)
        # Attended by this register or an earlier one (taking it set each booking's status above).
        if booking is None or booking.status != B.ATTENDED:
            raise TrainingRefused("Only a delegate who attended can sign the memorandum there")
        if not booking.memorandum_signed:
            _sign_memorandum(actor=actor, booking=booking)
            changed += 1
    return changed


def _sign_memorandum(*, actor, booking: Booking) -> None:
    from domain.leaders.memorandum_services import memorandum_accept
    from domain.leaders.models import MemorandumParty
    from domain.leaders.people import AssociationRefused
    from domain.leaders.selectors import active_association_of

    association = active_association_of(booking.delegate)
    if association is None:
        raise TrainingRefused(
            f"{booking.delegate.full_name} is not associated with an alliance yet: the memorandum is signed "
            "for an association"
        )
    try:
        memorandum_accept(actor=actor, association=association, party=MemorandumParty.LEADER)
    except AssociationRefused as refusal:
        if "already been accepted" not in str(refusal):
            raise TrainingRefused(str(refusal)) from None
    Booking.objects.filter(pk=booking.pk).update(memorandum_signed=True)
    booking.memorandum_signed = True


@transaction.atomic
def booking_mark_paid(*, actor, booking: Booking, paid_on: dt.date) -> Booking:
    """The organisers record that the fee's invoice was paid."""
    event = booking.event
    _require_organiser(actor, event)
    if not booking.fee:
        raise TrainingRefused("There is no fee to pay for this booking")
    if paid_on > timezone.localdate():
        raise TrainingRefused("The date paid must be today or in the past")
    booking.paid_on = paid_on
    booking.save(update_fields=["paid_on"])
    audit_record(
        actor=actor,
        action="training.booking.paid",
        subject=booking,
        organisation=event.organisation,
        data={"paid_on": paid_on.isoformat(), "fee": str(booking.fee)},
    )
    return booking
