"""The demo region, clients signed in as its people, and offers built through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from demo.commissioning import request_values as demo_request_values
from domain.accounts.models import User
from domain.commissioning import meeting_services as meetings
from domain.commissioning import request_services as requests
from domain.commissioning.models import Offer
from domain.leaders import availability_services as availability
from domain.leaders.term_split import working_days_by_term
from domain.organisations.models import Organisation
from domain.schools.models import School
from tests.conftest import sign_in

PEOPLE = {
    "alex": "system.leader@demo.test",
    "nle": "nle@demo.test",
    "coordinator": "coordinator@demo.test",
    "hub_coordinator": "hub.coordinator@demo.test",
    "contact": "school.contact@demo.test",
    "commissioner": "commissioner@demo.test",
    "panel_member": "panel.member@demo.test",
    "sle_maths": "sle.maths@demo.test",
}


@pytest.fixture
def demo(demo_region_once, db):
    people = {name: User.objects.get(email=email) for name, email in PEOPLE.items()}
    return {
        **people,
        "aire": Organisation.objects.get(code="DEMO-TSA1"),
        "hub": Organisation.objects.get(code="DEMO-HUB1"),
        # The demo's offer: the school contact's request, chosen for Alex, waiting for them.
        "offer": Offer.objects.get(leader=people["alex"], status="with_leader"),
    }


@pytest.fixture
def as_person(client, demo):
    """as_person("alex") -> the test client signed in as that demo person (staff with their
    second factor given)."""
    return lambda name: sign_in(client, demo[name])


def request_values(**changes) -> dict:
    """An NLE for 3 days on behaviour in a secondary school, in a block, funded by the DfE."""
    return demo_request_values(
        **{
            "needs": ["behaviour"],
            "phase": "secondary",
            "role_sought": "nle",
            "description": "Behaviour across Key Stage 3 after a difficult year",
            "days": "3",
            "pattern": "block",
            "window_ends": timezone.localdate() + dt.timedelta(days=60),
            "funding": "dfe_offer",
            **changes,
        }
    )


def offer_through_a_panel(demo, *, leader, school="Kingsmead Secondary Academy", days_offered="10", **values):
    """A local authority refers `school` to Aire, Aire triages it, puts it on a panel's agenda and
    chooses `leader` (given `days_offered` in each term of the window first, so that they are
    eligible: the days are committed across the terms they fall in)."""
    values = request_values(**values)
    if days_offered is not None:
        for term, _ in working_days_by_term(values["window_starts"], values["window_ends"]):
            availability.availability_set(actor=leader, leader=leader, term=term, days=days_offered)
    coordinator, aire = demo["coordinator"], demo["aire"]
    referred = requests.request_submit(
        actor=demo["commissioner"],
        school=School.objects.get(name=school),
        values=values,
        referrer_kind="local_authority",
        referrer_organisation=Organisation.objects.get(code="DEMO-LA"),
        preferred_organisation=aire,
        route="referral",
    )
    requests.request_triage(actor=coordinator, request=referred)
    meeting = meetings.meeting_schedule(
        actor=coordinator, organisation=aire, meets_at=timezone.now() + dt.timedelta(days=3)
    )
    item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=referred)
    return meetings.agenda_decide(
        actor=coordinator, item=item, leader=leader, rationale="Led two secondary schools through behaviour reviews"
    )


@pytest.fixture
def hub_offer(demo):
    """Aire's offer to the NLE, who is associated with the Pennine hub: the hub must agree."""
    offer = offer_through_a_panel(demo, leader=demo["nle"])
    assert offer.leaders_organisation_id == demo["hub"].pk
    return offer
