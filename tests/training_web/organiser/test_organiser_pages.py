"""The organisers' event pages: their events, creating, changing, publishing and cancelling an
event, its bookings with the download, adding a delegate, fees paid, cancelling a booking for
someone, and the register on the day (web/training/organiser_views.py)."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import load_workbook

from domain.leaders import memorandum_services as mou
from domain.training import services as training
from domain.training.models import Booking, Event
from domain.training.workflows import BookingStatus, EventStatus
from tests import factories
from tests.conftest import sign_in
from tests.queries import assert_constant_queries
from tests.training import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus


def url(name, event=None, booking=None, **kwargs):
    if event is not None:
        kwargs["event_id"] = event.pk
    if booking is not None:
        kwargs["booking_id"] = booking.pk
    return reverse(f"events:{name}", kwargs=kwargs or None)


def page_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def form_data(school, **changes) -> dict:
    data = {
        "title": "Coaching for new middle leaders",
        "kind": "training",
        "description": "Coaching conversations in practice.",
        "venue_query": str(school.urn),
        "venue_details": "Room 4",
        "day-day": "13",
        "day-month": "12",
        "day-year": "2026",
        "starts": "9:30am",
        "ends": "3pm",
        "capacity": "20",
        "booking_opens_on-day": "23",
        "booking_opens_on-month": "11",
        "booking_opens_on-year": "2026",
        "booking_closes_on-day": "10",
        "booking_closes_on-month": "12",
        "booking_closes_on-year": "2026",
        "cancellation_days": "7",
        "audience": "region",
        "fee": "100.50",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- Your events -------------------------------------------------------------------------------


def test_the_list_shows_the_organisers_events_with_places_and_waiting(client):
    event, coordinator = b.published(capacity=1, title="Maths mastery")
    b.full(event)
    b.book(event, b.person(), waiting_list=True)
    b.draft(title="Someone else's event")
    sign_in(client, coordinator)
    shown = page_of(client.get(url("organise")))
    assert "Maths mastery" in shown and "1 of 1" in shown and "Open to book" in shown
    assert "Someone else&#39;s event" not in shown and "Someone else's event" not in shown
    assert "Create an event" in shown


def test_the_list_runs_the_same_number_of_queries_however_many_events(client):
    organisation, coordinator = b.alliance_with_coordinator()
    partner = b.alliance()
    sign_in(client, coordinator)

    def grow():
        event, _ = b.published(organisation, coordinator, partners=[partner])
        b.book(event, b.person())

    grow()
    assert_constant_queries(lambda: client.get(url("organise")), grow)


def test_people_who_do_not_organise_events_are_refused_the_list(client):
    sign_in(client, b.person())
    assert client.get(url("organise")).status_code == 403


# --- Creating and changing ---------------------------------------------------------------------


def test_an_organiser_creates_a_draft_with_a_school_chosen_by_urn_and_partners(client):
    organisation, coordinator = b.alliance_with_coordinator(name="Calder Alliance")
    hub = b.alliance(kind="hub", name="Ryburn Teaching School Hub")
    venue = factories.SchoolFactory(name="Ryburn Valley High School")
    sign_in(client, coordinator)
    form = page_of(client.get(url("organise-new")))
    assert "Ryburn Teaching School Hub" in form and "School&#39;s name or URN" in form
    response = client.post(url("organise-new"), form_data(venue, partners=[str(hub.pk)]))
    event = Event.objects.get(title="Coaching for new middle leaders")
    assert response["Location"] == url("organise-event", event)
    assert (event.status, event.organisation, event.venue, list(event.partners.all())) == (
        EventStatus.DRAFT,
        organisation,
        venue,
        [hub],
    )
    assert str(event.fee) == "100.50" and event.capacity == 20
    starts = event.starts_at.astimezone(dt.UTC)
    assert starts == dt.datetime(2026, 12, 13, 9, 30, tzinfo=dt.UTC)  # GMT in December


def test_a_school_named_by_several_matches_is_chosen_from_a_list(client):
    _, coordinator = b.alliance_with_coordinator()
    first = factories.SchoolFactory(name="Holme Valley Primary School")
    factories.SchoolFactory(name="Holme Valley Academy")
    sign_in(client, coordinator)
    shown = page_of(client.post(url("organise-new"), form_data(first, venue_query="Holme Valley")))
    assert "Choose the school where the event is held from the list" in shown
    assert f"URN {first.urn}" in shown
    assert not Event.objects.exists()
    client.post(url("organise-new"), form_data(first, venue_query="Holme Valley", venue=str(first.pk)))
    assert Event.objects.get().venue == first


def test_the_form_says_what_is_wrong(client):
    _, coordinator = b.alliance_with_coordinator()
    venue = factories.SchoolFactory()
    sign_in(client, coordinator)
    shown = page_of(
        client.post(
            url("organise-new"),
            form_data(venue, title="", starts="half ten", ends="", venue_query="Nowhere at all", fee="lots"),
        )
    )
    assert "There is a problem" in shown
    for message in (
        "Enter the title of the event",
        "Enter the time the event starts, like 10am or 2:30pm",
        "Enter the time the event ends",
        "No school on the register matches",
        "Enter the fee as an amount in pounds, like 100 or 100.50",
    ):
        assert message in shown
    assert 'href="#id_title"' in shown
    late = page_of(client.post(url("organise-new"), form_data(venue, ends="9am")))
    assert "The time the event ends must be after the time it starts" in late
    assert not Event.objects.exists()


def test_a_refusal_of_the_service_is_a_form_error(client):
    organisation, coordinator = b.alliance_with_coordinator(region=None, name="Roaming Alliance")
    sign_in(client, coordinator)
    shown = page_of(client.post(url("organise-new"), form_data(factories.SchoolFactory())))
    assert "There is a problem" in shown
    assert "Roaming Alliance has no region: ask the regional body to set it" in shown
    assert not Event.objects.exists()


def test_changing_an_event_keeps_its_values_and_refuses_fewer_places_than_are_booked(client):
    event, coordinator = b.published(capacity=3)
    b.full(event, places=2)
    sign_in(client, coordinator)
    shown = page_of(client.get(url("organise-change", event)))
    assert 'value="Leading maths across a trust"' in shown and 'value="10am"' in shown
    data = form_data(event.venue, title="Leading maths", venue_query=event.venue.name, venue=str(event.venue_id))
    refused = page_of(client.post(url("organise-change", event), {**data, "capacity": "1"}))
    assert "2 places are booked: offer at least that many" in refused
    client.post(url("organise-change", event), data)
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Leading maths", 20)


# --- Publishing and cancelling -----------------------------------------------------------------


def test_the_check_page_publishes_the_draft(client):
    event, coordinator = b.draft(title="Network meeting")
    sign_in(client, coordinator)
    shown = page_of(client.get(url("organise-publish", event)))
    assert "Check the event, then publish it" in shown and "Kirkstall Primary School" in shown
    response = client.post(url("organise-publish", event))
    assert response["Location"] == url("organise-event", event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    again = page_of(client.get(url("organise-publish", event)))
    assert "it has already been published or cancelled" in again and "Publish the event</button>" not in again


def test_cancelling_an_event_needs_a_reason_and_cancels_its_bookings(client):
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    sign_in(client, coordinator)
    assert "Enter why you are cancelling the event" in page_of(client.post(url("organise-cancel", event), {}))
    client.post(url("organise-cancel", event), {"reason": "The venue is closed for repairs"})
    event.refresh_from_db()
    booking.refresh_from_db()
    assert (event.status, booking.status) == (EventStatus.CANCELLED, B.CANCELLED)
    assert "This event is cancelled: it cannot change" in page_of(client.get(url("organise-change", event)))


# --- Who may see the organisers' pages ---------------------------------------------------------


def test_a_draft_is_not_found_and_a_published_event_is_refused_for_others(client):
    draft, _ = b.draft()
    event, _ = b.published()
    booking = b.book(event, b.person())
    _, other_coordinator = b.alliance_with_coordinator()
    sign_in(client, other_coordinator)
    assert client.get(url("organise-event", draft)).status_code == 404
    assert client.get(url("organise-bookings", draft)).status_code == 404
    for name in ("organise-event", "organise-bookings", "organise-register", "organise-add", "organise-cancel"):
        assert client.get(url(name, event)).status_code == 403, name
    assert client.get(url("organise-paid", event, booking)).status_code == 403
    assert client.get(url("organise-export", event, fmt="csv")).status_code == 403


def test_a_partners_coordinator_and_the_regions_representative_organise_it(client):
    hub = b.alliance(kind="hub")
    hub_coordinator = b.coordinator_of(hub)
    draft, _ = b.draft(partners=[hub])
    sign_in(client, hub_coordinator)
    assert client.get(url("organise-event", draft)).status_code == 200
    sign_in(client, b.representative_of())
    assert client.get(url("organise-event", draft)).status_code == 200


def test_a_booking_of_another_event_is_not_found(client):
    event, coordinator = b.published()
    other, _ = b.published(organisation=None)
    elsewhere = b.book(other, b.person())
    sign_in(client, coordinator)
    assert client.get(url("organise-paid", event, elsewhere)).status_code == 404


# --- Bookings ----------------------------------------------------------------------------------


@pytest.fixture
def busy():
    """An event with two places, both taken, one on the waiting list and one cancelled."""
    event, coordinator = b.published(capacity=2, title="Leading maths")
    first = b.book(event, b.person(full_name="Ada Marsh"))
    second = b.book(event, b.person(full_name="Ben Hollins"))
    waiting = b.book(event, b.person(full_name="Cara Whitby"), waiting_list=True)
    gone = b.book(event, b.person(full_name="Dev Ormerod"), waiting_list=True)
    training.booking_cancel(actor=gone.delegate, booking=gone)
    training.booking_mark_paid(actor=coordinator, booking=first, paid_on=dt.date(2026, 11, 20))
    return event, coordinator, first, second, waiting


def test_the_bookings_page_shows_places_the_waiting_list_cancellations_and_income(client, busy):
    event, coordinator, first, second, waiting = busy
    sign_in(client, coordinator)
    shown = page_of(client.get(url("organise-bookings", event)))
    for text in ("Ada Marsh", "Ben Hollins", "Cara Whitby", "Dev Ormerod", first.invoice_number, "20 November 2026"):
        assert text in shown
    assert "£200.00 for 2 places" in shown and "£100.00" in shown
    assert shown.index("Cara Whitby") < shown.index("Cancellations") < shown.index("Dev Ormerod")


def test_the_bookings_page_runs_the_same_number_of_queries_however_many_bookings(client):
    event, coordinator = b.published(capacity=50)
    sign_in(client, coordinator)
    b.book(event, b.person())
    assert_constant_queries(lambda: client.get(url("organise-bookings", event)), lambda: b.book(event, b.person()))


def test_the_bookings_download_as_csv_and_xlsx(client, busy):
    event, coordinator, first, *_ = busy
    sign_in(client, coordinator)
    response = client.get(url("organise-export", event, fmt="csv"))
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Event reference", "Event", "Delegate", "Email"]
    ada = next(r for r in rows if r[2] == "Ada Marsh")
    assert ada[6:11] == ["Booked", "2026-11-22", "100.00", first.invoice_number, "2026-11-20"]
    assert {r[2] for r in rows[1:]} == {"Ada Marsh", "Ben Hollins", "Cara Whitby", "Dev Ormerod"}
    book = load_workbook(io.BytesIO(client.get(url("organise-export", event, fmt="xlsx")).content))
    assert book.active.max_row == 5
    assert client.get(url("organise-export", event, fmt="pdf")).status_code == 404


def test_an_organiser_adds_a_delegate_or_puts_them_on_the_waiting_list(client, busy):
    event, coordinator, *_ = busy
    sign_in(client, coordinator)
    newcomer = b.person(email="newcomer@example.test")
    full = page_of(client.post(url("organise-add", event), {"email": "newcomer@example.test"}))
    assert "All 2 places are taken: join the waiting list instead" in full
    unknown = page_of(client.post(url("organise-add", event), {"email": "nobody@example.test"}))
    assert "Nobody has an account with this email address" in unknown
    response = client.post(url("organise-add", event), {"email": "Newcomer@example.test", "waiting_list": "on"})
    assert response["Location"] == url("organise-bookings", event)
    booking = Booking.objects.get(delegate=newcomer)
    assert (booking.status, booking.booked_by) == (B.WAITING, coordinator)


def test_marking_a_fee_paid(client, busy):
    event, coordinator, _, second, _ = busy
    sign_in(client, coordinator)
    future = {"paid_on-day": "23", "paid_on-month": "11", "paid_on-year": "2026"}
    assert "The date paid must be today or in the past" in page_of(
        client.post(url("organise-paid", event, second), future)
    )
    client.post(url("organise-paid", event, second), {**future, "paid_on-day": "21"})
    second.refresh_from_db()
    assert second.paid_on == dt.date(2026, 11, 21)


def test_cancelling_a_booking_for_someone_moves_the_waiting_list_up(client, busy):
    event, coordinator, first, _, waiting = busy
    sign_in(client, coordinator)
    assert "Enter why you are cancelling the booking" in page_of(
        client.post(url("organise-booking-cancel", event, first), {})
    )
    response = client.post(url("organise-booking-cancel", event, first), {"reason": "Their school is closed"})
    assert "The booking for Ada Marsh is cancelled. They have been told." in flashed(response)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == (B.CANCELLED, B.CONFIRMED)
    assert "This booking cannot be cancelled now" in page_of(client.get(url("organise-booking-cancel", event, first)))


# --- The register ------------------------------------------------------------------------------


def test_the_register_is_taken_from_the_day_of_the_event(client, busy, frozen_clock):
    event, coordinator, first, second, waiting = busy
    sign_in(client, coordinator)
    before = page_of(client.get(url("organise-register", event)))
    assert "The register can be taken from the day of the event, 13 December 2026" in before
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    sign_in(client, coordinator)
    shown = page_of(client.get(url("organise-register", event)))
    assert "Ada Marsh" in shown and "Cara Whitby" not in shown and "memorandum" not in shown
    missing = page_of(client.post(url("organise-register", event), {f"booking_{first.pk}": "attended"}))
    assert "Select whether Ben Hollins attended" in missing
    response = client.post(
        url("organise-register", event), {f"booking_{first.pk}": "attended", f"booking_{second.pk}": "absent"}
    )
    assert "The register is saved: 1 attended, 1 did not attend." in flashed(response)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (B.ATTENDED, B.ABSENT)
    counts = page_of(client.get(url("organise-bookings", event)))
    assert "Did not attend" in counts


def test_the_memorandum_is_signed_at_the_induction(client, frozen_clock):
    aire, coordinator = b.alliance_with_coordinator()
    leader, association = b.associated_leader(aire)
    other, _ = b.associated_leader(aire)
    event, _ = b.published(aire, coordinator, kind="induction", audience="leaders", title="Induction")
    signing, staying = b.book(event, leader), b.book(event, other)
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    sign_in(client, coordinator)
    assert "Signed the memorandum of understanding" in page_of(client.get(url("organise-register", event)))
    response = client.post(
        url("organise-register", event),
        {
            f"booking_{signing.pk}": "attended",
            f"signed_{signing.pk}": "on",
            f"booking_{staying.pk}": "attended",
        },
    )
    assert "The register is saved: 2 attended, 0 did not attend. 1 signed the memorandum of understanding." in (
        flashed(response)
    )
    signing.refresh_from_db()
    staying.refresh_from_db()
    assert (signing.memorandum_signed, staying.memorandum_signed) == (True, False)
    assert not mou.memorandum_state(association).outstanding_for("leader")


def test_signing_the_memorandum_without_attending_is_refused_as_a_form_error(client, frozen_clock):
    aire, coordinator = b.alliance_with_coordinator()
    leader, _ = b.associated_leader(aire)
    event, _ = b.published(aire, coordinator, kind="induction", audience="leaders")
    booking = b.book(event, leader)
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    sign_in(client, coordinator)
    shown = page_of(
        client.post(url("organise-register", event), {f"booking_{booking.pk}": "absent", f"signed_{booking.pk}": "on"})
    )
    assert "Only a delegate who attended can sign the memorandum there" in shown
    booking.refresh_from_db()
    assert (booking.status, booking.memorandum_signed) == (B.CONFIRMED, False)


def test_a_representative_chooses_which_alliance_runs_the_event(client):
    chosen = b.alliance(name="Wharfe Alliance")
    b.alliance(name="Nidd Alliance")
    sign_in(client, b.representative_of())
    shown = page_of(client.get(url("organise-new")))
    assert "Who runs the event?" in shown and "Wharfe Alliance" in shown and "Nidd Alliance" in shown
    school = factories.SchoolFactory()
    assert "Choose the alliance or hub that runs the event" in page_of(
        client.post(url("organise-new"), form_data(school))
    )
    client.post(url("organise-new"), form_data(school, organisation=str(chosen.pk)))
    assert Event.objects.get().organisation == chosen


def test_the_organisers_pages_have_no_duplicate_ids(client, busy, frozen_clock):
    import re
    from collections import Counter

    event, coordinator, first, *_ = busy
    frozen_clock.move_to(b.at(b.EVENT_DAY, 9))
    sign_in(client, coordinator)
    pages = [
        client.get(url(name, event))
        for name in ("organise-event", "organise-change", "organise-publish", "organise-cancel", "organise-bookings")
    ]
    pages += [
        client.get(url("organise")),
        client.post(url("organise-new"), {}),
        client.post(url("organise-add", event), {}),
        client.post(url("organise-register", event), {}),
        client.post(url("organise-paid", event, first), {}),
    ]
    for response in pages:
        ids = Counter(re.findall(r'\sid="([^"]+)"', page_of(response)))
        assert [i for i, n in ids.items() if n > 1] == [], response.wsgi_request.path
