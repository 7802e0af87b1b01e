"""Induction on the designation: its page shows "Induction due" until the leader attends an
induction; the to-do list asks the leader to book one, and the organisers to take the register."""

import datetime as dt

import pytest
from django.urls import reverse

from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.training import services as training
from domain.training.todo import to_do_for
from tests.conftest import person_in_role, sign_in
from tests.queries import count_queries
from tests.training import builders as b

pytestmark = pytest.mark.django_db

HELD = dt.date(2026, 11, 10)


def past_induction(organisation, coordinator, **changes):
    values = {
        "title": "Induction for new system leaders",
        "kind": "induction",
        "audience": "leaders",
        "day": HELD,
        "booking_opens_on": dt.date(2026, 11, 1),
        "booking_closes_on": dt.date(2026, 11, 9),
        **changes,
    }
    event, _ = b.published(organisation, coordinator, **values)
    return event


def test_the_designation_shows_induction_due_then_attended(client):
    organisation, coordinator = b.alliance_with_coordinator()
    leader = person_in_role(Role.SYSTEM_LEADER)
    designation = b.designate(leader, organisation=organisation, actor=coordinator)
    sign_in(client, coordinator)
    url = reverse("portal:designation", kwargs={"designation_id": designation.pk})
    page = client.get(url).content.decode()
    assert "Induction due" in page and "Induction attended" not in page

    event = past_induction(organisation, coordinator)
    booking = b.book(event, leader, actor=coordinator)
    training.attendance_record(actor=coordinator, event=event, attended={booking.pk: True})
    page = client.get(url).content.decode()
    assert "Induction attended on 10 November 2026 (Induction for new system leaders)" in page
    assert "Induction due" not in page


def test_a_leader_whose_induction_is_due_is_asked_to_book_one_until_booked():
    organisation, coordinator = b.alliance_with_coordinator()
    leader = person_in_role(Role.SYSTEM_LEADER)
    b.designate(leader, organisation=organisation, actor=coordinator)
    assert [(t.code, t.text) for t in to_do_for(leader)] == [("induction", "Book an induction")]
    induction, _ = b.published(organisation, coordinator, kind="induction", audience="leaders")
    b.book(induction, leader)
    assert to_do_for(leader) == []


def test_someone_not_designated_is_not_asked_to_book_an_induction():
    assert to_do_for(b.person()) == []


def test_organisers_are_asked_to_take_the_register_of_an_event_that_has_started():
    organisation, coordinator = b.alliance_with_coordinator()
    held = past_induction(organisation, coordinator)
    booking = b.book(held, b.designate(organisation=organisation, actor=coordinator).person, actor=coordinator)
    b.book(b.published(organisation, coordinator, title="Still to come")[0], b.person())
    assert [(t.code, t.text) for t in to_do_for(coordinator)] == [
        ("register", "Take the register for Induction for new system leaders")
    ]
    training.attendance_record(actor=coordinator, event=held, attended={booking.pk: False})
    assert to_do_for(coordinator) == []


def fresh(user):
    """The person as a new request sees them (their memberships not yet cached), without a query."""
    return User(pk=user.pk, email=user.email, full_name=user.full_name, is_active=True)


def test_the_to_do_list_runs_a_fixed_number_of_queries():
    organisation, coordinator = b.alliance_with_coordinator()
    leader = person_in_role(Role.SYSTEM_LEADER)
    b.designate(leader, organisation=organisation, actor=coordinator)
    b.book(past_induction(organisation, coordinator), b.designate().person, actor=coordinator)
    leader_before, _ = count_queries(lambda: to_do_for(fresh(leader)))
    organiser_before, _ = count_queries(lambda: to_do_for(fresh(coordinator)))
    b.designate(leader, organisation=organisation, actor=coordinator, role="sle", specialisms=["maths"])
    b.book(past_induction(organisation, coordinator, title="Second induction"), b.designate().person, actor=coordinator)
    assert count_queries(lambda: to_do_for(fresh(leader)))[0] == leader_before
    organiser_after, items = count_queries(lambda: to_do_for(fresh(coordinator)))
    assert organiser_after == organiser_before and len(items) == 2
