"""The base demo region (demo.region, as the tests' fixtures build it) holds its events, its panel
meeting, visits and reviews on school days. On the frozen clock (Sunday 22 November 2026) the days
three weeks on, a fortnight back and a week on are Sundays: each moves to the nearest school day."""

import datetime as dt

import pytest
from django.utils import timezone

from demo.school_days import is_school_day
from domain.commissioning.models import PanelMeeting
from domain.deployments.models import QaActivity, Review, Visit
from domain.training.models import Event

pytestmark = pytest.mark.django_db


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def test_the_events_are_on_school_days(demo_region_once):
    events = {e.title: _local(e.starts_at) for e in Event.objects.all()}
    # Three weeks on is Sunday 13 December: the induction is on the Monday after.
    assert events["Induction for new system leaders"] == timezone.make_aware(dt.datetime(2026, 12, 14, 10))
    # A fortnight back is Sunday 8 November: the session was held on the Friday before.
    assert events["Coaching conversations that move schools on"] == timezone.make_aware(dt.datetime(2026, 11, 6, 13))


def test_the_panel_meets_at_4pm_on_a_school_day(demo_region_once):
    (meeting,) = PanelMeeting.objects.all()
    # A week on is Sunday 29 November: the panel meets on Monday 30 November at 4pm.
    assert _local(meeting.meets_at) == timezone.make_aware(dt.datetime(2026, 11, 30, 16))


def test_visits_reviews_and_quality_assurance_are_on_school_days(demo_region_once):
    days = {
        "visits": sorted(Visit.objects.values_list("visited_on", flat=True)),
        "reviews": list(Review.objects.values_list("held_on", flat=True)),
        "quality assurance": list(QaActivity.objects.values_list("held_on", flat=True)),
    }
    # Three weeks back is the Sunday after October half term: the first visit was before it.
    assert days["visits"] == [dt.date(2026, 10, 23), dt.date(2026, 11, 13), dt.date(2026, 12, 2)]
    assert days["reviews"] == [dt.date(2026, 11, 20)]  # yesterday was a Saturday
    assert all(is_school_day(day) for kind in days.values() for day in kind), days
