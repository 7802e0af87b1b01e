"""Events and the people at them for the tests, built through the services.

The frozen clock's day is Sunday 22 November 2026. Unless told otherwise an event is held on
13 December 2026 from 10am to 3pm at a school in Leeds, for anyone with an account, 12 places at
£100; booking opens on 15 November and closes on 11 December; places can be cancelled up to
6 December (7 days before)."""

import datetime as dt

from django.utils import timezone

from domain.accounts.roles import Role
from domain.training import services as training
from tests import factories
from tests.conftest import person_in_role
from tests.leaders.helpers import (
    alliance,
    alliance_with_coordinator,
    associated_leader,
    coordinator_of,
    designate,
    representative_of,
)

__all__ = [
    "alliance",
    "alliance_with_coordinator",
    "associated_leader",
    "coordinator_of",
    "designate",
    "person_in_role",
    "representative_of",
]

EVENT_DAY = dt.date(2026, 12, 13)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def values(**changes) -> dict:
    """An event's details as the organisers' form gives them."""
    day = changes.pop("day", EVENT_DAY)
    return {
        "title": "Leading maths across a trust",
        "kind": "training",
        "description": "How system leaders help a trust's schools teach maths for mastery.",
        "venue": changes.pop("venue")
        if "venue" in changes
        else factories.SchoolFactory(name="Kirkstall Primary School"),
        "venue_details": "The hall",
        "starts_at": at(day, 10),
        "ends_at": at(day, 15),
        "capacity": 12,
        "booking_opens_on": dt.date(2026, 11, 15),
        "booking_closes_on": day - dt.timedelta(days=2),
        "cancellation_days": 7,
        "audience": "anyone",
        "fee": "100",
        **changes,
    }


def draft(organisation=None, coordinator=None, *, partners=(), **changes):
    """A draft event of `organisation` (a new alliance with a coordinator when none is given);
    returns (event, coordinator)."""
    if organisation is None:
        organisation, coordinator = alliance_with_coordinator()
    coordinator = coordinator or coordinator_of(organisation)
    event = training.event_create(
        actor=coordinator, organisation=organisation, values=values(**changes), partners=partners
    )
    return event, coordinator


def published(organisation=None, coordinator=None, **changes):
    """An event open to book; returns (event, coordinator)."""
    event, coordinator = draft(organisation, coordinator, **changes)
    return training.event_publish(actor=coordinator, event=event), coordinator


def person(**fields):
    """Someone with an account: a contact at a school of their own."""
    return person_in_role(Role.SCHOOL_CONTACT, **fields)


def colleague_of(user, **fields):
    """Someone active in the first organisation `user` acts in."""
    membership = user.memberships.first()
    return person_in_role(Role.SCHOOL_CONTACT, organisation=membership.organisation, **fields)


def book(event, delegate, *, actor=None, **options):
    return training.booking_make(actor=actor or delegate, event=event, delegate=delegate, **options)


def full(event, *, places=None):
    """Books every place (or `places` of them) for new people; returns the bookings."""
    return [book(event, person()) for _ in range(places if places is not None else event.capacity)]
