"""Whether a place can be booked now, and who its fee would be invoiced to. The event's page and
the check page of a paid place read them before booking; services.booking_make reads them again
with the event's row locked, so what it books is what they said."""

import datetime as dt

from django.utils import timezone

from domain.accounts.selectors import organisation_ids_of
from domain.organisations.models import Organisation

from .models import Audience, Booking, Event
from .policies import can_book_for, can_organise, may_attend
from .selectors import PLACE_STATES
from .workflows import LIVE_BOOKING_STATES, BookingStatus, EventStatus

B = BookingStatus


def booking_window_refusal(event: Event, today: dt.date | None = None) -> str:
    """Why booking is closed now, or "" when it is open."""
    today = today or timezone.localdate()
    if event.status != EventStatus.PUBLISHED:
        return f"{event.title} is not open to book"
    if today < event.booking_opens_on:
        return f"Booking opens on {event.booking_opens_on.day} {event.booking_opens_on:%B %Y}"
    if today > event.booking_closes_on:
        return f"Booking closed on {event.booking_closes_on.day} {event.booking_closes_on:%B %Y}"
    return ""


def attendance_refusal(event: Event, person, *, who: str = "you") -> str:
    """Why `person` cannot have a place, the event not being for them (its audience); "" when it is.
    The event's page shows it, and booking_make refuses with it."""
    if may_attend(person, event):
        return ""
    audience = event.get_audience_display().lower()
    if event.audience == Audience.REGION:
        audience = f"{audience} ({event.region.name})"
    return f"{event.title} is for {audience}: {who} cannot book it"


def is_full(event: Event) -> bool:
    return event.bookings.filter(status__in=PLACE_STATES).count() >= event.capacity


def booking_refusal(*, actor, event: Event, delegate, organisation=None, waiting_list: bool = False) -> str:
    """Why `actor` cannot book `delegate` a place (or, with `waiting_list`, a place on the waiting
    list of a full event) now, or "" when they can. The organisers may also add anyone the event
    is for outside the booking window."""
    organiser = can_organise(actor, event)
    refusal = booking_window_refusal(event)
    if refusal and not (organiser and event.status == EventStatus.PUBLISHED):
        return refusal
    if not (organiser or can_book_for(actor, delegate)):
        return "You can book places only for yourself or your colleagues"
    refusal = attendance_refusal(event, delegate, who="you" if actor.pk == delegate.pk else delegate.full_name)
    if refusal:
        return refusal
    # Every live booking, not only places and the waiting list: a delegate whose attendance was
    # taken holds their place still (and the database allows one live booking a delegate).
    existing = Booking.objects.filter(event=event, delegate=delegate, status__in=LIVE_BOOKING_STATES).first()
    if existing:
        place = "a place on the waiting list" if existing.status == B.WAITING else "a place"
        return f"{delegate.full_name} already has {place} at {event.title}"
    if not waiting_list and is_full(event):
        taken_text = "The only place is" if event.capacity == 1 else f"All {event.capacity} places are"
        return f"{taken_text} taken: join the waiting list instead"
    if organisation is not None and not (
        organiser or organisation.pk in organisation_ids_of(actor) | organisation_ids_of(delegate)
    ):
        return f"The fee can be invoiced only to an organisation you or {delegate.full_name} act for"
    return ""


def booking_payer(*, actor, delegate) -> Organisation | None:
    """The organisation a place's fee is invoiced to when the booker names none: the first, by
    name, that the delegate and the booker both act for (the delegate's own when the booker acts
    for none). None when the delegate acts for none: the invoice goes to them."""
    shared = organisation_ids_of(delegate) & (organisation_ids_of(actor) or organisation_ids_of(delegate))
    return Organisation.objects.filter(pk__in=shared).order_by("name").first()
