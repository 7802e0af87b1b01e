"""The demo region, its people and helpers for the brokering pages' tests."""

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from demo.commissioning import request_values
from domain.accounts.models import User
from domain.commissioning import request_services
from domain.commissioning.models import AgendaItem, Offer, PanelMeeting, SupportRequest
from domain.leaders import availability_services
from domain.leaders.term_split import working_days_by_term
from domain.organisations.models import Organisation
from tests import factories
from tests.conftest import sign_in


@pytest.fixture
def demo(demo_region_once, db):
    people = {
        name: User.objects.get(email=f"{name}@demo.test")
        for name in (
            "coordinator",
            "hub.coordinator",
            "panel.member",
            "system.leader",
            "regional.lead",
            "sle.maths",
            "sle.english",
            "commissioner",
        )
    }
    return {
        **people,
        "aire": Organisation.objects.get(code="DEMO-TSA1"),
        "hub": Organisation.objects.get(code="DEMO-HUB1"),
        "matched": SupportRequest.objects.get(status="matched"),
        "referred": SupportRequest.objects.get(status="submitted"),
        "public": SupportRequest.objects.get(status="awaiting_confirmation"),
        "meeting": PanelMeeting.objects.get(),
        "item": AgendaItem.objects.get(request__status="matched"),
        "offer": Offer.objects.get(status="with_leader"),
    }


@pytest.fixture
def as_user(client):
    """as_user(user) -> the test client signed in as them, second factor given."""
    return lambda user: sign_in(client, user)


def values(**changes) -> dict:
    """What a request needs for matching (as the demo's own requests): an SLE for maths."""
    return request_values(
        needs=["maths"], role_sought="sle", description="Maths leadership after a weak year", days="6", **changes
    )


def submit(*, actor, organisation, school=None, **changes):
    """A new request for support brokered by `organisation`, waiting for triage."""
    return request_services.request_submit(
        actor=actor,
        school=school or factories.SchoolFactory(),
        values=values(**changes),
        referrer_kind="local_authority",
        preferred_organisation=organisation,
        route="referral",
    )


def offer_days(leader, days=20):
    """The leader offers days in each term of the demo's requests (from 9 to 120 days from today:
    the autumn and spring terms), so that the engine ranks them."""
    today = timezone.localdate()
    for term, _ in working_days_by_term(today + dt.timedelta(days=9), today + dt.timedelta(days=120)):
        availability_services.availability_set(actor=leader, leader=leader, term=term, days=days)


def text_of(response) -> str:
    """The page's words, without markup, spaces collapsed."""
    page = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
