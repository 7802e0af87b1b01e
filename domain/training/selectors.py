"""Reading events and bookings, scoped to what the person may see (policies.py)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from domain.accounts.models import MembershipStatus, User
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of
from domain.organisations.models import Organisation, OrganisationKind

from .models import Booking, Event, EventKind
from .policies import colleagues_of, may_act_as_booker
from .workflows import BookingStatus, EventStatus

B = BookingStatus
PLACE_STATES = (B.CONFIRMED, B.ATTENDED, B.ABSENT)


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("organisation", "venue").annotate(
        places_taken=Count("bookings", filter=Q(bookings__status__in=PLACE_STATES), distinct=True),
        waiting=Count("bookings", filter=Q(bookings__status=B.WAITING), distinct=True),
    )


def events_to_book(user) -> QuerySet[Event]:
    """Published events still to come, soonest first, with places taken and the waiting list."""
    return _with_counts(Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__gte=timezone.now())).order_by(
        "starts_at", "id"
    )


def _organiser_scope(user) -> Q:
    if user.is_superuser:
        return Q()
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)
    return Q(organisation_id__in=coordinated) | Q(partners__in=coordinated) | Q(region_id__in=timeline_regions_of(user))


def events_organised_by(user) -> QuerySet[Event]:
    """Every event the person organises (any state), newest first."""
    ids = Event.objects.filter(_organiser_scope(user)).values("pk")
    return _with_counts(Event.objects.filter(pk__in=ids)).order_by("-starts_at", "-id")


def event_for(user, event_id) -> Event | None:
    """A published or cancelled event for anyone signed in; a draft only for its organisers."""
    event = Event.objects.select_related("organisation", "venue", "region").filter(pk=event_id).first()
    if event is None:
        return None
    if event.status == EventStatus.DRAFT and not Event.objects.filter(_organiser_scope(user), pk=event.pk).exists():
        return None
    return event


def bookings_of(event: Event) -> QuerySet[Booking]:
    """The event's bookings: places first, then the waiting list in its order, then cancellations."""
    return event.bookings.select_related("delegate", "booked_by", "organisation").order_by("booked_at", "id")


def waiting_list_of(event: Event) -> list[Booking]:
    return list(bookings_of(event).filter(status=B.WAITING))


def booked_for_colleagues_q(user) -> Q:
    """The bookings the person made for colleagues, while still active in the organisation they
    booked for (issue 12: ending a membership ends at once every access it gave)."""
    return Q(booked_by=user, organisation_id__in=organisation_ids_of(user))


def bookings_for(user) -> QuerySet[Booking]:
    """The person's own bookings and those they made for colleagues, soonest event first."""
    return (
        Booking.objects.filter(Q(delegate=user) | booked_for_colleagues_q(user))
        .select_related("event", "event__venue", "event__organisation", "delegate")
        .order_by("event__starts_at", "id")
    )


def booking_for(user, booking_id) -> Booking | None:
    """One booking for its delegate, its booker or the event's organisers; None otherwise (404)."""
    booking = (
        Booking.objects.select_related("event", "event__organisation", "event__venue", "delegate")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return None
    if user.pk == booking.delegate_id or may_act_as_booker(user, booking):
        return booking
    if Event.objects.filter(_organiser_scope(user), pk=booking.event_id).exists():
        return booking
    return None


@dataclass(frozen=True)
class Income:
    invoiced: Decimal
    paid: Decimal
    places: int

    @property
    def unpaid(self) -> Decimal:
        return self.invoiced - self.paid


def income_of(event: Event) -> Income:
    """The fees of the event's places (cancelled places in time carry no fee)."""
    totals = event.bookings.filter(status__in=PLACE_STATES).aggregate(
        invoiced=Sum("fee"), paid=Sum("fee", filter=Q(paid_on__isnull=False)), places=Count("id")
    )
    return Income(
        invoiced=totals["invoiced"] or Decimal("0"), paid=totals["paid"] or Decimal("0"), places=totals["places"]
    )


def hours_of(event: Event) -> Decimal:
    """The event's length in hours, to a tenth: its CPD hours."""
    return Decimal((event.ends_at - event.starts_at).total_seconds() / 3600).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class CpdEntry:
    booking: Booking
    hours: Decimal


def cpd_record_of(person) -> list[CpdEntry]:
    """The events the person attended, newest first, with their hours (seed 004 §21: ongoing CPD)."""
    attended = (
        Booking.objects.filter(delegate=person, status=B.ATTENDED)
        .select_related("event", "event__venue", "event__organisation")
        .order_by("-event__starts_at", "-id")
    )
    return [
        CpdEntry(
            booking=b,
            hours=hours_of(b.event),
        )
        for b in attended
    ]


@dataclass(frozen=True)
class InductionStatus:
    done: bool
    attended_on: dt.date | None = None
    event: Event | None = None
    # Not yet attended: the place the leader holds on an induction still to come, if any.
    booking: "Booking | None" = None


def induction_booked(person_id) -> Booking | None:
    """The person's place (confirmed or on the waiting list) on the soonest published induction
    still to end, or None."""
    return (
        Booking.objects.filter(
            delegate_id=person_id,
            status__in=[B.CONFIRMED, B.WAITING],
            event__kind=EventKind.INDUCTION,
            event__status=EventStatus.PUBLISHED,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
        .first()
    )


def induction_status(designation) -> InductionStatus:
    """Seed 004 §19-21: training after designation. A designation shows "induction due" until the
    leader attends an induction; one attended in the year before the designation started (or
    before today, for a designation still to start) counts too."""
    since = min(designation.starts_on, timezone.localdate())
    booking = (
        Booking.objects.filter(
            delegate_id=designation.person_id,
            status=B.ATTENDED,
            event__kind=EventKind.INDUCTION,
            event__starts_at__date__gte=since - dt.timedelta(days=366),
        )
        .select_related("event")
        .order_by("-event__starts_at")
        .first()
    )
    if booking is None:
        return InductionStatus(done=False, booking=induction_booked(designation.person_id))
    return InductionStatus(
        done=True, attended_on=timezone.localtime(booking.event.starts_at).date(), event=booking.event
    )


def colleagues_for(user) -> list:
    """The active people who act in an organisation the person acts in (whom they may book for),
    by name. One query."""
    organisations = colleagues_of(user)  # policies: whom a person may book for
    if not organisations:
        return []
    return list(
        User.objects.filter(
            memberships__organisation_id__in=organisations,
            memberships__status=MembershipStatus.ACTIVE,
            is_active=True,
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("full_name", "pk")
    )


# The alliances, hubs and groupings that run events (seed 000: induction "possibly with other TSAs").
RUNNING_KINDS = (OrganisationKind.TSA, OrganisationKind.HUB, OrganisationKind.TSA_GROUPING)


def organisations_running_events_for(user) -> list[Organisation]:
    """The alliances and hubs the person may run an event for: those they coordinate, and every one
    of the regions they represent."""
    running = Organisation.objects.filter(kind__in=RUNNING_KINDS)
    if not user.is_superuser:
        running = running.filter(
            Q(pk__in=organisation_ids_of(user, Role.TSA_COORDINATOR)) | Q(region_id__in=timeline_regions_of(user))
        )
    return list(running.order_by("name"))


def partner_options(region_ids) -> list[Organisation]:
    """The alliances and hubs of these regions that may run an event as partners."""
    return list(Organisation.objects.filter(kind__in=RUNNING_KINDS, region_id__in=region_ids).order_by("name"))
