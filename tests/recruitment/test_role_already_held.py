"""Applying for a role the person already holds, in force, is refused at the start (issue 14)."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from domain.designation.models import Designation
from domain.designation.services import designation_create
from domain.recruitment.models import Application
from domain.recruitment.services import RecruitmentRefused, application_start
from tests import factories
from tests.recruitment.helpers import make_round, tsa_with_coordinator

pytestmark = pytest.mark.django_db


def designate(person, role="lle", starts_on=dt.date(2025, 9, 1)):
    tsa, coordinator = tsa_with_coordinator()
    return designation_create(
        actor=coordinator,
        person=person,
        role=role,
        source="tsa_or_hub",
        organisation=tsa,
        school=factories.SchoolFactory(),
        phases=["primary"],
        specialisms=[],
        starts_on=starts_on,
    )


# Decision table: (role held, its state, round's role) -> refused?
TABLE = [
    (None, None, "lle", False),
    ("lle", "in force", "lle", True),
    ("lle", "ended", "lle", False),
    ("lle", "in force", "nle", False),
]


@pytest.mark.parametrize(("held", "state", "round_role", "refused"), TABLE)
def test_a_role_held_in_force_is_refused_at_the_start(held, state, round_role, refused):
    person = factories.UserFactory()
    if held:
        designation = designate(person, held)
        if state == "ended":
            Designation.objects.filter(pk=designation.pk).update(status="lapsed")
    criteria = {"lle": "yh-lle@1", "nle": "national-nle@1"}[round_role]
    round_ = make_round(role=round_role, criteria_set=criteria)
    if refused:
        designation.refresh_from_db()
        until = designation.ends_on
        with pytest.raises(RecruitmentRefused, match="You are already a local leader") as refusal:
            application_start(actor=person, round_=round_)
        assert str(refusal.value) == (
            f"You are already a local leader of education until {until.day} {until:%B %Y}, "
            "so you cannot apply for this role again"
        )
        assert not Application.objects.exists()
    else:
        assert application_start(actor=person, round_=round_).applicant == person


def test_the_open_rounds_page_says_so_instead_of_apply(client, signed_in):
    person = factories.UserFactory()
    designate(person)
    make_round(title="Leeds LLE round")
    signed_in(person)
    card = BeautifulSoup(client.get("/recruitment/rounds/").content, "html.parser").select_one(".govuk-summary-card")
    text = card.get_text(" ", strip=True)
    assert "You are already a local leader of education until" in text
    assert not [a for a in card.select("a") if a.get_text(strip=True).startswith("Apply")]
