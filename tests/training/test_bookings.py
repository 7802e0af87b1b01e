"""Booking a place, the waiting list, cancelling and the confirmation with its calendar file
(domain.training.services.booking_make, booking_cancel, booking_mark_paid)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from domain.notifications.models import Notification
from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus

from . import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus


def test_a_person_books_a_place_for_themself_with_the_fee_invoiced():
    event, _ = b.published()
    delegate = b.person()
    booking = b.book(event, delegate)
    booking.refresh_from_db()
    assert (booking.status, booking.delegate, booking.booked_by) == (B.CONFIRMED, delegate, delegate)
    assert booking.organisation == delegate.memberships.get().organisation
    assert booking.fee == Decimal("100.00")
    assert booking.invoice_number == f"EV-{event.reference}-{booking.pk}"
    told = Notification.objects.get(user=delegate)
    assert told.title == "Place booked: Leading maths across a trust"
    assert "on 13 December 2026 at 10am at Kirkstall Primary School" in told.body
    assert f"The fee of £100.00 is invoiced to {booking.organisation.name}." in told.body


def test_the_invoice_number_carries_the_alliances_code_and_a_free_event_has_none():
    aire, coordinator = b.alliance_with_coordinator(code="TSA42")
    paid, _ = b.published(aire, coordinator)
    free, _ = b.published(aire, coordinator, fee="0")
    delegate = b.person()
    assert b.book(paid, delegate).invoice_number.startswith(f"TSA42-{paid.reference}-")
    booking = b.book(free, delegate)
    assert (booking.fee, booking.invoice_number) == (0, "")
    assert "fee" not in Notification.objects.filter(user=delegate).latest("id").body


def test_the_confirmation_email_carries_the_calendar_file(django_capture_on_commit_callbacks):
    event, _ = b.published(venue_details="The hall")
    delegate = b.person(email="delegate@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        b.book(event, delegate)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert (email.to, email.subject) == (["delegate@example.test"], "Place booked: Leading maths across a trust")
    assert f"/home/events/{event.pk}/" in email.body
    [(name, content, mimetype)] = email.attachments
    assert (name, mimetype) == ("event.ics", "text/calendar")
    text = content.decode() if isinstance(content, bytes) else content
    lines = text.replace("\r\n ", "").splitlines()
    assert "SUMMARY:Leading maths across a trust" in lines
    assert "DTSTART:20261213T100000Z" in lines  # 10am in London in December is 10am UTC
    assert "DTEND:20261213T150000Z" in lines
    assert "LOCATION:Kirkstall Primary School\\, The hall" in lines
    assert f"UID:event-{event.pk}@school-to-school-support.example" in lines


def test_no_email_when_the_booking_is_rolled_back(django_capture_on_commit_callbacks):
    event, _ = b.published(capacity=1)
    b.full(event)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TrainingRefused, match="^The only place is taken: join the waiting list instead$"),
    ):
        b.book(event, b.person())
    assert mail.outbox == []


def test_booking_before_the_window_opens_is_refused_with_the_date():
    event, _ = b.published(booking_opens_on=dt.date(2026, 11, 23))
    with pytest.raises(TrainingRefused, match="Booking opens on 23 November 2026") as refused:
        b.book(event, b.person())
    assert str(refused.value) == "Booking opens on 23 November 2026"
    assert not Booking.objects.exists()


def test_booking_after_the_window_closes_is_refused_with_the_date():
    event, _ = b.published(booking_opens_on=dt.date(2026, 11, 1), booking_closes_on=dt.date(2026, 11, 21))
    with pytest.raises(TrainingRefused, match="Booking closed on 21 November 2026") as refused:
        b.book(event, b.person())
    assert str(refused.value) == "Booking closed on 21 November 2026"


def test_booking_opens_and_closes_on_the_days_given():
    today = dt.date(2026, 11, 22)
    first, _ = b.published(booking_opens_on=today)
    last, _ = b.published(booking_opens_on=dt.date(2026, 11, 1), booking_closes_on=today)
    delegate = b.person()
    assert b.book(first, delegate).status == B.CONFIRMED
    assert b.book(last, delegate).status == B.CONFIRMED


def test_a_draft_or_cancelled_event_cannot_be_booked():
    draft, coordinator = b.draft(title="Draft day")
    with pytest.raises(TrainingRefused, match="Draft day is not open to book"):
        b.book(draft, b.person())
    with pytest.raises(TrainingRefused, match="Draft day is not open to book"):
        b.book(draft, b.person(), actor=coordinator)
    cancelled, coordinator = b.published(title="Gone")
    training.event_cancel(actor=coordinator, event=cancelled, reason="No speaker")
    with pytest.raises(TrainingRefused, match="Gone is not open to book"):
        b.book(cancelled, b.person())


def test_the_organisers_may_add_a_delegate_outside_the_window():
    event, coordinator = b.published(booking_opens_on=dt.date(2026, 11, 1), booking_closes_on=dt.date(2026, 11, 21))
    delegate = b.person()
    booking = b.book(event, delegate, actor=coordinator)
    assert (booking.status, booking.booked_by) == (B.CONFIRMED, coordinator)


def test_an_event_for_designated_leaders_is_refused_to_others():
    event, _ = b.published(audience="leaders", title="Induction")
    contact = b.person()
    with pytest.raises(TrainingRefused, match="Induction is for designated system leaders") as refused:
        b.book(event, contact)
    assert str(refused.value) == "Induction is for designated system leaders: you cannot book it"
    leader = b.designate().person
    assert b.book(event, leader).status == B.CONFIRMED


def test_a_colleague_outside_the_audience_is_named_in_the_refusal():
    event, _ = b.published(audience="leaders", title="Induction")
    booker = b.person()
    colleague = b.colleague_of(booker, full_name="Sam Okafor")
    with pytest.raises(TrainingRefused, match="Induction is for designated system leaders: Sam Okafor cannot book it"):
        b.book(event, colleague, actor=booker)


def test_an_event_for_the_region_is_for_its_alliances_hubs_representatives_and_leaders():
    event, _ = b.published(audience="region", title="Network meeting")
    london = b.factories.region("London")
    yorkshire_coordinator = b.coordinator_of(b.alliance())
    london_coordinator = b.coordinator_of(b.alliance(region=london))
    assert b.book(event, yorkshire_coordinator).status == B.CONFIRMED
    assert b.book(event, b.representative_of()).status == B.CONFIRMED
    assert b.book(event, b.designate().person).status == B.CONFIRMED
    for outsider in (london_coordinator, b.person()):
        with pytest.raises(TrainingRefused, match="Network meeting is for alliances, hubs and leaders of the region"):
            b.book(event, outsider)


def test_a_person_books_for_a_colleague_but_not_for_a_stranger():
    event, _ = b.published()
    booker = b.person()
    colleague = b.colleague_of(booker)
    booking = b.book(event, colleague, actor=booker)
    assert (booking.delegate, booking.booked_by, booking.organisation) == (
        colleague,
        booker,
        booker.memberships.get().organisation,
    )
    with pytest.raises(TrainingRefused, match="You can book places only for yourself or your colleagues") as refused:
        b.book(event, b.person(), actor=booker)
    assert str(refused.value) == "You can book places only for yourself or your colleagues"
    assert Booking.objects.count() == 1


def test_the_fee_goes_only_to_an_organisation_the_booker_or_delegate_acts_for():
    event, coordinator = b.published()
    delegate = b.person()
    elsewhere = b.alliance(name="Somebody Else's Alliance")
    with pytest.raises(TrainingRefused, match="invoiced only to an organisation you or"):
        b.book(event, delegate, organisation=elsewhere)
    own = delegate.memberships.get().organisation
    assert b.book(event, delegate, organisation=own).organisation == own
    # The organisers invoice whoever they agree with.
    other = b.person()
    assert b.book(event, other, actor=coordinator, organisation=elsewhere).organisation == elsewhere


def test_a_second_booking_for_the_same_delegate_is_refused():
    event, coordinator = b.published(capacity=1)
    delegate = b.person(full_name="Priya Shah")
    b.book(event, delegate)
    with pytest.raises(TrainingRefused, match="Priya Shah already has a place at Leading maths across a trust"):
        b.book(event, delegate)
    with pytest.raises(TrainingRefused, match="Priya Shah already has a place at"):
        b.book(event, delegate, waiting_list=True)
    queued = b.person(full_name="Tom Reed")
    b.book(event, queued, waiting_list=True)
    with pytest.raises(TrainingRefused, match="Tom Reed already has a place on the waiting list at"):
        b.book(event, queued, waiting_list=True)
    assert Booking.objects.filter(event=event).count() == 2


def test_a_delegate_whose_attendance_was_taken_cannot_be_booked_again(frozen_clock):
    event, coordinator = b.published()
    delegate = b.person(full_name="Priya Shah")
    booking = b.book(event, delegate)
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})
    with pytest.raises(TrainingRefused, match="Priya Shah already has a place at"):
        b.book(event, delegate, actor=coordinator)


def test_a_cancelled_booking_can_be_made_again():
    event, _ = b.published()
    delegate = b.person()
    training.booking_cancel(actor=delegate, booking=b.book(event, delegate))
    assert b.book(event, delegate).status == B.CONFIRMED


def test_a_full_event_refuses_a_place_or_offers_the_waiting_list():
    event, _ = b.published(capacity=2)
    b.full(event)
    with pytest.raises(TrainingRefused, match="All 2 places are taken: join the waiting list instead") as refused:
        b.book(event, b.person())
    assert str(refused.value) == "All 2 places are taken: join the waiting list instead"
    delegate = b.person()
    waiting = b.book(event, delegate, waiting_list=True)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.fee, waiting.invoice_number) == (B.WAITING, 0, "")
    told = Notification.objects.get(user=delegate)
    assert told.title == "On the waiting list: Leading maths across a trust"
    assert "is full. You are on the waiting list" in told.body


def test_asking_for_the_waiting_list_when_a_place_is_free_books_the_place():
    event, _ = b.published(capacity=2)
    assert b.book(event, b.person(), waiting_list=True).status == B.CONFIRMED


# Cancelling ------------------------------------------------------------------------------------


def test_the_delegate_cancels_up_to_the_cut_off(frozen_clock):
    event, _ = b.published()
    assert training.cancellation_cutoff(event) == dt.date(2026, 12, 6)
    delegate = b.person()
    booking = b.book(event, delegate)
    frozen_clock.move_to(b.at(dt.date(2026, 12, 6), 23))
    cancelled = training.booking_cancel(actor=delegate, booking=booking, reason="Ofsted are coming")
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.fee) == (B.CANCELLED, 0)
    assert cancelled.cancelled_at is not None
    assert not Notification.objects.filter(user=delegate, title__startswith="Booking cancelled").exists()


def test_the_booker_cancels_and_the_delegate_is_told():
    event, _ = b.published()
    booker = b.person()
    colleague = b.colleague_of(booker)
    booking = b.book(event, colleague, actor=booker)
    training.booking_cancel(actor=booker, booking=booking, reason="Cover is short.")
    told = Notification.objects.get(user=colleague, title="Booking cancelled: Leading maths across a trust")
    assert told.body == (
        "Your place at Leading maths across a trust on 13 December 2026 at 10am is cancelled. Cover is short."
    )


def test_after_the_cut_off_the_delegate_is_refused_and_the_date_named(frozen_clock):
    aire, coordinator = b.alliance_with_coordinator(name="Aire Valley Alliance")
    event, _ = b.published(aire, coordinator)
    delegate = b.person()
    booking = b.book(event, delegate)
    frozen_clock.move_to(b.at(dt.date(2026, 12, 7), 9))
    with pytest.raises(TrainingRefused, match="Places can be cancelled up to 6 December 2026") as refused:
        training.booking_cancel(actor=delegate, booking=booking)
    assert (
        str(refused.value) == "Places can be cancelled up to 6 December 2026: ask the organisers, Aire Valley Alliance"
    )
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED
    # The organisers can cancel at any time.
    training.booking_cancel(actor=coordinator, booking=booking, reason="Asked by phone")
    booking.refresh_from_db()
    assert booking.status == B.CANCELLED


def test_someone_else_cannot_cancel_a_booking():
    event, _ = b.published()
    booking = b.book(event, b.person())
    with pytest.raises(TrainingRefused, match="You can cancel only your own bookings and those you made"):
        training.booking_cancel(actor=b.person(), booking=booking)
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED


def test_a_cancelled_booking_cannot_be_cancelled_again():
    event, _ = b.published()
    delegate = b.person()
    booking = b.book(event, delegate)
    training.booking_cancel(actor=delegate, booking=booking)
    with pytest.raises(TrainingRefused, match="You cannot cancel the booking when it is cancelled"):
        training.booking_cancel(actor=delegate, booking=booking)


def test_a_freed_place_goes_to_the_first_on_the_waiting_list_who_is_told(
    frozen_clock, django_capture_on_commit_callbacks
):
    event, _ = b.published(capacity=1)
    [first_place] = b.full(event)
    first = b.book(event, b.person(email="first@example.test"), waiting_list=True)
    frozen_clock.shift(dt.timedelta(minutes=1))
    second = b.book(event, b.person(), waiting_list=True)
    mail.outbox.clear()
    frozen_clock.shift(dt.timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        training.booking_cancel(actor=first_place.delegate, booking=first_place)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == B.CONFIRMED
    assert first.promoted_at is not None
    assert first.fee == Decimal("100.00")
    assert first.invoice_number == f"EV-{event.reference}-{first.pk}"
    assert second.status == B.WAITING
    assert Notification.objects.filter(user=first.delegate, title="Place booked: Leading maths across a trust").exists()
    assert [m.to for m in mail.outbox] == [["first@example.test"]]
    assert mail.outbox[0].attachments[0][0] == "event.ics"


def test_cancelling_a_place_on_the_waiting_list_promotes_nobody():
    event, _ = b.published(capacity=1)
    b.full(event)
    first = b.book(event, b.person(), waiting_list=True)
    second = b.book(event, b.person(), waiting_list=True)
    training.booking_cancel(actor=first.delegate, booking=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (B.CANCELLED, B.WAITING)


def test_leaving_the_waiting_list_is_allowed_after_the_cut_off(frozen_clock):
    event, _ = b.published(capacity=1)
    b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    frozen_clock.move_to(b.at(dt.date(2026, 12, 10), 9))
    training.booking_cancel(actor=waiting.delegate, booking=waiting)
    waiting.refresh_from_db()
    assert waiting.status == B.CANCELLED


def test_nobody_is_booked_from_the_waiting_list_once_the_event_has_started(frozen_clock):
    event, coordinator = b.published(capacity=1)
    [place] = b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    frozen_clock.move_to(b.at(b.EVENT_DAY, 11))
    training.booking_cancel(actor=coordinator, booking=place)
    waiting.refresh_from_db()
    assert (waiting.status, waiting.fee) == (B.WAITING, 0)


# Paying ----------------------------------------------------------------------------------------


def test_the_organisers_record_a_payment():
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    with pytest.raises(TrainingRefused, match="Only the event's organisers can change it"):
        training.booking_mark_paid(actor=booking.delegate, booking=booking, paid_on=dt.date(2026, 11, 22))
    with pytest.raises(TrainingRefused, match="The date paid must be today or in the past"):
        training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=dt.date(2026, 11, 23))
    training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=dt.date(2026, 11, 20))
    booking.refresh_from_db()
    assert booking.paid_on == dt.date(2026, 11, 20)


def test_there_is_nothing_to_pay_for_a_free_place():
    event, coordinator = b.published(fee="0")
    booking = b.book(event, b.person())
    with pytest.raises(TrainingRefused, match="There is no fee to pay for this booking"):
        training.booking_mark_paid(actor=coordinator, booking=booking, paid_on=dt.date(2026, 11, 22))
