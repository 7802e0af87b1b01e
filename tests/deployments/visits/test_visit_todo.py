import datetime as dt

import pytest

from domain.deployments import variation_services as variations
from domain.deployments import visit_services as visits
from domain.deployments.visit_todo import to_do_for
from tests.queries import count_queries

from .helpers import at

pytestmark = pytest.mark.django_db


def texts(user):
    return [item.text for item in to_do_for(user)]


def test_the_leader_is_asked_for_notes_due_then_overdue(active, frozen_clock):
    visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, 3))
    assert texts(active.leader) == []  # the visit is still to come
    at(frozen_clock, dt.date(2026, 12, 4))
    assert texts(active.leader) == ["Write a note of visit"]
    at(frozen_clock, dt.date(2026, 12, 11))
    assert texts(active.leader) == ["Write an overdue note of visit"]
    assert {item.code for item in to_do_for(active.leader)} == {"visit_note"}


def test_the_alliance_is_asked_to_decide_on_more_days(active):
    assert texts(active.coordinator) == []
    variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    assert texts(active.coordinator) == ["Decide on a request for more days"]
    assert texts(active.client) == []


def test_the_to_do_list_runs_a_fixed_number_of_queries(active, frozen_clock):
    at(frozen_clock, dt.date(2026, 12, 20))
    to_do_for(active.leader)  # the person's memberships are read once and kept
    before, _ = count_queries(lambda: to_do_for(active.leader))
    for day in (1, 2, 3):
        visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, day))
    after, items = count_queries(lambda: to_do_for(active.leader))
    assert after == before and items[0].text == "Write 3 overdue notes of visit"
