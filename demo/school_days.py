"""School days in England, for the demo's dates: events, panel meetings, visits and reviews fall on
days a school is open, so that the demo looks like a real region.

A school day is a weekday that is neither a bank holiday in England nor in the usual school
holidays. Local authorities set their own term dates; these are the usual ones, close enough for a
demo:
- Christmas: 19 December to 4 January;
- February half term: the week of the first Monday on or after 12 February;
- Easter: the two weeks around Easter Sunday (Holy Week and the week after);
- May half term: the week of the spring bank holiday (the last Monday of May);
- summer: 22 July to 3 September;
- October half term: the week of the first Monday on or after 24 October.

Bank holidays are the regular ones (with substitute days when they fall at a weekend); one-off
bank holidays (a coronation, a jubilee) are not counted. Pure functions: no clock, no database."""

import datetime as dt
from functools import cache

MONDAY, FRIDAY, SATURDAY, SUNDAY = 0, 4, 5, 6
DAY = dt.timedelta(days=1)


def easter(year: int) -> dt.date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return dt.date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _first_monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(MONDAY - day.weekday()) % 7)


def _last_monday_of(year: int, month: int) -> dt.date:
    last = dt.date(year + month // 12, month % 12 + 1, 1) - DAY
    return last - dt.timedelta(days=last.weekday())


def _weekday_or_next_monday(day: dt.date) -> dt.date:
    return day if day.weekday() < SATURDAY else _first_monday_on_or_after(day)


@cache
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England's regular bank holidays in `year`."""
    sunday = easter(year)
    christmas = dt.date(year, 12, 25)
    if christmas.weekday() == SATURDAY:  # Christmas on Monday 27, Boxing Day on Tuesday 28
        christmas_days = {christmas + 2 * DAY, christmas + 3 * DAY}
    elif christmas.weekday() == SUNDAY:  # Boxing Day on Monday 26, Christmas on Tuesday 27
        christmas_days = {christmas + DAY, christmas + 2 * DAY}
    elif christmas.weekday() == FRIDAY:  # Boxing Day on Monday 28
        christmas_days = {christmas, christmas + 3 * DAY}
    else:
        christmas_days = {christmas, christmas + DAY}
    return frozenset(
        {
            _weekday_or_next_monday(dt.date(year, 1, 1)),
            sunday - 2 * DAY,  # Good Friday
            sunday + DAY,  # Easter Monday
            _first_monday_on_or_after(dt.date(year, 5, 1)),  # early May
            _last_monday_of(year, 5),  # spring
            _last_monday_of(year, 8),  # summer
            *christmas_days,
        }
    )


def _week_of(monday: dt.date) -> tuple[dt.date, dt.date]:
    return monday, monday + 4 * DAY


@cache
def school_holidays(year: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """The usual school holidays that touch `year`, as (first day, last day), in date order."""
    sunday = easter(year)
    return (
        (dt.date(year - 1, 12, 19), dt.date(year, 1, 4)),
        _week_of(_first_monday_on_or_after(dt.date(year, 2, 12))),
        (sunday - 6 * DAY, sunday + 5 * DAY),
        _week_of(_last_monday_of(year, 5)),
        (dt.date(year, 7, 22), dt.date(year, 9, 3)),
        _week_of(_first_monday_on_or_after(dt.date(year, 10, 24))),
        (dt.date(year, 12, 19), dt.date(year + 1, 1, 4)),
    )


def in_school_holidays(day: dt.date) -> bool:
    return any(first <= day <= last for first, last in school_holidays(day.year))


def is_school_day(day: dt.date) -> bool:
    """A weekday, not a bank holiday in England, not in the usual school holidays."""
    return day.weekday() < SATURDAY and day not in bank_holidays(day.year) and not in_school_holidays(day)


def school_day_on_or_after(day: dt.date) -> dt.date:
    """`day` when it is a school day, or the first school day after it (for what is to come)."""
    while not is_school_day(day):
        day += DAY
    return day


def school_day_on_or_before(day: dt.date) -> dt.date:
    """`day` when it is a school day, or the last school day before it (for what has been)."""
    while not is_school_day(day):
        day -= DAY
    return day
