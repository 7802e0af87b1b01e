"""Things to do for concerns and reviews, and reading concerns, in a fixed number of queries."""

import datetime as dt

from domain.deployments.concern_selectors import concerns_for
from domain.deployments.concern_services import concern_raise, concern_resolve
from domain.deployments.models import ConcernSeverity, ReviewKind
from domain.deployments.review_services import review_record
from domain.deployments.review_todo import to_do_for
from tests.queries import assert_constant_queries, count_queries

from . import helpers


def raise_one(cast, n=0):
    return concern_raise(
        actor=cast.leader, deployment=cast.deployment, severity=ConcernSeverity.LOW, summary=f"Concern {n}", details="D"
    )


def texts(user):
    return [(item.code, item.text) for item in to_do_for(user)]


def test_the_alliance_is_asked_to_deal_with_open_concerns(cast):
    assert texts(cast.coordinator) == []
    first = raise_one(cast)
    raise_one(cast, 1)
    assert texts(cast.coordinator) == [("concern", "Deal with 2 causes for concern")]
    concern_resolve(actor=cast.coordinator, concern=first, resolution="Sorted")
    assert texts(cast.coordinator) == [("concern", "Deal with a cause for concern")]
    # The leader raised them but does not deal with them; the client never learns of them.
    assert texts(cast.leader) == [] and texts(cast.client) == []


def test_the_mid_review_is_due_once_half_the_dates_have_passed(frozen_clock, active):
    # 1 October 2026 to 29 January 2027: the middle is 30 November.
    assert texts(active.leader) == []
    frozen_clock.move_to(dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC))
    assert texts(active.leader) == [("review", "Record a review that is due")]
    assert texts(active.coordinator) == [("review", "Record a review that is due")]
    review_record(
        actor=active.leader,
        deployment=active.deployment,
        kind=ReviewKind.MID,
        held_on=dt.date(2026, 11, 30),
        summary="S",
    )
    assert texts(active.leader) == []


def test_the_final_review_is_due_once_the_deployment_has_ended(frozen_clock, active):
    frozen_clock.move_to(dt.datetime(2027, 1, 30, 10, tzinfo=dt.UTC))
    assert texts(active.leader) == [("review", "Record 2 reviews that are due")]


def test_the_nlg_progress_review_is_on_the_list_from_a_fortnight_before_it_is_due(frozen_clock, started):
    helpers.make_nlg(started)
    review_record(
        actor=started.leader,
        deployment=started.deployment,
        kind=ReviewKind.NLG_INITIAL,
        held_on=dt.date(2026, 10, 1),
        summary="Initial report",
    )
    assert texts(started.leader) == []  # due 1 February 2027
    frozen_clock.move_to(dt.datetime(2027, 1, 18, 10, tzinfo=dt.UTC))
    assert texts(started.leader) == [("review", "Record a review that is due")]


def test_things_to_do_run_a_fixed_number_of_queries(db):
    cast = helpers.started()
    helpers.activate(cast)
    coordinator = cast.coordinator

    def grow():
        other = helpers.started(organisation=cast.deployment.organisation, coordinator=coordinator)
        helpers.activate(other)
        raise_one(other)

    to_do_for(coordinator)  # the person's memberships are read once, then kept on the user
    before, _ = count_queries(lambda: to_do_for(coordinator))
    grow()
    grow()
    after, items = count_queries(lambda: to_do_for(coordinator))
    assert after == before
    assert items


def test_the_concerns_of_a_deployment_are_read_in_a_fixed_number_of_queries(cast):
    raise_one(cast)

    def fetch():
        return [
            (c.summary, c.raised_by.full_name, c.deployment.client_school.display_name)
            for c in concerns_for(cast.coordinator, cast.deployment)
        ]

    n = [0]

    def grow():
        n[0] += 1
        raise_one(cast, n[0])

    fetch()  # the person's memberships are read once, then kept on the user
    assert_constant_queries(fetch, grow)
    assert len(fetch()) == 3
