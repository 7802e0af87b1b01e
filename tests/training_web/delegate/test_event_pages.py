"""The delegates' event pages: the events to book, an event's page with its booking form (for
yourself or a colleague, the waiting list, refusals shown as errors) and its calendar file. A
place with a fee is booked through its check page (test_booking_confirm.py)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.training.models import Booking
from domain.training.workflows import BookingStatus
from tests.conftest import sign_in
from tests.queries import assert_constant_queries
from tests.training import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus


def event_url(event, name="events:event"):
    return reverse(name, kwargs={"event_id": event.pk})


def errors_of(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]


def test_the_list_shows_each_event_with_its_places_fee_and_audience(client):
    event, _ = b.published(capacity=2)
    b.book(event, b.person())
    sign_in(client, b.person())
    page = client.get(reverse("events:list")).content.decode()
    assert "Leading maths across a trust" in page
    assert "13 December 2026, 10am to 3pm" in page
    assert "Kirkstall Primary School" in page
    assert "1 of 2 places left" in page
    assert "£100.00" in page
    assert "Anyone with an account" in page
    b.book(event, b.person())
    assert "Full: join the waiting list" in client.get(reverse("events:list")).content.decode()


def test_the_list_runs_the_same_queries_however_long(client):
    organisation, coordinator = b.alliance_with_coordinator()
    b.published(organisation, coordinator)
    sign_in(client, b.person())
    response = assert_constant_queries(
        lambda: client.get(reverse("events:list")),
        lambda: b.book(b.published(organisation, coordinator)[0], b.person()),
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("tbody tr")) == 3


def test_a_draft_is_not_found_except_by_its_organisers(client):
    event, coordinator = b.draft()
    sign_in(client, b.person())
    assert client.get(event_url(event)).status_code == 404
    sign_in(client, coordinator)
    assert client.get(event_url(event)).status_code == 200


def test_booking_a_free_place_for_yourself(client):
    event, _ = b.published(fee="0")
    delegate = b.person()
    sign_in(client, delegate)
    page = client.get(event_url(event)).content.decode()
    assert "Who is the place for?" in page
    assert "Yourself" in page and "You can cancel a place up to 6 December 2026" in page
    response = client.post(event_url(event), {"delegate": "self"})
    booking = Booking.objects.get(event=event)
    assert response.url == reverse("events:booking", kwargs={"booking_id": booking.pk})
    assert (booking.delegate, booking.status) == (delegate, B.CONFIRMED)
    assert "You have a place at Leading maths across a trust" in client.get(response.url).content.decode()


def test_booking_a_place_for_a_colleague_named_in_the_radios(client):
    event, _ = b.published(fee="0")
    booker = b.person()
    colleague = b.colleague_of(booker, full_name="Priya Oakenshaw")
    b.person(full_name="Someone Elsewhere")
    sign_in(client, booker)
    page = client.get(event_url(event)).content.decode()
    assert "Priya Oakenshaw" in page and "Someone Elsewhere" not in page
    response = client.post(event_url(event), {"delegate": str(colleague.pk)})
    booking = Booking.objects.get(event=event)
    assert (booking.delegate, booking.booked_by) == (colleague, booker)
    assert "Priya Oakenshaw has a place at" in client.get(response.url).content.decode()


def test_someone_not_a_colleague_cannot_be_chosen(client):
    event, _ = b.published()
    stranger = b.person()
    sign_in(client, b.person())
    response = client.post(event_url(event), {"delegate": str(stranger.pk)})
    assert errors_of(response) == ["Select who the place is for from the list"]
    assert not Booking.objects.exists()


def test_booking_outside_the_window_is_refused_with_the_reason(client):
    event, _ = b.published(booking_opens_on=dt.date(2026, 11, 25))
    sign_in(client, b.person())
    assert "Booking opens on 25 November 2026" in client.get(event_url(event)).content.decode()
    response = client.post(event_url(event), {"delegate": "self"})
    assert errors_of(response) == ["Booking opens on 25 November 2026"]
    assert not Booking.objects.exists()


def test_a_full_event_refuses_a_booking_without_the_waiting_list_then_joins_it(client):
    event, _ = b.published(capacity=1, fee="0")
    b.full(event)
    delegate = b.person()
    sign_in(client, delegate)
    page = client.get(event_url(event)).content.decode()
    assert "Join the waiting list" in page and 'name="waiting_list"' in page
    refused = client.post(event_url(event), {"delegate": "self"})
    assert errors_of(refused) == ["The only place is taken: join the waiting list instead"]
    assert not Booking.objects.filter(delegate=delegate).exists()
    response = client.post(event_url(event), {"delegate": "self", "waiting_list": "on"})
    assert Booking.objects.get(delegate=delegate).status == B.WAITING
    assert "You are on the waiting list for Leading maths across a trust" in client.get(response.url).content.decode()


def test_someone_the_event_is_not_for_is_refused(client):
    event, _ = b.published(audience="leaders")
    sign_in(client, b.person())
    response = client.post(event_url(event), {"delegate": "self"})
    assert errors_of(response) == ["Leading maths across a trust is for designated system leaders: you cannot book it"]
    assert not Booking.objects.exists()


def test_the_calendar_file(client):
    event, _ = b.published()
    sign_in(client, b.person())
    response = client.get(event_url(event, "events:event-calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="event.ics"' in response["Content-Disposition"]
    text = response.content.decode()
    assert "SUMMARY:Leading maths across a trust" in text
    assert "DTSTART" in text
