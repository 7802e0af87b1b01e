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
from domain.training import services as training
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
