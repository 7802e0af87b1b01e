"""Events, the register on the day and the memorandum signed there, as decision tables
(domain/training/services.py). Written to kill the mutants `make mutate` found surviving
(docs/testing.md); each test states a rule of the service: the exact words a person is shown, the
boundary days and hours, who is told what, and what the audit trail records.

The frozen clock's day is 22 November 2026; the builders' event is on 13 December 2026 from 10am,
12 places at £100 (tests/training/builders.py)."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.core import mail

from domain.audit.models import AuditEvent
from domain.leaders import memorandum_services as mou
from domain.leaders.models import Memorandum
from domain.training import services as training
from domain.training.errors import TrainingRefused
from domain.training.models import Booking
from domain.training.workflows import BookingStatus, EventStatus

from . import builders as b

B = BookingStatus
UTC = dt.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")


def refused(message: str):
    """The refusal shows exactly `message`: nothing before or after it."""
    return pytest.raises(TrainingRefused, match=f"^{re.escape(message)}$")


def audits(subject, action):
    return AuditEvent.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk), action=action)


# When an event is, in words (pure) ----------------------------------------------------------------

# the moment, as the service (London) says it: hours with am or pm, minutes only when not on the hour
WHEN = [
    (dt.datetime(2026, 12, 13, 10, 0, tzinfo=LONDON), "13 December 2026 at 10am"),
    (dt.datetime(2026, 12, 13, 14, 30, tzinfo=LONDON), "13 December 2026 at 2:30pm"),
    (dt.datetime(2026, 12, 13, 12, 0, tzinfo=LONDON), "13 December 2026 at 12pm"),
    (dt.datetime(2026, 12, 3, 9, 5, tzinfo=LONDON), "3 December 2026 at 9:05am"),
    # 9am UTC in summer is 10am in London
    (dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "1 July 2026 at 10am"),
]


@pytest.mark.parametrize(("moment", "words"), WHEN, ids=[w for _, w in WHEN])
def test_when_an_event_is_reads_as_london_time_with_am_or_pm(moment, words):
    assert training._when(moment) == words


# Creating, changing and publishing -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_event_is_audited_as_a_draft_of_its_alliance_by_its_organiser():
    event, coordinator = b.draft()
    [created] = audits(event, "training.event.created")
    assert (created.actor, created.organisation, created.to_state) == (coordinator, event.organisation, "draft")


@pytest.mark.django_db
def test_an_alliance_without_a_region_is_told_to_ask_the_regional_body_in_those_words():
    aire, coordinator = b.alliance_with_coordinator(region=None, name="Nowhere Alliance")
    with refused("Nowhere Alliance has no region: ask the regional body to set it"):
        training.event_create(actor=coordinator, organisation=aire, values=b.values())


@pytest.mark.django_db
def test_someone_else_organising_an_alliances_event_is_refused_in_those_words():
    aire = b.alliance(name="Aire Valley Alliance")
    with refused("You cannot organise events for Aire Valley Alliance"):
        training.event_create(actor=b.person(), organisation=aire, values=b.values())


# places booked, the number offered instead, the refusal ("" for none)
FEWER_PLACES = [
    (1, 0, "Enter the number of places as 1 to 1,000"),
    (1, 1, ""),
    (2, 1, "2 places are booked: offer at least that many"),
    (1, 2, ""),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("booked", "places", "refusal"), FEWER_PLACES)
def test_a_change_offers_at_least_the_places_booked(booked, places, refusal):
    event, coordinator = b.published(capacity=2)
    b.full(event, places=booked)
    if refusal:
        with refused(refusal):
            training.event_update(actor=coordinator, event=event, values=b.values(capacity=places))
    else:
        training.event_update(actor=coordinator, event=event, values=b.values(capacity=places))
    event.refresh_from_db()
    assert event.capacity == (2 if refusal else places)


@pytest.mark.django_db
def test_a_place_on_the_waiting_list_is_not_a_place_booked():
    event, coordinator = b.published(capacity=1)
    b.full(event)
    b.book(event, b.person(), waiting_list=True)
    training.event_update(actor=coordinator, event=event, values=b.values(capacity=1))
    event.refresh_from_db()
    assert event.capacity == 1


@pytest.mark.django_db
def test_a_change_is_audited_as_the_organisers_and_keeps_the_partners_unless_given():
    hub, other = b.alliance(), b.alliance()
    event, coordinator = b.draft(partners=[hub])
    training.event_update(actor=coordinator, event=event, values=b.values(title="Renamed"))
    assert list(event.partners.all()) == [hub]
    training.event_update(
        actor=coordinator, event=event, values=b.values(title="Renamed"), partners=[other, event.organisation]
    )
    assert list(event.partners.all()) == [other]
    changed = audits(event, "training.event.changed")
    assert [(a.actor, a.organisation) for a in changed] == [(coordinator, event.organisation)] * 2
    event.refresh_from_db()
    assert event.title == "Renamed"


@pytest.mark.django_db
def test_a_cancelled_event_cannot_change_in_those_words():
    event, coordinator = b.published()
    training.event_cancel(actor=coordinator, event=event, reason="Snow")
    with refused("The event is cancelled: it cannot change"):
        training.event_update(actor=coordinator, event=event, values=b.values())


@pytest.mark.django_db
def test_publishing_is_audited_as_the_organisers():
    event, coordinator = b.published()
    [published] = audits(event, "training.event.publish")
    assert (published.actor, published.organisation, published.to_state, published.reason) == (
        coordinator,
        event.organisation,
        EventStatus.PUBLISHED,
        "",
    )
    with refused("Only the event's organisers can change it"):
        training.event_publish(actor=b.person(), event=b.draft()[0])


@pytest.mark.django_db
def test_cancelling_an_event_is_audited_with_the_reason_trimmed():
    event, coordinator = b.published()
    training.event_cancel(actor=coordinator, event=event, reason="  The venue flooded ")
    [cancelled] = audits(event, "training.event.cancel")
    assert (cancelled.actor, cancelled.organisation, cancelled.reason) == (
        coordinator,
        event.organisation,
        "The venue flooded",
    )


# The confirmation goes by e-mail only to an active person with an address --------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "emails"),
    [
        ({"email": "delegate@example.test"}, 1),
        ({"email": ""}, 0),
        ({"email": "gone@example.test", "is_active": False}, 0),
    ],
    ids=["active with an address", "no address", "account closed"],
)
def test_the_confirmation_email_goes_only_to_an_active_person_with_an_address(
    fields, emails, django_capture_on_commit_callbacks
):
    event, coordinator = b.published()
    delegate = b.person(**fields)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        training.booking_make(actor=coordinator, event=event, delegate=delegate)
    assert (len(callbacks), len(mail.outbox)) == (emails, emails)


# The register on the day ---------------------------------------------------------------------------


@pytest.fixture
def clock(frozen_clock):
    """Moves the clock to a time (London) relative to the start of the event's day."""
    return lambda days=0, hour=9, minute=0: frozen_clock.move_to(
        b.at(b.EVENT_DAY + dt.timedelta(days=days), hour, minute)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "hour", "minute", "open_"),
    [(-1, 23, 59, False), (0, 0, 1, True), (0, 9, 0, True), (7, 9, 0, True)],
    ids=["a minute before the day", "a minute into the day", "on the morning", "a week later"],
)
def test_the_register_is_taken_from_the_first_minute_of_the_events_day(clock, days, hour, minute, open_):
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    clock(days, hour, minute)
    if open_:
        assert training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True}) == 1
    else:
        with refused("The register can be taken from the day of the event"):
            training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})


@pytest.mark.django_db
def test_the_register_is_audited_as_the_organisers_and_leaves_out_those_not_named(clock):
    event, coordinator = b.published()
    here, away, unmarked = (b.book(event, b.person()) for _ in range(3))
    clock()
    training.attendance_record(actor=coordinator, event=event, attended={here.pk: True, away.pk: False})
    statuses = dict(Booking.objects.filter(event=event).values_list("pk", "status"))
    assert [statuses[x.pk] for x in (here, away, unmarked)] == [B.ATTENDED, B.ABSENT, B.CONFIRMED]
    for booking, action in ((here, "training.booking.attend"), (away, "training.booking.miss")):
        [taken] = audits(booking, action)
        assert (taken.actor, taken.organisation) == (coordinator, event.organisation)
    taken_by = dict(Booking.objects.filter(event=event).values_list("pk", "attendance_taken_by"))
    assert [taken_by[x.pk] for x in (here, away, unmarked)] == [coordinator.pk, coordinator.pk, None]


@pytest.mark.django_db
def test_a_register_with_no_place_to_take_says_why_in_those_words(clock):
    event, coordinator = b.published(title="Maths hubs")
    other, _ = b.published()
    elsewhere = b.book(other, b.person())
    clock()
    with refused("The register names a booking that is not a place at this event"):
        training.attendance_record(actor=coordinator, event=event, attended={elsewhere.pk: True})
    training.event_cancel(actor=coordinator, event=event, reason="Snow")
    with refused("Maths hubs is cancelled: there is no register to take"):
        training.attendance_record(actor=coordinator, event=event, attended={})
    draft, organiser = b.draft(title="Plans")
    with refused("Plans is not published: there is no register to take"):
        training.attendance_record(actor=organiser, event=draft, attended={})


def _signed_at_the_register(coordinator, event, booking):
    """The organisers mark the delegate present and record that they signed the memorandum."""
    return training.attendance_record(
        actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk]
    )


def _induction_with_a_leader(name="Jo Bell"):
    aire, coordinator = b.alliance_with_coordinator()
    leader, association = b.associated_leader(aire)
    leader.full_name = name
    leader.save(update_fields=["full_name"])
    event, _ = b.published(aire, coordinator, kind="induction", audience="leaders", title="Induction")
    return event, coordinator, b.book(event, leader), association


@pytest.mark.django_db
def test_the_memorandum_is_signed_once_however_often_it_is_named(clock):
    event, coordinator, booking, association = _induction_with_a_leader()
    clock()
    changed = training.attendance_record(
        actor=coordinator, event=event, attended={booking.pk: True}, memorandum_signed=[booking.pk, booking.pk]
    )
    assert changed == 2  # the attendance and the memorandum
    assert Booking.objects.get(pk=booking.pk).memorandum_signed is True
    assert not mou.memorandum_state(association).outstanding_for("leader")


@pytest.mark.django_db
def test_the_memorandum_is_signed_by_someone_the_earlier_register_has_as_attending(clock):
    event, coordinator, booking, _ = _induction_with_a_leader()
    clock()
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})
    assert training.attendance_record(actor=coordinator, event=event, attended={}, memorandum_signed=[booking.pk]) == 1
    assert Booking.objects.get(pk=booking.pk).memorandum_signed is True


@pytest.mark.django_db
def test_nobody_the_earlier_register_has_as_absent_signs_the_memorandum(clock):
    event, coordinator, booking, _ = _induction_with_a_leader()
    clock()
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: False})
    with refused("Only a delegate who attended can sign the memorandum there"):
        training.attendance_record(actor=coordinator, event=event, attended={}, memorandum_signed=[booking.pk])
    with refused("Only a delegate who attended can sign the memorandum there"):
        training.attendance_record(actor=coordinator, event=event, attended={}, memorandum_signed=[999_999])


@pytest.mark.django_db
def test_the_memorandum_at_another_kind_of_event_is_refused_in_those_words(clock):
    aire, coordinator = b.alliance_with_coordinator()
    leader, _ = b.associated_leader(aire)
    event, _ = b.published(aire, coordinator, kind="cpd")
    booking = b.book(event, leader)
    clock()
    with refused("The memorandum of understanding is signed at an induction"):
        _signed_at_the_register(coordinator, event, booking)


@pytest.mark.django_db
def test_a_leader_without_an_association_is_told_why_in_those_words(clock):
    event, coordinator = b.published(kind="induction", audience="leaders")
    leader = b.designate(b.factories.UserFactory(full_name="Jo Bell")).person
    booking = b.book(event, leader)
    clock()
    with refused("Jo Bell is not associated with an alliance yet: the memorandum is signed for an association"):
        _signed_at_the_register(coordinator, event, booking)


@pytest.mark.django_db
def test_a_region_with_no_memorandum_published_refuses_the_signing_in_its_words(clock):
    event, coordinator, booking, _ = _induction_with_a_leader()
    Memorandum.objects.filter(region=event.region).delete()
    clock()
    with refused("The region has not published a memorandum of understanding yet"):
        _signed_at_the_register(coordinator, event, booking)
    assert Booking.objects.get(pk=booking.pk).status == B.CONFIRMED  # the whole register is refused


# An event's details at their boundaries (pure: the venue is passed through) ------------------------


def _cleaned(**changes):
    return training._clean_event(b.values(venue="a school", **changes))


def test_the_details_accept_each_boundary_and_fill_in_what_is_left_out():
    day = b.EVENT_DAY - dt.timedelta(days=5)
    cleaned = _cleaned(booking_opens_on=day, booking_closes_on=day, cancellation_days=0, fee="5000")
    assert (cleaned["booking_opens_on"], cleaned["booking_closes_on"]) == (day, day)
    assert (cleaned["cancellation_days"], str(cleaned["fee"])) == (0, "5000.00")
    details = b.values(venue="a school", description=None, venue_details=None)
    del details["fee"]
    cleaned = training._clean_event(details)
    assert (str(cleaned["fee"]), cleaned["description"], cleaned["venue_details"]) == ("0.00", "", "")


@pytest.mark.django_db
def test_a_member_of_an_alliance_who_is_not_its_coordinator_cannot_organise_its_events():
    from domain.accounts.roles import Role

    aire = b.alliance(name="Aire Valley Alliance")
    panel_member = b.person_in_role(Role.PANEL_MEMBER, organisation=aire)
    with refused("You cannot organise events for Aire Valley Alliance"):
        training.event_create(actor=panel_member, organisation=aire, values=b.values())
