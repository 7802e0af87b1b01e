"""Working days, for when a note of visit is due (issue 6: "due within a set number of working days
after a visit"). A working day is Monday to Friday.

Bank holidays are not yet counted: a note due across a bank holiday is due one day early. They
could come from GOV.UK's bank holidays feed when the service needs them."""

import datetime as dt

SATURDAY = 5


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The date `count` working days after `day` (weekends skipped; `day` itself is not counted).
    Friday plus one working day is the Monday after."""
    if count < 0:
        raise ValueError("count must be 0 or more")
    result = day
    while count:
        result += dt.timedelta(days=1)
        if is_working_day(result):
            count -= 1
    return result
