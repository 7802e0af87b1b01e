"""School days for the demo's dates (demo.school_days): weekdays, not bank holidays in England,
not in the usual school holidays."""

import datetime as dt

import pytest
from dateutil.easter import easter as dateutil_easter

from demo.school_days import (
    bank_holidays,
    easter,
    is_school_day,
    school_day_on_or_after,
    school_day_on_or_before,
)

D = dt.date


def test_easter_is_computed_as_the_calendar_says():
    assert easter(2026) == D(2026, 4, 5)
    assert easter(2027) == D(2027, 3, 28)
    assert all(easter(year) == dateutil_easter(year) for year in range(1990, 2100))


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # England and Wales, as published for 2026 and 2027.
        (
            2026,
            {D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31)}
            | {D(2026, 12, 25), D(2026, 12, 28)},
        ),
        (
            2027,
            {D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30)}
            | {D(2027, 12, 27), D(2027, 12, 28)},
        ),
        # New Year's Day on a Saturday moves to Monday 3 January; Christmas on a Sunday to Tuesday 27.
        (
            2022,
            {D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 5, 30), D(2022, 8, 29)}
            | {D(2022, 12, 26), D(2022, 12, 27)},
        ),
    ],
)
def test_bank_holidays_in_england(year, expected):
    assert bank_holidays(year) == expected


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2026, 11, 22), "a Sunday"),
        (D(2026, 11, 21), "a Saturday"),
        (D(2026, 12, 21), "Christmas holidays"),
        (D(2027, 1, 4), "Christmas holidays, last day"),
        (D(2026, 12, 19), "Christmas holidays, first day"),
        (D(2027, 2, 17), "February half term"),
        (D(2027, 3, 22), "Easter holidays, Holy Week"),
        (D(2027, 4, 2), "Easter holidays, the week after"),
        (D(2027, 6, 2), "May half term"),
        (D(2027, 7, 22), "summer holidays, first day"),
        (D(2027, 9, 3), "summer holidays, last day"),
        (D(2026, 10, 28), "October half term"),
        (D(2027, 5, 3), "early May bank holiday"),
    ],
)
def test_not_a_school_day(day, why):
    assert not is_school_day(day), why


@pytest.mark.parametrize(
    "day",
    [D(2026, 11, 23), D(2026, 12, 18), D(2027, 1, 5), D(2027, 2, 12), D(2027, 4, 5), D(2027, 7, 21), D(2027, 9, 6)],
)
def test_a_school_day(day):
    assert is_school_day(day)


@pytest.mark.parametrize(
    ("day", "after", "before"),
    [
        (D(2026, 11, 23), D(2026, 11, 23), D(2026, 11, 23)),  # a school day stays where it is
        (D(2026, 12, 13), D(2026, 12, 14), D(2026, 12, 11)),  # a Sunday in term
        (D(2026, 12, 25), D(2027, 1, 5), D(2026, 12, 18)),  # Christmas
        (D(2026, 11, 1), D(2026, 11, 2), D(2026, 10, 23)),  # the Sunday after October half term
        (D(2027, 8, 10), D(2027, 9, 6), D(2027, 7, 21)),  # summer
    ],
)
def test_moving_to_the_nearest_school_day(day, after, before):
    assert school_day_on_or_after(day) == after
    assert school_day_on_or_before(day) == before


def test_every_day_for_three_years_moves_to_a_school_day_within_seven_weeks():
    day = D(2026, 1, 1)
    while day < D(2029, 1, 1):
        after, before = school_day_on_or_after(day), school_day_on_or_before(day)
        assert is_school_day(after) and is_school_day(before)
        assert 0 <= (after - day).days <= 46 and 0 <= (day - before).days <= 46
        day += dt.timedelta(days=1)
