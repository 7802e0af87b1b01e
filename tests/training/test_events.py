"""Creating, changing, publishing and cancelling events (domain.training.services)."""

import datetime as dt
import re

import pytest

from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking, Event
from domain.training.workflows import BookingStatus, EventStatus

from . import builders as b

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_draft_event_with_partners():
    aire, coordinator = b.alliance_with_coordinator()
    hub = b.alliance()
    event = training.event_create(
        actor=coordinator, organisation=aire, values=b.values(title="  Induction  "), partners=[hub, aire]
    )
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT
    assert (event.title, event.organisation, event.region_id, event.created_by) == (
        "Induction",
        aire,
        aire.region_id,
        coordinator,
    )
    assert list(event.partners.all()) == [hub]
    assert event.reference == f"EV{event.pk:05d}"
    assert AuditEvent.objects.filter(action="training.event.created", subject_id=event.pk).exists()


def test_a_regional_representative_organises_for_an_alliance_of_the_region():
    aire = b.alliance()
    event = training.event_create(actor=b.representative_of(aire.region), organisation=aire, values=b.values())
    assert event.organisation == aire


@pytest.mark.parametrize(
    "actor",
    [
        lambda aire: b.coordinator_of(b.alliance()),
        lambda aire: b.person(),
        lambda aire: b.representative_of(b.factories.region("London")),
    ],
    ids=["another alliance's coordinator", "a school contact", "another region's representative"],
)
def test_only_the_alliances_coordinators_and_its_regions_representatives_create_its_events(actor):
    aire = b.alliance(name="Aire Valley Alliance")
    with pytest.raises(TrainingRefused, match="You cannot organise events for Aire Valley Alliance"):
        training.event_create(actor=actor(aire), organisation=aire, values=b.values())
    assert not Event.objects.exists()


def test_an_alliance_without_a_region_cannot_organise():
    aire, coordinator = b.alliance_with_coordinator(region=None, name="Nowhere Alliance")
    with pytest.raises(TrainingRefused, match="Nowhere Alliance has no region"):
        training.event_create(actor=coordinator, organisation=aire, values=b.values())


def _later(days=0, hour=10):
    return b.at(b.EVENT_DAY + dt.timedelta(days=days), hour)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Enter the title of the event"),
        ({"kind": "party"}, "Select what kind of event it is"),
        ({"kind": None}, "Select what kind of event it is"),
        ({"venue": None}, "Choose the school where the event is held"),
        ({"starts_at": None}, "Enter when the event starts and ends"),
        ({"ends_at": "3pm"}, "Enter when the event starts and ends"),
        ({"ends_at": _later(hour=10)}, "The event must end after it starts"),
        ({"ends_at": _later(hour=9)}, "The event must end after it starts"),
        ({"capacity": "twelve"}, "Enter the number of places as a whole number"),
        ({"capacity": None}, "Enter the number of places as a whole number"),
        ({"capacity": 0}, "Enter the number of places as 1 to 1,000"),
        ({"capacity": 1001}, "Enter the number of places as 1 to 1,000"),
        ({"booking_opens_on": None}, "Enter when booking opens and closes"),
        ({"booking_closes_on": dt.date(2026, 11, 14)}, "Booking must close on or after the day it opens"),
        ({"booking_closes_on": dt.date(2026, 12, 14)}, "Booking must close by the day of the event"),
        ({"cancellation_days": "a week"}, "Enter the days before the event as a whole number"),
        ({"cancellation_days": -1}, "Enter the days before the event as 0 to 60"),
        ({"cancellation_days": 61}, "Enter the days before the event as 0 to 60"),
        ({"audience": "everybody"}, "Select who may book a place"),
        ({"fee": "a hundred"}, "Enter the fee as an amount in pounds, like 100 or 100.50"),
        ({"fee": None}, "Enter the fee as an amount in pounds, like 100 or 100.50"),
        ({"fee": "NaN"}, "Enter the fee as £0 to £5,000"),
        ({"fee": "-1"}, "Enter the fee as £0 to £5,000"),
        ({"fee": "5000.01"}, "Enter the fee as £0 to £5,000"),
    ],
)
def test_event_details_are_checked_and_each_problem_named(changes, message):
    aire, coordinator = b.alliance_with_coordinator()
    with pytest.raises(TrainingRefused, match=re.escape(message)) as refused:
        training.event_create(actor=coordinator, organisation=aire, values=b.values(**changes))
    assert str(refused.value) == message
    assert not Event.objects.exists()


def test_details_are_tidied_and_the_defaults_filled_in():
    aire, coordinator = b.alliance_with_coordinator()
    details = b.values(fee="99.999", capacity="1000", venue_details=" Room 4 ", description=" Bring a laptop ")
    del details["audience"], details["cancellation_days"]
    event = training.event_create(actor=coordinator, organisation=aire, values=details)
    event.refresh_from_db()
    assert (str(event.fee), event.capacity, event.audience, event.cancellation_days) == ("100.00", 1000, "region", 7)
    assert (event.venue_details, event.description) == ("Room 4", "Bring a laptop")


def test_a_time_without_a_zone_is_london_time():
    event, _ = b.draft(starts_at=dt.datetime(2026, 12, 13, 10), ends_at=dt.datetime(2026, 12, 13, 15))
    event.refresh_from_db()
    assert event.starts_at == b.at(b.EVENT_DAY, 10)


def test_the_organisers_change_an_event():
    hub, hub_coordinator = b.alliance_with_coordinator()
    event, _ = b.draft(partners=[hub])
    changed = training.event_update(
        actor=hub_coordinator, event=event, values=b.values(title="New title", capacity=20), partners=[]
    )
    changed.refresh_from_db()
    assert (changed.title, changed.capacity) == ("New title", 20)
    assert list(changed.partners.all()) == []
    assert AuditEvent.objects.filter(action="training.event.changed", subject_id=event.pk).exists()


def test_only_the_organisers_change_publish_or_cancel_an_event():
    event, _ = b.draft()
    stranger = b.coordinator_of(b.alliance())
    message = "Only the event's organisers can change it"
    with pytest.raises(TrainingRefused, match=message):
        training.event_update(actor=stranger, event=event, values=b.values(title="Mine now"))
    with pytest.raises(TrainingRefused, match=message):
        training.event_publish(actor=stranger, event=event)
    with pytest.raises(TrainingRefused, match=message):
        training.event_cancel(actor=stranger, event=event, reason="No")
    event.refresh_from_db()
    assert (event.title, event.status) == ("Leading maths across a trust", EventStatus.DRAFT)


def test_a_change_is_checked_like_a_new_event():
    event, coordinator = b.draft()
    with pytest.raises(TrainingRefused, match="Enter the title of the event"):
        training.event_update(actor=coordinator, event=event, values=b.values(title=""))


def test_fewer_places_than_are_booked_are_refused():
    event, coordinator = b.published(capacity=5)
    b.full(event, places=3)
    with pytest.raises(TrainingRefused, match="3 places are booked: offer at least that many") as refused:
        training.event_update(actor=coordinator, event=event, values=b.values(capacity=2))
    assert str(refused.value) == "3 places are booked: offer at least that many"
    event.refresh_from_db()
    assert event.capacity == 5
    training.event_update(actor=coordinator, event=event, values=b.values(capacity=3))
    event.refresh_from_db()
    assert event.capacity == 3


def test_more_places_move_the_waiting_list_up():
    event, coordinator = b.published(capacity=1)
    b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    training.event_update(actor=coordinator, event=event, values=b.values(capacity=2))
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    assert waiting.fee == event.fee


def test_publishing_opens_the_event_once():
    event, coordinator = b.draft()
    training.event_publish(actor=coordinator, event=event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    with pytest.raises(TrainingRefused, match="You cannot publish the event when it is open to book"):
        training.event_publish(actor=coordinator, event=event)


def test_cancelling_needs_a_reason():
    event, coordinator = b.published()
    with pytest.raises(TrainingRefused, match="Enter a reason to cancel the event"):
        training.event_cancel(actor=coordinator, event=event, reason="  ")
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_cancelling_cancels_every_booking_and_tells_each_delegate():
    event, coordinator = b.published(capacity=1, title="Maths hubs")
    booked = b.book(event, b.person())
    waiting = b.book(event, b.person(), waiting_list=True)
    training.event_cancel(actor=coordinator, event=event, reason=" The speaker is ill ")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    for booking in (booked, waiting):
        booking.refresh_from_db()
        assert (booking.status, booking.fee) == (BookingStatus.CANCELLED, 0)
        assert booking.cancelled_at is not None
        told = Notification.objects.get(user=booking.delegate, title="Event cancelled: Maths hubs")
        assert told.body.endswith("cancelled Maths hubs on 13 December 2026 at 10am: The speaker is ill")
        assert told.link == f"/home/events/{event.pk}/"
    with pytest.raises(TrainingRefused, match="The event is cancelled: it cannot change"):
        training.event_update(actor=coordinator, event=event, values=b.values())
    with pytest.raises(TrainingRefused, match="You cannot cancel the event when it is cancelled"):
        training.event_cancel(actor=coordinator, event=event, reason="Again")
    assert Booking.objects.filter(event=event, status=BookingStatus.CANCELLED).count() == 2
