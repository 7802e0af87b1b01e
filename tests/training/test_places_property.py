"""Whatever people do with one event's places, in any order (book, join the waiting list, cancel,
and the organisers changing the number of places), the event never has more places booked than
it offers, and while a place is free nobody waits for one; a freed place goes to the first who
joined the waiting list."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus

from . import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus
PEOPLE = 5

operations = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["book", "wait", "cancel", "organiser cancels"]), st.integers(0, PEOPLE - 1)),
        st.tuples(st.just("places"), st.integers(1, 4)),
    ),
    min_size=1,
    max_size=25,
)


def _live(event, delegate):
    return Booking.objects.filter(event=event, delegate=delegate, status__in=[B.CONFIRMED, B.WAITING]).first()


def _state(event):
    places = Booking.objects.filter(event=event, status=B.CONFIRMED).count()
    queue = list(Booking.objects.filter(event=event, status=B.WAITING).order_by("booked_at", "id"))
    return places, queue


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(capacity=st.integers(1, 3), steps=operations)
def test_places_never_exceed_capacity_and_a_free_place_empties_the_waiting_list(capacity, steps):
    event, coordinator = b.published(capacity=capacity)
    people = [b.person() for _ in range(PEOPLE)]
    for operation, argument in steps:
        before_places, before_queue = _state(event)
        leaving = None
        try:
            if operation == "places":
                training.event_update(actor=coordinator, event=event, values=b.values(capacity=argument))
            elif operation in ("book", "wait"):
                b.book(event, people[argument], waiting_list=operation == "wait")
            else:
                leaving = _live(event, people[argument])
                if leaving is None:
                    continue
                actor = coordinator if operation == "organiser cancels" else people[argument]
                training.booking_cancel(actor=actor, booking=leaving)
        except TrainingRefused:
            # A refusal changes nothing.
            assert _state(event) == (before_places, before_queue)
            continue
        event.refresh_from_db()
        places, queue = _state(event)
        assert places <= event.capacity
        if places < event.capacity:
            assert queue == []
        # Those booked from the waiting list are the first who joined it, with the fee to pay.
        still_queued = [x for x in before_queue if x != leaving]
        promoted = [x for x in still_queued if x not in queue]
        assert promoted == still_queued[: len(promoted)]
        for booking in promoted:
            booking.refresh_from_db()
            assert (booking.status, booking.fee) == (B.CONFIRMED, event.fee)
