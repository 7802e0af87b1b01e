"""The demo with its showcase (demo.showcase), as `manage.py seed_demo` builds it: what a person
trying the service sees. Built once for the module (on the frozen clock, Sunday 22 November 2026),
rolled back after it."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from demo.school_days import in_school_holidays, is_school_day
from demo.showcase_leaders import AIRE, HUB, SHOWCASE_LEADERS, email_of
from domain.commissioning.models import PanelMeeting, SupportRequest
from domain.commissioning.workflows import RequestStatus
from domain.deployments.models import Deployment, QaActivity, Review, Visit
from domain.leaders.directory import directory_search
from domain.leaders.workflows import PortraitStatus
from domain.organisations.models import Organisation
from domain.recruitment.models import Application
from domain.recruitment.workflows import ApplicationStatus, ReferenceStatus
from domain.training.models import Event
from tests.conftest import FROZEN_AT

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def showcase_once(django_db_setup, django_db_blocker):
    from demo.showcase import build_demo_showcase

    with django_db_blocker.unblock(), time_machine.travel(FROZEN_AT, tick=False), transaction.atomic():
        built = build_demo_showcase()
        yield built
        transaction.set_rollback(True)


def test_forty_leaders_or_more_are_listed_in_the_directory_with_published_portraits(showcase_once):
    entries = list(directory_search())
    assert len(entries) >= 40
    assert all(entry.portrait.status == PortraitStatus.PUBLISHED for entry in entries)
    names = {entry.name for entry in entries}
    assert {row[0] for row in SHOWCASE_LEADERS} <= names
    for role in ("lle", "sle", "nle", "nlg"):
        assert directory_search(role=role).count() >= 4, role
    for alliance, at_least in ((AIRE, 20), (HUB, 12)):
        assert directory_search(organisation=Organisation.objects.get(name=alliance)).count() >= at_least, alliance
    assert len(showcase_once.leaders) == 40 and email_of("Noor Haddlesey") in showcase_once.leaders


def test_the_directory_page_says_how_many_leaders_are_listed(showcase_once, client):
    page = client.get(reverse("directory:search")).content.decode()
    count = directory_search().count()
    assert f"{count} system leaders" in page
    assert "Ari Fenwickham" in page  # early in the list, by name


def test_every_stage_of_an_application_is_there(showcase_once):
    statuses = set(Application.objects.values_list("status", flat=True))
    A = ApplicationStatus
    assert {
        A.DRAFT,
        A.SUBMITTED,
        A.REFERENCES_COMPLETE,
        A.ELIGIBILITY_CHECKED,
        A.ASSESSED,
        A.APPROVED,
        A.DECLINED,
    } <= statuses
    submitted = Application.objects.filter(status=A.SUBMITTED)
    references = {r.status for a in submitted for r in a.reference_requests.all()}
    assert {ReferenceStatus.TO_CONFIRM, ReferenceStatus.AWAITING, ReferenceStatus.ANSWERED} <= references
    assert Application.objects.filter(status=A.ASSESSED, panel_members__isnull=False).exists()
    assert Application.objects.filter(status=A.ASSESSED, panel_members__isnull=True).exists()


def test_every_stage_of_a_request_is_there(showcase_once):
    statuses = set(SupportRequest.objects.values_list("status", flat=True))
    assert set(RequestStatus.values) <= statuses
    assert Deployment.objects.count() >= 4


def test_events_meetings_visits_and_reviews_are_on_school_days(showcase_once):
    days = [
        *(e.starts_at.astimezone(FROZEN_AT.tzinfo).date() for e in Event.objects.all()),
        *(m.meets_at.astimezone(FROZEN_AT.tzinfo).date() for m in PanelMeeting.objects.all()),
        *Visit.objects.values_list("visited_on", flat=True),
        *Review.objects.values_list("held_on", flat=True),
        *QaActivity.objects.values_list("held_on", flat=True),
    ]
    assert len(days) >= 15
    assert [day for day in days if not is_school_day(day)] == []
    assert not any(in_school_holidays(day) for day in days)


def test_building_it_again_changes_nothing(showcase_once):
    from demo.showcase import build_demo_showcase

    counts = (Application.objects.count(), SupportRequest.objects.count(), directory_search().count())
    assert build_demo_showcase() is None
    assert (Application.objects.count(), SupportRequest.objects.count(), directory_search().count()) == counts


def test_nobody_in_the_showcase_has_a_real_address(showcase_once):
    from domain.accounts.models import User

    addresses = list(User.objects.values_list("email", flat=True))
    assert addresses and all(a.endswith(".test") for a in addresses)


def test_dates_are_from_the_frozen_day(showcase_once):
    latest_visit = Visit.objects.filter(shared_at__isnull=False).order_by("-visited_on").first()
    assert latest_visit.visited_on < dt.date(2026, 11, 22)
