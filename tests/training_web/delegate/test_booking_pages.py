"""The delegate's bookings: the list, a booking's page, cancelling it (up to the cut-off), the
invoice for the fee, the certificate of attendance and the CPD record with its download."""

import csv
import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from domain.training import services as training
from domain.training.models import Booking
from domain.training.workflows import BookingStatus
from tests.conftest import sign_in
from tests.queries import assert_constant_queries
from tests.training import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus
HELD = dt.date(2026, 11, 10)


def booking_url(booking, name="events:booking"):
    return reverse(name, kwargs={"booking_id": booking.pk})


def attended(delegate, organisation=None, coordinator=None, **changes):
    """`delegate` attended an event held on 10 November 2026, 10am to 3pm (booked by the organisers)."""
    values = {
        "day": HELD,
        "booking_opens_on": dt.date(2026, 11, 1),
        "booking_closes_on": dt.date(2026, 11, 9),
        **changes,
    }
    event, coordinator = b.published(organisation, coordinator, **values)
    booking = b.book(event, delegate, actor=coordinator)
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})
    booking.refresh_from_db()
    return booking


def test_your_bookings_lists_upcoming_and_past_with_their_status(client):
    delegate = b.person()
    upcoming, _ = b.published(title="Network meeting for maths leads")
    b.book(upcoming, delegate)
    attended(delegate, title="Coaching conversations")
    sign_in(client, delegate)
    soup = BeautifulSoup(client.get(reverse("events:bookings")).content, "html.parser")
    tables = {t.caption.get_text(strip=True): t for t in soup.select("table")}
    assert "Network meeting for maths leads" in tables["Upcoming events"].get_text()
    assert "Booked" in tables["Upcoming events"].get_text()
    assert "Coaching conversations" in tables["Past events"].get_text()
    assert "Attended" in tables["Past events"].get_text()


def test_your_bookings_run_the_same_queries_however_many(client):
    delegate = b.person()
    organisation, coordinator = b.alliance_with_coordinator()
    b.book(b.published(organisation, coordinator)[0], delegate)
    attended(delegate, organisation, coordinator)
    sign_in(client, delegate)

    def grow():
        b.book(b.published(organisation, coordinator)[0], delegate)
        attended(delegate, organisation, coordinator)

    response = assert_constant_queries(lambda: client.get(reverse("events:bookings")), grow)
    assert len(BeautifulSoup(response.content, "html.parser").select("tbody tr")) == 6


def test_another_persons_booking_is_not_found(client):
    event, coordinator = b.published()
    booking = b.book(event, b.person())
    sign_in(client, b.person())
    for name in ("events:booking", "events:booking-cancel", "events:booking-invoice"):
        assert client.get(booking_url(booking, name)).status_code == 404
    assert client.post(booking_url(booking, "events:booking-cancel")).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == B.CONFIRMED
    sign_in(client, coordinator)
    assert client.get(booking_url(booking)).status_code == 200


def test_cancelling_before_the_cut_off_frees_the_place_for_the_waiting_list(client):
    event, _ = b.published(capacity=1)
    delegate, waiting = b.person(), b.person()
    booking = b.book(event, delegate)
    queued = b.book(event, waiting, waiting_list=True)
    sign_in(client, delegate)
    page = client.get(booking_url(booking, "events:booking-cancel")).content.decode()
    assert "You can cancel up to 6 December 2026" in page
    response = client.post(booking_url(booking, "events:booking-cancel"), {"reason": "A governors' meeting"})
    assert response.url == booking_url(booking)
    assert Booking.objects.get(pk=booking.pk).status == B.CANCELLED
    assert Booking.objects.get(pk=queued.pk).status == B.CONFIRMED
    assert "The booking for Leading maths across a trust is cancelled" in client.get(response.url).content.decode()


def test_cancelling_after_the_cut_off_is_refused_with_the_reason(client):
    event, _ = b.published(day=dt.date(2026, 11, 25), booking_closes_on=dt.date(2026, 11, 24))
    delegate = b.person()
    booking = b.book(event, delegate)
    sign_in(client, delegate)
    page = client.get(booking_url(booking, "events:booking-cancel")).content.decode()
    assert "Places can be cancelled up to 18 November 2026" in page
    response = client.post(booking_url(booking, "events:booking-cancel"), {"reason": ""})
    soup = BeautifulSoup(response.content, "html.parser")
    summary = [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]
    assert summary[0].startswith("Places can be cancelled up to 18 November 2026: ask the organisers")
    assert Booking.objects.get(pk=booking.pk).status == B.CONFIRMED


def test_the_invoice_for_the_fee(client):
    event, _ = b.published()
    delegate = b.person(full_name="Dana Whitcliffe")
    booking = b.book(event, delegate)
    sign_in(client, delegate)
    booking.refresh_from_db()
    page = client.get(booking_url(booking, "events:booking-invoice")).content.decode()
    assert f"Invoice {booking.invoice_number}" in page
    assert event.organisation.name in page and booking.organisation.name in page
    assert "Dana Whitcliffe" in page and "£100.00" in page and "Not paid yet" in page


def test_a_free_booking_has_no_invoice(client):
    event, _ = b.published(fee="0")
    delegate = b.person()
    booking = b.book(event, delegate)
    sign_in(client, delegate)
    assert client.get(booking_url(booking, "events:booking-invoice")).status_code == 404


def test_the_certificate_of_attendance_is_a_pdf_for_an_attended_booking(client):
    delegate = b.person()
    booking = attended(delegate)
    sign_in(client, delegate)
    page = BeautifulSoup(client.get(booking_url(booking)).content, "html.parser")
    assert "Download your certificate of attendance" in page.get_text()
    event_url = reverse("events:event", kwargs={"event_id": booking.event_id})
    assert page.find("a", href=event_url).get_text(strip=True) == "Leading maths across a trust"
    response = client.get(booking_url(booking, "events:booking-certificate"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="certificate-{booking.event.reference}.pdf"' in response["Content-Disposition"]


def test_the_certificate_names_the_delegate_the_event_its_hours_and_organisers():
    from web.training.certificate import certificate_html

    delegate = b.person(full_name="Dana Whitcliffe")
    booking = attended(delegate)
    html = certificate_html(booking)
    assert "Dana Whitcliffe" in html and "Leading maths across a trust" in html
    assert "10 November 2026, 10am to 3pm" in html and "5 hours" in html
    assert booking.event.organisation.name in html


def test_no_certificate_before_attending(client):
    event, _ = b.published()
    delegate = b.person()
    booking = b.book(event, delegate)
    sign_in(client, delegate)
    assert client.get(booking_url(booking, "events:booking-certificate")).status_code == 404


def test_the_cpd_record_totals_the_hours_and_downloads(client):
    delegate = b.person()
    organisation, coordinator = b.alliance_with_coordinator()
    attended(delegate, organisation, coordinator, title="Coaching conversations")
    attended(delegate, organisation, coordinator, title="Leading a peer review", ends_at=b.at(HELD, 12, 30))
    sign_in(client, delegate)
    page = client.get(reverse("events:cpd")).content.decode()
    assert "Coaching conversations" in page and "Leading a peer review" in page
    assert "7.5 hours" in page
    response = client.get(reverse("events:cpd-export", kwargs={"fmt": "csv"}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Event", "Kind", "Date", "Organised by", "Venue", "Hours"]
    assert sorted((r[0], r[2], r[5]) for r in rows[1:]) == [
        ("Coaching conversations", "2026-11-10", "5.0"),
        ("Leading a peer review", "2026-11-10", "2.5"),
    ]
    book = load_workbook(io.BytesIO(client.get(reverse("events:cpd-export", kwargs={"fmt": "xlsx"})).content))
    assert book.active.max_row == 3
