"""Booking, the waiting list, cancellation and payment as decision tables
(domain/training/services.py). Written to kill the mutants `make mutate` found surviving
(docs/testing.md); each test states a rule of the service: the exact message a person is shown, the
boundary days, who is told what, and what the audit trail records.

The frozen clock's day is 22 November 2026; the builders' event is on 13 December 2026, 12 places
at £100, cancellable up to 6 December (tests/training/builders.py)."""

import datetime as dt
import re

import pytest

from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.training import services as training
from domain.training.booking_checks import attendance_refusal, booking_payer, booking_refusal
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus

from . import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus
TODAY = dt.date(2026, 11, 22)


def refused(message: str):
    """The refusal shows exactly `message`: nothing before or after it."""
    return pytest.raises(TrainingRefused, match=f"^{re.escape(message)}$")


def audit_of(booking, action):
    return AuditEvent.objects.get(subject_type="training.booking", subject_id=str(booking.pk), action=action)


# Paying ----------------------------------------------------------------------------------------


def test_a_payment_may_be_dated_today_but_not_tomorrow():
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    tomorrow = TODAY + dt.timedelta(days=1)
    with refused("The date paid must be today or in the past"):
        training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=tomorrow)
    training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=TODAY)
    assert Booking.objects.get(pk=booking.pk).paid_on == TODAY


def test_a_payment_is_audited_with_who_recorded_it_the_day_and_the_fee():
    event, coordinator = b.published(fee="250.50")
    booking = b.book(event, b.person())
    training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=dt.date(2026, 11, 20))
    paid = audit_of(booking, "training.booking.paid")
    assert (paid.actor, paid.organisation) == (coordinator, event.organisation)
    assert paid.data == {"paid_on": "2026-11-20", "fee": "250.50"}


def test_a_free_place_has_nothing_to_pay_in_those_words():
    event, coordinator = b.published(fee="0")
    booking = b.book(event, b.person())
    with refused("There is no fee to pay for this booking"):
        training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=TODAY)


# The waiting list and cancelling ------------------------------------------------------------------


def test_a_freed_place_goes_to_the_first_booked_on_the_waiting_list_and_each_step_is_audited():
    """The first to join the waiting list (by the time they joined, not the order rows were made)
    has the freed place; the promotion is audited as done by whoever freed it, "A place became free";
    the cancellation with its reason; the delegate is told their place (not a waiting place) went."""
    event, coordinator = b.published(capacity=1)
    placed = b.book(event, b.person())
    later = b.book(event, b.person(), waiting_list=True)
    earlier = b.book(event, b.person(), waiting_list=True)
    Booking.objects.filter(pk=earlier.pk).update(booked_at=later.booked_at - dt.timedelta(hours=1))
    training.booking_cancel(actor=coordinator, booking=placed, reason="Unwell")
    statuses = dict(Booking.objects.filter(event=event).values_list("pk", "status"))
    assert (statuses[earlier.pk], statuses[later.pk]) == (B.CONFIRMED, B.WAITING)
    promoted = audit_of(earlier, "training.booking.promote")
    assert (promoted.actor, promoted.reason) == (coordinator, "A place became free")
    cancelled = audit_of(placed, "training.booking.cancel")
    assert (cancelled.actor, cancelled.reason) == (coordinator, "Unwell")
    told = Notification.objects.filter(user=placed.delegate, title=f"Booking cancelled: {event.title}").get()
    assert told.body == f"Your place at {event.title} on {training._when(event.starts_at)} is cancelled. Unwell"
    assert told.link == f"/home/events/{event.pk}/"


def test_the_organisers_cancelling_a_waiting_place_say_so():
    event, coordinator = b.published(capacity=1)
    b.book(event, b.person())
    waiting = b.book(event, b.person(), waiting_list=True)
    training.booking_cancel(actor=coordinator, booking=waiting)
    told = Notification.objects.filter(user=waiting.delegate, title=f"Booking cancelled: {event.title}").get()
    assert (
        told.body
        == f"Your place on the waiting list at {event.title} on {training._when(event.starts_at)} is cancelled."
    )
    assert audit_of(waiting, "training.booking.cancel").reason == ""


def test_only_the_delegate_their_booker_or_the_organisers_may_cancel_in_those_words():
    event, _ = b.published()
    booking = b.book(event, b.person())
    with refused("You can cancel only your own bookings and those you made"):
        training.booking_cancel(actor=b.person(), booking=booking)


# The confirmation ---------------------------------------------------------------------------------

# fee, whether an invoice number is given, the sentence on the fee in the confirmation (the payer
# is the organisation the place was booked for)
FEES = [
    ("0", False, ""),
    ("1", True, " The fee of £1.00 is invoiced to {payer}."),
    ("1250.5", True, " The fee of £1,250.50 is invoiced to {payer}."),
]


@pytest.mark.parametrize(("fee", "invoiced", "sentence"), FEES)
def test_a_booking_with_a_fee_has_an_invoice_number_and_the_confirmation_names_the_fee(fee, invoiced, sentence):
    event, _ = b.published(fee=fee)
    booking = b.book(event, b.person())
    booking.refresh_from_db()
    assert bool(booking.invoice_number) is invoiced
    if invoiced:
        assert booking.invoice_number.endswith(f"-{event.reference}-{booking.pk}")
    told = Notification.objects.filter(user=booking.delegate, title=f"Place booked: {event.title}").get()
    assert told.body == (
        f"You have a place at {event.title} on {training._when(event.starts_at)} at "
        f"{event.venue.display_name}.{sentence.format(payer=booking.organisation.name)} The calendar file is attached."
    )


def test_the_refusal_for_an_event_not_for_someone_speaks_to_them_unless_told_otherwise():
    event, _ = b.published(audience="leaders", title="Induction")
    assert attendance_refusal(event, b.person()) == ("Induction is for designated system leaders: you cannot book it")


# Cancelling an event -----------------------------------------------------------------------------


def test_cancelling_an_event_cancels_its_own_bookings_and_no_other_events():
    event, coordinator = b.published()
    other, _ = b.published(organisation=event.organisation, coordinator=coordinator, title="Another day")
    delegate = b.person()
    at_the_event, at_the_other = b.book(event, delegate), b.book(other, delegate)
    training.event_cancel(actor=coordinator, event=event, reason="The venue flooded")
    at_the_event.refresh_from_db()
    at_the_other.refresh_from_db()
    assert (at_the_event.status, at_the_event.fee) == (B.CANCELLED, 0)
    assert at_the_other.status == B.CONFIRMED
    assert at_the_other.fee == other.fee
    told = Notification.objects.filter(user=delegate, title__startswith="Event cancelled").values_list("title", "body")
    assert list(told) == [
        (f"Event cancelled: {event.title}", f"{event.organisation.name} cancelled {event.title} on "
         f"{training._when(event.starts_at)}: The venue flooded"),
    ]  # fmt: skip
    cancelled = audit_of(at_the_event, "training.booking.cancel")
    assert (cancelled.actor, cancelled.reason) == (coordinator, "The event is cancelled")


def test_cancelling_an_event_leaves_bookings_already_cancelled_as_they_were():
    event, coordinator = b.published()
    gone = b.book(event, b.person())
    training.booking_cancel(actor=gone.delegate, booking=gone)
    gone.refresh_from_db()
    training.event_cancel(actor=coordinator, event=event, reason="Snow")
    assert Booking.objects.get(pk=gone.pk).cancelled_at == gone.cancelled_at
    assert not Notification.objects.filter(user=gone.delegate, title__startswith="Event cancelled").exists()


# Booking: who pays, what the audit trail and the waiting list say ----------------------------------


def test_a_booking_is_audited_as_the_bookers_for_the_events_alliance_with_the_event_and_delegate():
    event, _ = b.published()
    booker = b.person()
    delegate = b.colleague_of(booker)
    booking = b.book(event, delegate, actor=booker)
    made = audit_of(booking, "training.booking.created")
    assert (made.actor, made.organisation, made.to_state) == (booker, event.organisation, B.CONFIRMED)
    assert made.data == {"event_id": event.pk, "delegate_id": delegate.pk}


def test_joining_the_waiting_list_is_audited_and_the_delegate_told_in_those_words():
    event, _ = b.published(capacity=1, title="Maths hubs")
    b.full(event)
    booking = b.book(event, b.person(), waiting_list=True)
    assert audit_of(booking, "training.booking.created").to_state == B.WAITING
    told = Notification.objects.filter(user=booking.delegate).get()
    assert (told.title, told.body, told.link) == (
        "On the waiting list: Maths hubs",
        "Maths hubs on 13 December 2026 at 10am is full. You are on the waiting list and will be booked a place, "
        "and told, as soon as one is free.",
        f"/home/events/{event.pk}/",
    )


def test_the_fee_is_invoiced_to_an_organisation_of_the_booker_or_of_the_delegate_and_no_other():
    event, _ = b.published()
    booker = b.person()
    delegate = b.colleague_of(booker)
    bookers_own, delegates_own = b.alliance(), b.alliance()
    b.factories.MembershipFactory(user=booker, organisation=bookers_own, role="tsa_coordinator")
    b.factories.MembershipFactory(user=delegate, organisation=delegates_own, role="tsa_coordinator")
    placed = b.book(event, delegate, actor=booker, organisation=delegates_own)
    assert placed.organisation == delegates_own
    training.booking_cancel(actor=delegate, booking=placed)
    assert b.book(event, delegate, actor=booker, organisation=bookers_own).organisation == bookers_own
    stranger, third = b.alliance(name="Somebody Else's Alliance"), b.colleague_of(booker)
    with refused(f"The fee can be invoiced only to an organisation you or {third.full_name} act for"):
        b.book(event, third, actor=booker, organisation=stranger)


def test_organisers_booking_someone_they_share_no_organisation_with_invoice_the_delegate():
    """With no organisation named, the fee goes to an organisation the booker and the delegate
    share; an organiser who shares none invoices the delegate themself ("you")."""
    event, coordinator = b.published()
    delegate = b.person()
    booking = b.book(event, delegate, actor=coordinator)
    assert booking.organisation is None
    told = Notification.objects.filter(user=delegate, title__startswith="Place booked").get()
    assert " The fee of £100.00 is invoiced to you. " in told.body


# The waiting list once the event starts, and who moves it up --------------------------------------


def test_nobody_is_moved_up_from_the_waiting_list_from_the_minute_the_event_starts(frozen_clock):
    event, coordinator = b.published(capacity=1)
    [placed] = b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    frozen_clock.move_to(event.starts_at)
    training.booking_cancel(actor=coordinator, booking=placed)
    assert Booking.objects.get(pk=waiting.pk).status == B.WAITING


def test_more_places_move_the_waiting_list_up_as_the_organisers_change():
    event, coordinator = b.published(capacity=1)
    b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    training.event_update(actor=coordinator, event=event, values=b.values(capacity=2))
    moved = audit_of(waiting, "training.booking.promote")
    assert (moved.actor, moved.reason) == (coordinator, "A place became free")


def test_a_title_is_kept_to_200_characters():
    event, _ = b.draft(title="A" * 250)
    event.refresh_from_db()
    assert event.title == "A" * 200


def test_the_refusal_read_before_booking_is_the_one_booking_gives():
    """booking_checks.booking_refusal: what the check page of a paid place reads before booking."""
    event, _ = b.published(capacity=1)
    delegate = b.person(full_name="Sam Delegate")
    assert booking_refusal(actor=delegate, event=event, delegate=delegate) == ""
    b.book(event, delegate)
    assert booking_refusal(actor=delegate, event=event, delegate=delegate) == (
        "Sam Delegate already has a place at Leading maths across a trust"
    )
    other = b.person()
    assert booking_refusal(actor=other, event=event, delegate=other) == (
        "The only place is taken: join the waiting list instead"
    )
    assert booking_refusal(actor=other, event=event, delegate=other, waiting_list=True) == ""


def test_the_payer_is_the_organisation_the_booker_and_delegate_share_or_the_delegate_s_own():
    booker = b.person()
    colleague = b.colleague_of(booker)
    shared = booker.memberships.first().organisation
    assert booking_payer(actor=booker, delegate=colleague) == shared
    stranger = b.person()
    assert booking_payer(actor=stranger, delegate=colleague) is None
    assert booking_payer(actor=colleague, delegate=colleague) == shared
    event, _ = b.published()
    assert b.book(event, colleague, actor=booker).organisation == shared
