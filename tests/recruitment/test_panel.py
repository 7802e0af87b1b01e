"""The selection panel: who cannot sit on it, and when it may decide (seed 000 "Application and
selection"; issue 3)."""

import datetime as dt

import pytest

from domain.accounts.roles import Role
from domain.designation.services import designation_create
from domain.organisations.models import OrganisationKind
from domain.recruitment.models import PanelMember
from domain.recruitment.panel import panel_member_add, panel_warnings
from domain.recruitment.services import RecruitmentRefused
from tests import factories
from tests.conftest import person_in_role
from tests.recruitment.selection_builders import coordinated_round, references_complete, valid_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    round_, coordinator = coordinated_round()
    return references_complete(round_), coordinator


def test_a_member_from_the_applicants_school_cannot_sit(setup):
    application, coordinator = setup
    school_org = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL, school=application.school, region=None)
    member = person_in_role(Role.SCHOOL_CONTACT, organisation=school_org, full_name="Alex Sample")

    with pytest.raises(
        RecruitmentRefused, match="Alex Sample cannot sit on this panel: they work at the applicant's school"
    ):
        panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    assert not PanelMember.objects.exists()


def test_a_member_from_the_applicants_trust_cannot_sit(setup):
    application, coordinator = setup
    application.school.trust_code = "TR9001"
    application.school.save(update_fields=["trust_code"])
    trust = factories.OrganisationFactory(kind=OrganisationKind.TRUST, code="TR9001")
    member = person_in_role(Role.SCHOOL_CONTACT, organisation=trust, full_name="Sam Example")

    with pytest.raises(
        RecruitmentRefused, match="Sam Example cannot sit on this panel: they work at the applicant's trust"
    ):
        panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)


def test_a_member_of_another_trust_can_sit(setup):
    application, coordinator = setup
    application.school.trust_code = "TR9001"
    application.school.save(update_fields=["trust_code"])
    trust = factories.OrganisationFactory(kind=OrganisationKind.TRUST, code="TR9002")
    member = person_in_role(Role.SCHOOL_CONTACT, organisation=trust)

    seat = panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    assert seat.organisation == trust


def test_the_applicant_a_declared_conflict_and_a_second_seat_are_refused(setup):
    application, coordinator = setup
    with pytest.raises(RecruitmentRefused, match="The applicant cannot sit on their own panel"):
        panel_member_add(
            actor=coordinator, application=application, user=application.applicant, experienced_system_leader=True
        )
    member = person_in_role(Role.PANEL_MEMBER, organisation=application.round.organisation, full_name="Jo Test")
    with pytest.raises(RecruitmentRefused, match="Jo Test has declared a conflict of interest"):
        panel_member_add(
            actor=coordinator,
            application=application,
            user=member,
            experienced_system_leader=True,
            declared_conflict="Former colleague of the applicant",
        )
    panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    with pytest.raises(RecruitmentRefused, match="Jo Test already sits on this panel"):
        panel_member_add(actor=coordinator, application=application, user=member, experienced_system_leader=True)
    assert PanelMember.objects.count() == 1


def test_only_the_rounds_managers_set_up_the_panel(setup):
    application, _ = setup
    with pytest.raises(RecruitmentRefused, match="Only the alliance or hub running the round can set up its panels"):
        panel_member_add(
            actor=factories.UserFactory(),
            application=application,
            user=factories.UserFactory(),
            experienced_system_leader=True,
        )


def test_an_empty_panel_cannot_decide_and_is_warned_about_another_tsa(setup):
    application, _ = setup
    check = panel_warnings(application)
    assert not check.valid
    assert check.problems == ["An NLE or an experienced system leader must sit on the panel"]
    assert "another teaching school alliance or hub" in check.warnings[0]


def test_a_panel_from_the_rounds_own_alliance_is_valid_but_warned(setup):
    application, coordinator = setup
    local = person_in_role(Role.PANEL_MEMBER, organisation=application.round.organisation)
    panel_member_add(actor=coordinator, application=application, user=local, experienced_system_leader=True)

    check = panel_warnings(application)
    assert check.valid
    assert len(check.warnings) == 1


def test_an_experienced_leader_from_another_alliance_makes_a_panel_without_warnings(setup):
    application, coordinator = setup
    valid_panel(application, coordinator)
    check = panel_warnings(application)
    assert (check.valid, check.warnings) == (True, [])


def test_a_serving_nle_counts_as_an_nle_or_experienced_leader(setup):
    application, coordinator = setup
    nle = person_in_role(Role.PANEL_MEMBER, organisation=application.round.organisation)
    designation_create(
        actor=coordinator,
        person=nle,
        role="nle",
        source="tsa_or_hub",
        organisation=application.round.organisation,
        school=None,
        phases=["primary"],
        specialisms=[],
        starts_on=dt.date(2025, 9, 1),
    )
    seat = panel_member_add(actor=coordinator, application=application, user=nle, experienced_system_leader=False)
    assert seat.is_nle_or_experienced_leader is True
    assert panel_warnings(application).valid
