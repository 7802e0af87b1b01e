"""Reading events and bookings (domain.training.selectors): what each person sees, income, CPD
records, induction on the designation, and lists that run a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest

from domain.training import selectors
from domain.training import services as training
from domain.training.models import Event
from tests.queries import assert_constant_queries

from . import builders as b

pytestmark = pytest.mark.django_db

HELD_ON = dt.date(2026, 11, 8)  # a fortnight before the frozen day


def held(organisation=None, coordinator=None, *, day=HELD_ON, **changes):
    """An event held on `day` (before today); returns (event, coordinator)."""
    return b.published(
        organisation,
        coordinator,
        day=day,
        booking_opens_on=day - dt.timedelta(days=30),
        booking_closes_on=day,
        **changes,
    )


def attended(event, coordinator, delegate, present=True):
    booking = b.book(event, delegate, actor=coordinator)
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: present})
    booking.refresh_from_db()
    return booking


# Events --------------------------------------------------------------------------------------


def test_events_to_book_are_published_and_still_to_come_soonest_first():
    aire, coordinator = b.alliance_with_coordinator()
    later, _ = b.published(aire, coordinator, day=dt.date(2027, 1, 20), title="Later")
    sooner, _ = b.published(aire, coordinator, title="Sooner")
    b.draft(aire, coordinator, title="Draft")
    held(aire, coordinator, title="Past")
    cancelled, _ = b.published(aire, coordinator, title="Cancelled")
    training.event_cancel(actor=coordinator, event=cancelled, reason="No speaker")
    b.full(sooner, places=2)
    b.book(later, b.person())
    events = list(selectors.events_to_book(b.person()))
    assert [e.title for e in events] == ["Sooner", "Later"]
    assert [(e.places_taken, e.waiting) for e in events] == [(2, 0), (1, 0)]


def test_the_places_and_waiting_list_are_counted_apart():
    event, coordinator = b.published(capacity=2)
    [first, _] = b.full(event)
    b.book(event, b.person(), waiting_list=True)
    b.book(event, b.person(), waiting_list=True)
    training.booking_cancel(actor=first.delegate, booking=first)
    [listed] = selectors.events_to_book(b.person())
    assert (listed.places_taken, listed.waiting) == (2, 1)


def test_events_organised_by_the_alliance_its_partners_and_the_regions_representatives():
    aire, coordinator = b.alliance_with_coordinator()
    hub, hub_coordinator = b.alliance_with_coordinator()
    ours, _ = b.draft(aire, coordinator, partners=[hub], title="Ours")
    theirs, _ = b.published(hub, hub_coordinator, title="Theirs")
    assert list(selectors.events_organised_by(coordinator)) == [ours]
    assert {e.title for e in selectors.events_organised_by(hub_coordinator)} == {"Ours", "Theirs"}
    assert {e.title for e in selectors.events_organised_by(b.representative_of())} == {"Ours", "Theirs"}
    assert list(selectors.events_organised_by(b.representative_of(b.factories.region("London")))) == []
    assert list(selectors.events_organised_by(b.person())) == []


def test_a_draft_is_shown_to_its_organisers_only():
    aire, coordinator = b.alliance_with_coordinator()
    hub, hub_coordinator = b.alliance_with_coordinator()
    draft, _ = b.draft(aire, coordinator, partners=[hub])
    for organiser in (coordinator, hub_coordinator, b.representative_of()):
        assert selectors.event_for(organiser, draft.pk) == draft
    for outsider in (b.person(), b.coordinator_of(b.alliance())):
        assert selectors.event_for(outsider, draft.pk) is None
    training.event_publish(actor=coordinator, event=draft)
    assert selectors.event_for(b.person(), draft.pk) == draft
    assert selectors.event_for(coordinator, 999_999) is None


def test_a_cancelled_event_is_still_shown_to_those_who_booked():
    event, coordinator = b.published()
    delegate = b.person()
    b.book(event, delegate)
    training.event_cancel(actor=coordinator, event=event, reason="Snow")
    assert selectors.event_for(delegate, event.pk) == event


# Bookings ------------------------------------------------------------------------------------


def test_a_booking_is_for_its_delegate_its_booker_and_the_organisers_only():
    aire, coordinator = b.alliance_with_coordinator()
    hub, hub_coordinator = b.alliance_with_coordinator()
    event, _ = b.published(aire, coordinator, partners=[hub])
    booker = b.person()
    colleague = b.colleague_of(booker)
    booking = b.book(event, colleague, actor=booker)
    for allowed in (colleague, booker, coordinator, hub_coordinator, b.representative_of()):
        assert selectors.booking_for(allowed, booking.pk) == booking
    # Another colleague, another alliance's coordinator, another region: 404.
    for other in (
        b.colleague_of(booker),
        b.coordinator_of(b.alliance()),
        b.representative_of(b.factories.region("London")),
    ):
        assert selectors.booking_for(other, booking.pk) is None
    assert selectors.booking_for(booker, 999_999) is None


def test_bookings_for_a_person_are_theirs_and_those_they_made():
    booker = b.person()
    colleague = b.colleague_of(booker)
    soon, _ = b.published(title="Soon")
    later, _ = b.published(day=dt.date(2027, 2, 1), title="Later")
    mine = b.book(later, booker)
    theirs = b.book(soon, colleague, actor=booker)
    b.book(soon, b.person())
    assert list(selectors.bookings_for(booker)) == [theirs, mine]
    assert list(selectors.bookings_for(colleague)) == [theirs]


def test_the_waiting_list_is_in_the_order_people_joined(frozen_clock):
    event, _ = b.published(capacity=1)
    b.full(event)
    queue = []
    for _ in range(3):
        frozen_clock.shift(dt.timedelta(minutes=5))
        queue.append(b.book(event, b.person(), waiting_list=True))
    assert selectors.waiting_list_of(event) == queue
    assert [x.status for x in selectors.bookings_of(event)] == ["confirmed", "waiting", "waiting", "waiting"]


# Income, CPD and induction -------------------------------------------------------------------


def test_income_counts_the_fees_of_the_places_and_what_is_paid():
    event, coordinator = b.published(fee="100")
    first, second, third = b.full(event, places=3)
    nobody_booked, _ = b.published()
    training.booking_cancel(actor=third.delegate, booking=third)
    training.booking_mark_paid(actor=coordinator, booking=first, paid_on=dt.date(2026, 11, 22))
    income = selectors.income_of(event)
    assert (income.invoiced, income.paid, income.unpaid, income.places) == (
        Decimal("200.00"),
        Decimal("100.00"),
        Decimal("100.00"),
        2,
    )
    empty = selectors.income_of(nobody_booked)
    assert (empty.invoiced, empty.paid, empty.places) == (0, 0, 0)


def test_the_cpd_record_lists_events_attended_with_their_hours():
    aire, coordinator = b.alliance_with_coordinator()
    person = b.person()
    older, _ = held(aire, coordinator, day=dt.date(2026, 10, 1), title="Older")
    newer, _ = held(aire, coordinator, title="Newer")
    missed, _ = held(aire, coordinator, title="Missed")
    Event.objects.filter(pk=older.pk).update(ends_at=b.at(dt.date(2026, 10, 1), 13, 30))
    attended(older, coordinator, person)
    attended(newer, coordinator, person)
    attended(missed, coordinator, person, present=False)
    b.book(b.published(aire, coordinator, title="To come")[0], person)
    record = selectors.cpd_record_of(person)
    assert [(entry.booking.event.title, entry.hours) for entry in record] == [
        ("Newer", Decimal("5.0")),
        ("Older", Decimal("3.5")),
    ]


def test_a_new_designation_shows_induction_due_until_the_leader_attends_an_induction(frozen_clock):
    aire, coordinator = b.alliance_with_coordinator()
    designation = b.designate(organisation=aire, starts_on=dt.date(2026, 11, 1))
    leader = designation.person
    assert selectors.induction_status(designation).done is False

    cpd, _ = held(aire, coordinator, kind="cpd", title="CPD")
    attended(cpd, coordinator, leader)
    assert selectors.induction_status(designation).done is False

    induction, _ = b.published(aire, coordinator, kind="induction", audience="leaders", title="Induction")
    booking = b.book(induction, leader)
    assert selectors.induction_status(designation).done is False  # booked, not yet attended
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    training.attendance_record(actor=coordinator, event=induction, attended={booking.pk: False})
    assert selectors.induction_status(designation).done is False  # did not attend
    training.attendance_record(actor=coordinator, event=induction, attended={booking.pk: True})
    status = selectors.induction_status(designation)
    assert (status.done, status.attended_on, status.event) == (True, b.EVENT_DAY, induction)


def test_an_induction_long_before_the_designation_does_not_count():
    aire, coordinator = b.alliance_with_coordinator()
    leader = b.factories.UserFactory()
    old, _ = held(aire, coordinator, day=dt.date(2025, 6, 1), kind="induction", audience="anyone")
    attended(old, coordinator, leader)
    designation = b.designate(leader, organisation=aire, starts_on=dt.date(2026, 11, 1))
    assert selectors.induction_status(designation).done is False


# Constant queries ----------------------------------------------------------------------------


def test_the_lists_run_a_constant_number_of_queries():
    aire, coordinator = b.alliance_with_coordinator()
    hub = b.alliance()
    person = b.person()
    event, _ = b.published(aire, coordinator, partners=[hub], capacity=100)

    def grow():
        more, _ = b.published(aire, coordinator, partners=[hub])
        b.book(more, person)
        b.book(more, b.colleague_of(person), actor=person)
        b.book(event, b.person())
        past, _ = held(aire, coordinator)
        attended(past, coordinator, person)

    def fetch():
        return [
            [
                (e.title, e.organisation.name, e.venue.display_name, e.places_taken)
                for e in selectors.events_to_book(person)
            ],
            [(e.title, e.organisation.name, e.waiting) for e in selectors.events_organised_by(coordinator)],
            [(x.delegate.full_name, x.booked_by.full_name, x.organisation) for x in selectors.bookings_of(event)],
            [(x.event.title, x.event.venue.display_name, x.delegate.full_name) for x in selectors.bookings_for(person)],
            [
                (c.booking.event.title, c.booking.event.organisation.name, c.hours)
                for c in selectors.cpd_record_of(person)
            ],
        ]

    grow()
    lists = assert_constant_queries(fetch, grow)
    assert [len(x) for x in lists] == [4, 7, 3, 9, 3]
