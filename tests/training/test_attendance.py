"""The register on the day, and the memorandum of understanding signed at an induction
(domain.training.services.attendance_record)."""

import pytest

from domain.audit.models import AuditEvent
from domain.leaders import memorandum_services as mou
from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus

from . import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus


@pytest.fixture
def on_the_day(frozen_clock):
    """Moves the clock to 9am on the event's day."""
    return lambda: frozen_clock.move_to(b.at(b.EVENT_DAY, 9))


def test_the_register_cannot_be_taken_before_the_day():
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    with pytest.raises(TrainingRefused, match="The register can be taken from the day of the event"):
        training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})
    booking.refresh_from_db()
    assert booking.status == B.CONFIRMED


def test_the_organisers_take_the_register_and_can_correct_it(on_the_day):
    event, coordinator = b.published()
    here, away = b.book(event, b.person()), b.book(event, b.person())
    on_the_day()
    changed = training.attendance_record(actor=coordinator, event=event, attended={here.pk: True, away.pk: False})
    assert changed == 2
    here.refresh_from_db()
    away.refresh_from_db()
    assert (here.status, away.status) == (B.ATTENDED, B.ABSENT)
    assert here.attendance_taken_by == coordinator
    assert AuditEvent.objects.filter(action="training.booking.attend", subject_id=here.pk).exists()

    # The same register again changes nothing; a correction changes the one booking.
    assert training.attendance_record(actor=coordinator, event=event, attended={here.pk: True, away.pk: False}) == 0
    assert training.attendance_record(actor=coordinator, event=event, attended={away.pk: True}) == 1
    away.refresh_from_db()
    assert away.status == B.ATTENDED


def test_only_the_organisers_take_the_register(on_the_day):
    event, _ = b.published()
    booking = b.book(event, b.person())
    on_the_day()
    with pytest.raises(TrainingRefused, match="Only the event's organisers can change it"):
        training.attendance_record(actor=booking.delegate, event=event, attended={booking.pk: True})


def test_a_booking_that_is_not_a_place_at_the_event_is_refused(on_the_day):
    event, coordinator = b.published(capacity=1)
    other, _ = b.published()
    [place] = b.full(event)
    waiting = b.book(event, b.person(), waiting_list=True)
    elsewhere = b.book(other, b.person())
    on_the_day()
    for unknown in (waiting.pk, elsewhere.pk, 999_999):
        with pytest.raises(TrainingRefused, match="The register names a booking that is not a place at this event"):
            training.attendance_record(actor=coordinator, event=event, attended={place.pk: True, unknown: True})
    place.refresh_from_db()
    assert place.status == B.CONFIRMED


def test_a_cancelled_event_has_no_register(on_the_day):
    event, coordinator = b.published(title="Maths hubs")
    training.event_cancel(actor=coordinator, event=event, reason="Snow")
    on_the_day()
    with pytest.raises(TrainingRefused, match="Maths hubs is cancelled: there is no register to take"):
        training.attendance_record(actor=coordinator, event=event, attended={})
    draft, coordinator = b.draft(title="Plans")
    with pytest.raises(TrainingRefused, match="Plans is not published: there is no register to take"):
        training.attendance_record(actor=coordinator, event=draft, attended={})


def _induction_with_a_leader():
    aire, coordinator = b.alliance_with_coordinator()
    leader, association = b.associated_leader(aire)
    event, _ = b.published(aire, coordinator, kind="induction", audience="leaders", title="Induction")
    return event, coordinator, b.book(event, leader), association


def test_the_memorandum_signed_at_an_induction_is_accepted_for_the_leaders_association(on_the_day):
    event, coordinator, booking, association = _induction_with_a_leader()
    assert mou.memorandum_state(association).outstanding_for("leader")
    on_the_day()
    changed = training.attendance_record(
        actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
    )
    assert changed == 2
    booking.refresh_from_db()
    assert (booking.status, booking.memorandum_signed) == (B.ATTENDED, True)
    state = mou.memorandum_state(association)
    assert not state.outstanding_for("leader")
    assert (state.leader.memorandum, state.leader.accepted_by) == (mou.memorandum_current(event.region), coordinator)
    # Recording it again changes nothing.
    assert (
        training.attendance_record(
            actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
        )
        == 0
    )


def test_a_memorandum_the_leader_had_accepted_already_is_recorded_as_signed(on_the_day):
    event, coordinator, booking, association = _induction_with_a_leader()
    mou.memorandum_accept(actor=booking.delegate, association=association, party="leader")
    on_the_day()
    training.attendance_record(
        actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
    )
    booking.refresh_from_db()
    assert booking.memorandum_signed


def test_only_a_delegate_who_attended_signs_the_memorandum(on_the_day):
    event, coordinator, booking, association = _induction_with_a_leader()
    on_the_day()
    with pytest.raises(TrainingRefused, match="Only a delegate who attended can sign the memorandum there"):
        training.attendance_record(
            actor=coordinator, event=event, attended={booking.pk: False}, memorandum_signed=[booking.pk]
        )
    with pytest.raises(TrainingRefused, match="Only a delegate who attended can sign the memorandum there"):
        training.attendance_record(actor=coordinator, event=event, attended={}, memorandum_signed=[booking.pk])
    booking.refresh_from_db()
    assert (booking.status, booking.memorandum_signed) == (B.CONFIRMED, False)
    assert mou.memorandum_state(association).outstanding_for("leader")


def test_the_memorandum_is_signed_at_an_induction_only(on_the_day):
    aire, coordinator = b.alliance_with_coordinator()
    leader, association = b.associated_leader(aire)
    event, _ = b.published(aire, coordinator, kind="cpd")
    booking = b.book(event, leader)
    on_the_day()
    with pytest.raises(TrainingRefused, match="The memorandum of understanding is signed at an induction"):
        training.attendance_record(
            actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
        )
    # Refused as a whole: the register was not taken either.
    assert Booking.objects.get(pk=booking.pk).status == B.CONFIRMED
    assert mou.memorandum_state(association).outstanding_for("leader")


def test_a_leader_without_an_association_cannot_sign_there(on_the_day):
    event, coordinator = b.published(kind="induction", audience="leaders")
    leader = b.designate(b.factories.UserFactory(full_name="Jo Bell")).person
    booking = b.book(event, leader)
    on_the_day()
    with pytest.raises(TrainingRefused, match="Jo Bell is not associated with an alliance yet"):
        training.attendance_record(
            actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
        )
