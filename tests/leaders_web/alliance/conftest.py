"""The demo region, its people and helpers for the alliance pages' tests."""

import datetime as dt

import pytest

from domain.accounts.models import User
from domain.designation.services import designation_create
from domain.leaders import portrait_services
from domain.leaders.models import Association
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
            "regional.lead",
            "system.leader",
            "existing.lle",
            "sle.maths",
            "sle.english",
            "nle",
        )
    }
    return {
        **people,
        "aire": Organisation.objects.get(code="DEMO-TSA1"),
        "hub": Organisation.objects.get(code="DEMO-HUB1"),
        "association": Association.objects.get(leader=people["system.leader"], status="active"),
        "invitation": Association.objects.get(leader=people["existing.lle"], status="invited"),
    }


@pytest.fixture
def as_user(client):
    """as_user(user) -> the test client signed in as them, second factor given."""
    return lambda user: sign_in(client, user)


def designate_for(organisation, *, actor, role="lle", name=None):
    """A new leader designated by `organisation` (so associated with it), at a school of the region."""
    person = factories.UserFactory(**({"full_name": name} if name else {}))
    designation_create(
        actor=actor,
        person=person,
        role=role,
        source="tsa_or_hub",
        organisation=organisation,
        school=factories.SchoolFactory(),
        phases=["primary"],
        specialisms=["maths"] if role == "sle" else [],
        starts_on=dt.date(2026, 9, 1),
    )
    return person


def submitted_portrait(leader):
    portrait = portrait_services.portrait_save_draft(
        actor=leader, values={"experience": "Led maths across three primary schools.", "phases": ["primary"]}
    )
    return portrait_services.portrait_submit(actor=leader, portrait=portrait)
