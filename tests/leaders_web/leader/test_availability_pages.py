"""The leader's availability pages: days offered each term and the times they are unavailable."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from domain.leaders import availability_services
from domain.leaders.models import TermAvailability, UnavailablePeriod
from tests.queries import assert_constant_queries

from .helpers import banner, errors, main_text, soup

pytestmark = pytest.mark.django_db


def term_url(key):
    return reverse("leader:availability-term", kwargs={"term_key": key})


def offered(leader, year, term) -> Decimal:
    return TermAvailability.objects.get(leader=leader, academic_year=year, term=term).days_offered


def dates(prefix, day, month, year) -> dict:
    return {f"{prefix}-day": day, f"{prefix}-month": month, f"{prefix}-year": year}


def test_the_page_shows_three_terms_with_what_remains(as_leader):
    response = as_leader("alex").get(reverse("leader:availability"))
    rows = [" ".join(r.get_text(" ").split()) for r in soup(response).select("[data-testid=terms] tbody tr")]
    assert [r.split(" Change")[0] for r in rows] == [
        "Autumn term 2026 to 2027 10 5 5",
        "Spring term 2026 to 2027 8 1 7",
        "Summer term 2026 to 2027 5 0 5",
    ]
    assert "The public does not." in main_text(response)


def test_over_capacity_is_flagged(as_leader, demo):
    from domain.leaders.models import Term

    availability_services.commitment_add(
        actor=demo["coordinator"],
        leader=demo["alex"],
        term=Term.parse("2026-autumn"),
        days="7",
        purpose="A second deployment (test)",
        override_reason="Agreed with the headteacher",
    )
    response = as_leader("alex").get(reverse("leader:availability"))
    assert "Over by 2" in soup(response).select_one("[data-testid=terms] tbody tr").get_text(" ")


def test_setting_the_days_for_a_term(as_leader, demo):
    client = as_leader("alex")
    form = soup(client.get(term_url("2026-spring")))
    assert form.find("input", attrs={"name": "days"})["value"] == "8"
    response = client.post(term_url("2026-spring"), {"days": "10.5", "note": "Tuesdays only"}, follow=True)
    assert offered(demo["alex"], 2026, "spring") == Decimal("10.5")
    assert "You offer 10.5 days in the spring term 2026 to 2027" in banner(response)
    assert "Tuesdays only" in main_text(response)


def test_offering_one_day_says_day(as_leader, demo):
    response = as_leader("alex").post(term_url("2026-spring"), {"days": "1"}, follow=True)
    assert "You offer 1 day in the spring term 2026 to 2027" in banner(response)


def test_offering_fewer_days_than_committed_is_refused(as_leader, demo):
    refused = as_leader("alex").post(term_url("2026-autumn"), {"days": "1"})
    assert errors(refused) == ["5 days are already committed in the autumn term 2026 to 2027: offer at least that many"]
    assert soup(refused).select_one(".govuk-error-summary__list a")["href"] == "#id_days"
    assert offered(demo["alex"], 2026, "autumn") == Decimal(10)


@pytest.mark.parametrize(
    "days,message",
    [("", "Enter the number of days you can offer in this term"), ("lots", "Enter the number of days as a number")],
)
def test_the_days_must_be_a_number(as_leader, demo, days, message):
    refused = as_leader("alex").post(term_url("2026-autumn"), {"days": days})
    assert errors(refused)[0].startswith(message)
    assert offered(demo["alex"], 2026, "autumn") == Decimal(10)


@pytest.mark.parametrize("key", ["2026-winter", "autumn", "2026"])
def test_a_term_that_does_not_exist_is_not_found(as_leader, key):
    assert as_leader("alex").get(term_url(key)).status_code == 404


def test_adding_and_removing_a_time_unavailable(as_leader, demo):
    client = as_leader("alex")
    data = {**dates("starts_on", "1", "2", "2027"), **dates("ends_on", "5", "2", "2027"), "reason": "Our inspection"}
    response = client.post(reverse("leader:unavailable-add"), data, follow=True)
    period = UnavailablePeriod.objects.get(leader=demo["alex"])
    assert (period.starts_on, period.ends_on, period.reason) == (
        dt.date(2027, 2, 1),
        dt.date(2027, 2, 5),
        "Our inspection",
    )
    assert "1 February 2027 5 February 2027 Our inspection" in " ".join(
        soup(response).select_one("[data-testid=periods] tbody").get_text(" ").split()
    )
    remove = reverse("leader:unavailable-remove", kwargs={"period_id": period.pk})
    assert client.get(remove).status_code == 405
    client.post(remove)
    assert not UnavailablePeriod.objects.filter(pk=period.pk).exists()


@pytest.mark.parametrize(
    "data,message,href",
    [
        ({}, "Enter the first day you are unavailable", "#id_starts_on-day"),
        (dates("starts_on", "1", "", "2027"), "The first day you are unavailable must include a month", None),
        (dates("starts_on", "31", "2", "2027"), "The first day you are unavailable must be a real date", None),
    ],
)
def test_dates_are_checked_as_gov_uk_asks(as_leader, demo, data, message, href):
    data = {**dates("ends_on", "5", "2", "2027"), **data}
    refused = as_leader("alex").post(reverse("leader:unavailable-add"), data)
    assert errors(refused) == [message]
    if href:
        assert soup(refused).select_one(".govuk-error-summary__list a")["href"] == href
        assert soup(refused).find(id=href[1:]) is not None
    assert not UnavailablePeriod.objects.exists()


def test_a_last_day_before_the_first_is_refused(as_leader):
    data = {**dates("starts_on", "5", "2", "2027"), **dates("ends_on", "1", "2", "2027")}
    refused = as_leader("alex").post(reverse("leader:unavailable-add"), data)
    assert errors(refused) == ["The last day must be the same as or after the first day"]
    assert soup(refused).find("input", attrs={"name": "ends_on-day"})["value"] == "1"
    assert not UnavailablePeriod.objects.exists()


def test_another_leader_s_period_is_not_found(as_leader, demo):
    theirs = availability_services.unavailable_add(
        actor=demo["drew"], leader=demo["drew"], starts_on=dt.date(2027, 1, 4), ends_on=dt.date(2027, 1, 8)
    )
    response = as_leader("alex").post(reverse("leader:unavailable-remove", kwargs={"period_id": theirs.pk}))
    assert response.status_code == 404
    assert UnavailablePeriod.objects.filter(pk=theirs.pk).exists()


def test_the_page_runs_the_same_queries_however_many_periods(client, as_leader, demo):
    as_leader("alex")
    starts = iter(dt.date(2027, 1, 4) + dt.timedelta(days=7 * n) for n in range(10))

    def grow():
        day = next(starts)
        availability_services.unavailable_add(
            actor=demo["alex"], leader=demo["alex"], starts_on=day, ends_on=day + dt.timedelta(days=2)
        )

    response = assert_constant_queries(lambda: client.get(reverse("leader:availability")), grow, times=3)
    assert len(soup(response).select("[data-testid=periods] tbody tr")) == 3
