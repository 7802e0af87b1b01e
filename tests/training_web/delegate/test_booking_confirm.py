"""Booking a place with a fee: the event's page goes on to a check page showing the event, its
date and venue, the fee and who it is invoiced to, and only "Confirm and book" makes the booking.
A free place is booked in one click. A stale or forged confirmation says why and books nothing.

The frozen clock's day is 22 November 2026; the builders' event is on 13 December 2026 at
Kirkstall Primary School, 12 places at £100 (tests/training/builders.py)."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.training import services as training
from domain.training.models import Booking, Event
from domain.training.workflows import BookingStatus
from tests.conftest import sign_in
from tests.training import builders as b

pytestmark = pytest.mark.django_db

B = BookingStatus


def event_url(event) -> str:
    return reverse("events:event", kwargs={"event_id": event.pk})


def confirm_url(event, **query) -> str:
    url = reverse("events:event-confirm", kwargs={"event_id": event.pk})
    return f"{url}?{urlencode(query)}" if query else url


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def summary_of(response) -> dict:
    soup = page_of(response)
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in soup.select(".govuk-summary-list__row")
    }


def errors_of(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page_of(response).select(".govuk-error-summary__list li")]


def buttons_of(response) -> list[str]:
    return [button.get_text(strip=True) for button in page_of(response).select("main button")]


def hidden_of(response) -> dict:
    form = page_of(response).select_one("main form[method=post]")
    return {
        i["name"]: i.get("value", "") for i in form.select("input[type=hidden]") if i["name"] != "csrfmiddlewaretoken"
    }


def test_a_free_place_is_booked_in_one_click(client):
    event, _ = b.published(fee="0")
    sign_in(client, b.person())
    assert "Book a place" in buttons_of(client.get(event_url(event)))
    response = client.post(event_url(event), {"delegate": "self"})
    booking = Booking.objects.get(event=event)
    assert response.url == reverse("events:booking", kwargs={"booking_id": booking.pk})
    assert (booking.status, booking.fee, booking.invoice_number) == (B.CONFIRMED, 0, "")


def test_a_paid_place_shows_its_check_page_and_books_nothing_until_confirmed(client):
    event, _ = b.published()
    delegate = b.person()
    school = delegate.memberships.first().organisation
    sign_in(client, delegate)
    assert "Continue" in buttons_of(client.get(event_url(event)))
    response = client.post(event_url(event), {"delegate": "self"})
    assert response.status_code == 302
    assert response.url == confirm_url(event, delegate="self")
    assert not Booking.objects.exists()
    check = client.get(response.url)
    assert page_of(check).h1.get_text(strip=True) == "Confirm your booking"
    assert summary_of(check) == {
        "Event": "Leading maths across a trust",
        "Date and time": "13 December 2026, 10am to 3pm",
        "Venue": "Kirkstall Primary School. The hall",
        "Who the place is for": "You",
        "Place": "A place at the event",
        "Fee": "£100.00",
        "Invoiced to": school.name,
    }
    assert f"When you confirm, the fee of £100.00 is invoiced to {school.name}." in page_of(check).main.get_text()
    assert buttons_of(check) == ["Confirm and book"]
    assert not Booking.objects.exists()
    booked = client.post(confirm_url(event), hidden_of(check))
    booking = Booking.objects.get(event=event)
    assert booked.url == reverse("events:booking", kwargs={"booking_id": booking.pk})
    assert (booking.delegate, booking.status, booking.organisation) == (delegate, B.CONFIRMED, school)
    assert (booking.fee, bool(booking.invoice_number)) == (100, True)
    assert "You have a place at Leading maths across a trust" in client.get(booked.url).content.decode()


def test_a_colleague_s_paid_place_names_them_and_the_organisation_invoiced(client):
    event, _ = b.published()
    booker = b.person()
    colleague = b.colleague_of(booker, full_name="Priya Oakenshaw")
    sign_in(client, booker)
    response = client.post(event_url(event), {"delegate": str(colleague.pk)})
    check = client.get(response.url)
    summary = summary_of(check)
    assert summary["Who the place is for"] == "Priya Oakenshaw"
    assert summary["Invoiced to"] == booker.memberships.first().organisation.name
    client.post(confirm_url(event), hidden_of(check))
    assert Booking.objects.get(event=event).delegate == colleague


def test_joining_the_waiting_list_of_a_paid_event_is_checked_too(client):
    event, _ = b.published(capacity=1)
    b.full(event)
    delegate = b.person()
    sign_in(client, delegate)
    response = client.post(event_url(event), {"delegate": "self", "waiting_list": "on"})
    assert not Booking.objects.filter(delegate=delegate).exists()
    check = client.get(response.url)
    assert summary_of(check)["Place"] == "On the waiting list"
    assert "If a place frees, you are booked it at once" in page_of(check).main.get_text()
    assert buttons_of(check) == ["Confirm and join the waiting list"]
    client.post(confirm_url(event), hidden_of(check))
    assert Booking.objects.get(delegate=delegate).status == B.WAITING


def test_a_refusal_on_the_event_s_page_does_not_go_on_to_the_check_page(client):
    event, _ = b.published(booking_opens_on=dt.date(2026, 11, 25))
    sign_in(client, b.person())
    response = client.post(event_url(event), {"delegate": "self"})
    assert response.status_code == 200
    assert errors_of(response) == ["Booking opens on 25 November 2026"]


@pytest.mark.parametrize(
    ("what_changed", "message"),
    [
        ("full", "All 12 places are taken: join the waiting list instead"),
        ("cancelled", "Leading maths across a trust is not open to book"),
        ("closed", "Booking closed on 21 November 2026"),
        ("booked", "Sam Delegate already has a place at Leading maths across a trust"),
    ],
)
def test_a_stale_confirmation_says_why_and_books_nothing(client, what_changed, message):
    event, coordinator = b.published()
    delegate = b.person(full_name="Sam Delegate")
    sign_in(client, delegate)
    check = client.get(confirm_url(event, delegate="self"))
    sent = hidden_of(check)
    if what_changed == "full":
        b.full(event)
    elif what_changed == "cancelled":
        training.event_cancel(actor=coordinator, event=event, reason="The speaker is ill")
    elif what_changed == "closed":
        Event.objects.filter(pk=event.pk).update(booking_closes_on=dt.date(2026, 11, 21))
    else:
        b.book(event, delegate)
    before = list(Booking.objects.values_list("pk", "status"))
    response = client.post(confirm_url(event), sent)
    assert response.status_code == 200
    assert errors_of(response) == [message]
    assert "Confirm and book" not in buttons_of(response)
    assert "Nothing has been booked" in page_of(response).main.get_text()
    assert list(Booking.objects.values_list("pk", "status")) == before


def test_a_fee_changed_since_the_check_is_shown_again_and_nothing_is_booked(client):
    event, _ = b.published()
    sign_in(client, b.person())
    sent = hidden_of(client.get(confirm_url(event, delegate="self")))
    Event.objects.filter(pk=event.pk).update(fee="150")
    response = client.post(confirm_url(event), sent)
    assert errors_of(response) == ["The fee or who it is invoiced to has changed: check the booking again"]
    assert summary_of(response)["Fee"] == "£150.00"
    assert not Booking.objects.exists()
    client.post(confirm_url(event), hidden_of(response))
    assert Booking.objects.get(event=event).fee == 150


@pytest.mark.parametrize(
    "forged",
    [
        {"delegate": "self", "fee": "1.00", "payer": ""},
        {"delegate": "self"},
        {"delegate": "self", "fee": "100.00", "payer": "999999"},
    ],
)
def test_a_forged_fee_or_payer_books_nothing(client, forged):
    event, _ = b.published()
    sign_in(client, b.person())
    response = client.post(confirm_url(event), forged)
    assert response.status_code == 200
    assert errors_of(response) == ["The fee or who it is invoiced to has changed: check the booking again"]
    assert not Booking.objects.exists()


def test_a_forged_delegate_is_refused_on_the_event_s_page(client):
    event, _ = b.published()
    stranger = b.person()
    sign_in(client, b.person())
    for response in (
        client.get(confirm_url(event, delegate=str(stranger.pk))),
        client.post(confirm_url(event), {"delegate": str(stranger.pk), "fee": "100.00"}),
    ):
        assert response.status_code == 200
        assert errors_of(response) == ["Select who the place is for from the list"]
        form = page_of(response).select_one("main form[method=post]")
        assert form["action"] == event_url(event)
    assert not Booking.objects.exists()


def test_the_check_page_is_for_yourself_when_it_names_no_one(client):
    event, _ = b.published()
    sign_in(client, b.person())
    response = client.get(confirm_url(event))
    assert summary_of(response)["Who the place is for"] == "You"


def test_someone_who_cannot_see_the_event_is_not_found(client):
    event, _ = b.draft()
    sign_in(client, b.person())
    assert client.get(confirm_url(event)).status_code == 404
    assert client.post(confirm_url(event), {"delegate": "self"}).status_code == 404
    assert not Booking.objects.exists()
