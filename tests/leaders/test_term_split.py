"""A deployment's days shared across the terms they fall in, by working days (issue 15)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from domain.leaders.models import Term
from domain.leaders.term_split import (
    days_a_leader_can_give,
    days_by_term,
    terms_words,
    working_days_by_term,
)

AUTUMN, SPRING, SUMMER = Term(2026, 0), Term(2026, 1), Term(2026, 2)


def test_the_issues_example_puts_most_of_the_days_in_the_spring_term():
    # 15 December 2026 to 5 April 2027: 13 working days in the autumn term, 64 in the spring, 3 in
    # the summer. Committing all 4 days to the autumn term is what the issue found.
    assert working_days_by_term(dt.date(2026, 12, 15), dt.date(2027, 4, 5)) == [(AUTUMN, 13), (SPRING, 64), (SUMMER, 3)]
    assert days_by_term(dt.date(2026, 12, 15), dt.date(2027, 4, 5), Decimal(4)) == [
        (AUTUMN, Decimal("0.5")),
        (SPRING, Decimal("3.5")),
    ]


def test_a_window_in_one_term_keeps_every_day_there():
    assert days_by_term(dt.date(2027, 1, 11), dt.date(2027, 3, 19), Decimal("2.5")) == [(SPRING, Decimal("2.5"))]


def test_a_weekend_only_window_puts_the_days_in_the_term_it_starts_in():
    # Saturday 19 and Sunday 20 December 2026.
    assert days_by_term(dt.date(2026, 12, 19), dt.date(2026, 12, 20), Decimal(2)) == [(AUTUMN, Decimal(2))]


def test_half_days_left_over_go_to_the_largest_remainders_then_the_earlier_term():
    # 1 December 2026 to 31 January 2027: 23 working days in December, 21 in January.
    assert working_days_by_term(dt.date(2026, 12, 1), dt.date(2027, 1, 31)) == [(AUTUMN, 23), (SPRING, 21)]
    assert days_by_term(dt.date(2026, 12, 1), dt.date(2027, 1, 31), Decimal(1)) == [
        (AUTUMN, Decimal("0.5")),
        (SPRING, Decimal("0.5")),
    ]
    assert days_by_term(dt.date(2026, 12, 1), dt.date(2027, 1, 31), Decimal("0.5")) == [(AUTUMN, Decimal("0.5"))]


def test_weekdays_are_counted_as_a_calendar_would():
    # Every day of 2027 walked one by one, against the sums by term.
    first, last = dt.date(2026, 9, 1), dt.date(2027, 8, 31)
    walked = {}
    day = first
    while day <= last:
        if day.weekday() < 5:
            walked[Term.containing(day)] = walked.get(Term.containing(day), 0) + 1
        day += dt.timedelta(days=1)
    assert dict(working_days_by_term(first, last)) == walked


@given(
    start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31)),
    length=st.integers(min_value=0, max_value=400),
    halves=st.integers(min_value=1, max_value=200),
)
def test_the_shares_add_up_to_the_days_in_half_days_near_their_working_days(start, length, halves):
    days = Decimal(halves) / 2
    end = start + dt.timedelta(days=length)
    shares = days_by_term(start, end, days)
    assert sum(share for _, share in shares) == days
    assert all(share > 0 and share * 2 == int(share * 2) for _, share in shares)
    worked = dict(working_days_by_term(start, end))
    total = sum(worked.values())
    if total and len(worked) > 1:
        for term, share in shares:
            assert abs(share - days * worked[term] / total) <= Decimal("0.5")
    assert [term for term, _ in shares] == sorted(term for term, _ in shares)


def test_a_leader_can_give_the_days_when_every_term_has_room_for_its_share():
    shares = [(AUTUMN, Decimal("0.5")), (SPRING, Decimal("3.5"))]
    assert days_a_leader_can_give({AUTUMN: Decimal(1), SPRING: Decimal(4)}, shares) == Decimal(4)
    # Short in the spring: 1.75 of its 3.5 is half the request.
    assert days_a_leader_can_give({AUTUMN: Decimal(5), SPRING: Decimal("1.75")}, shares) == Decimal(2)
    # Nothing offered in the autumn: nothing can be given.
    assert days_a_leader_can_give({SPRING: Decimal(10)}, shares) == Decimal(0)


def test_the_terms_read_as_a_list():
    assert terms_words([(SPRING, Decimal(1))]) == "the spring term 2026 to 2027"
    assert terms_words([(AUTUMN, Decimal(1)), (SPRING, Decimal(1)), (SUMMER, Decimal(1))]) == (
        "the autumn term 2026 to 2027, the spring term 2026 to 2027 and the summer term 2026 to 2027"
    )
