import datetime as dt

import pytest
from django.test import override_settings

from domain.deployments import visit_services
from domain.deployments.working_days import add_working_days, is_working_day


def test_a_friday_plus_one_working_day_is_the_monday_after():
    assert add_working_days(dt.date(2026, 12, 4), 1) == dt.date(2026, 12, 7)


def test_five_working_days_from_a_thursday_cross_one_weekend():
    assert add_working_days(dt.date(2026, 12, 3), 5) == dt.date(2026, 12, 10)


def test_a_visit_on_a_saturday_counts_from_the_monday():
    assert add_working_days(dt.date(2026, 12, 5), 1) == dt.date(2026, 12, 7)
    assert not is_working_day(dt.date(2026, 12, 5))


def test_no_days_is_the_same_day_and_negative_is_an_error():
    assert add_working_days(dt.date(2026, 12, 3), 0) == dt.date(2026, 12, 3)
    with pytest.raises(ValueError, match="count must be 0 or more"):
        add_working_days(dt.date(2026, 12, 3), -1)


def test_the_note_is_due_five_working_days_after_the_visit_by_default():
    assert visit_services.note_due_on(dt.date(2026, 12, 4)) == dt.date(2026, 12, 11)


@override_settings(DEPLOYMENT_NOTE_DUE_WORKING_DAYS=2)
def test_the_setting_changes_when_the_note_is_due():
    assert visit_services.note_due_on(dt.date(2026, 12, 4)) == dt.date(2026, 12, 8)
