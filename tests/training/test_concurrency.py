"""The issue's "Bad input": "two people racing for the last place cannot both get it (tested on
PostgreSQL)". booking_make counts the places with the event's row locked. Each attempt runs in its
own thread, on its own database connection and in its own transaction, released together by a
barrier. PostgreSQL only: SQLite lets one writer at a time, so there is no race to lose there."""

from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus
from tests.concurrency import POSTGRESQL_ONLY, _migrated_data_only, transactional_db  # noqa: F401 (fixtures)
from tests.concurrency import race as racing

from . import builders as b

N = 8
B = BookingStatus

pytestmark = POSTGRESQL_ONLY


def race(attempts):
    return racing(attempts, refusal=TrainingRefused)


def places_of(event):
    return list(Booking.objects.filter(event=event, status=B.CONFIRMED))


def test_people_racing_for_the_last_place_cannot_all_get_it():
    event, _ = b.published(capacity=3)
    b.full(event, places=2)
    people = [b.person() for _ in range(N)]

    successes, refusals, errors = race([lambda p=p: b.book(event, p) for p in people])

    assert errors == []
    assert len(successes) == 1
    assert refusals == ["All 3 places are taken: join the waiting list instead"] * (N - 1)
    assert len(places_of(event)) == 3
    assert successes[0].status == B.CONFIRMED


def test_those_who_lose_the_race_join_the_waiting_list_when_they_asked_to():
    event, _ = b.published(capacity=1)
    people = [b.person() for _ in range(N)]

    successes, refusals, errors = race([lambda p=p: b.book(event, p, waiting_list=True) for p in people])

    assert (errors, refusals) == ([], [])
    assert sorted(x.status for x in successes) == [B.CONFIRMED] + [B.WAITING] * (N - 1)
    assert len(places_of(event)) == 1
    assert Booking.objects.filter(event=event, status=B.WAITING).count() == N - 1


def test_one_person_booking_many_times_at_once_gets_one_place():
    event, _ = b.published()
    delegate = b.person(full_name="Priya Shah")

    successes, refusals, errors = race([lambda: b.book(event, delegate) for _ in range(N)])

    assert errors == []
    assert len(successes) == 1
    assert all(r.startswith("Priya Shah already has a place at") for r in refusals) and len(refusals) == N - 1
    assert Booking.objects.filter(event=event, delegate=delegate).count() == 1


def test_a_place_freed_while_others_race_to_book_goes_to_the_waiting_list():
    event, _ = b.published(capacity=2)
    first, _ = b.full(event)
    queued = b.book(event, b.person(), waiting_list=True)
    people = [b.person() for _ in range(N - 1)]

    successes, refusals, errors = race(
        [lambda: training.booking_cancel(actor=first.delegate, booking=first)]
        + [lambda p=p: b.book(event, p) for p in people]
    )

    # Whoever runs first, the freed place goes to the one waiting for it: those booking find it taken.
    assert errors == []
    assert len(successes) == 1
    assert refusals == ["All 2 places are taken: join the waiting list instead"] * (N - 1)
    queued.refresh_from_db()
    assert queued.status == B.CONFIRMED
    assert len(places_of(event)) == 2
