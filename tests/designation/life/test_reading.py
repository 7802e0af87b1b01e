"""Selectors, the policy on managing a designation, and its timeline."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from domain.accounts.roles import Role
from domain.audit.policies import TIMELINE_SUBJECTS, can_read_timeline_of
from domain.designation.policies import can_designate_for, can_manage_designation
from domain.designation.selectors import designations_expiring, designations_for_leader, designations_of_organisation
from domain.designation.services import designation_de_designate
from domain.organisations.models import OrganisationKind, Region
from tests import factories
from tests.conftest import person_in_role

from .helpers import designate, tsa_with_coordinator

pytestmark = pytest.mark.django_db


def test_designations_for_a_leader_newest_first():
    leader = factories.UserFactory()
    older = designate(person=leader, starts_on=dt.date(2020, 9, 1))
    newer = designate(person=leader, role="sle", starts_on=dt.date(2026, 9, 1))
    designate()  # someone else's
    assert list(designations_for_leader(leader)) == [newer, older]


def test_designations_of_an_organisation_include_ended_ones():
    tsa, coordinator = tsa_with_coordinator()
    kept = designate(organisation=tsa, actor=coordinator)
    ended = designate(organisation=tsa, actor=coordinator, starts_on=dt.date(2025, 9, 1))
    designation_de_designate(actor=coordinator, designation=ended, reason_code="inactivity", reason="No deployments")
    designate()  # another TSA's
    assert list(designations_of_organisation(tsa)) == [kept, ended]


def test_designations_expiring_within_days():
    soon = designate(starts_on=dt.date(2024, 1, 1))  # ends 31 December 2026
    later = designate(starts_on=dt.date(2024, 6, 1))  # ends 31 May 2027
    designate(starts_on=dt.date(2023, 9, 1))  # ended 31 August 2026, not yet lapsed: not "expiring"
    assert list(designations_expiring(60)) == [soon]
    assert list(designations_expiring(200)) == [soon, later]
    designation_de_designate(actor=None, designation=soon, reason_code="standards", reason="Review")
    assert list(designations_expiring(200)) == [later]


def test_a_coordinator_manages_their_own_tsas_designations_only():
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa, actor=coordinator)
    _, other_coordinator = tsa_with_coordinator()
    assert can_manage_designation(coordinator, designation)
    assert not can_manage_designation(other_coordinator, designation)
    assert can_designate_for(coordinator, tsa)
    assert not can_designate_for(other_coordinator, tsa)


def test_a_regional_representative_manages_designations_in_their_region_only():
    designation = designate()  # the factory's TSA is in Yorkshire and the Humber
    here = person_in_role(Role.REGIONAL_REPRESENTATIVE)
    elsewhere = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=factories.OrganisationFactory(
            kind=OrganisationKind.REGIONAL_BODY, region=Region.objects.get(name="London")
        ),
    )
    assert can_manage_designation(here, designation)
    assert not can_manage_designation(elsewhere, designation)


def test_a_national_designation_belongs_to_the_region_of_the_leaders_school():
    designation = designate(source="national_programme", role="nle")
    assert designation.region_id() == designation.school.region_id
    assert can_manage_designation(person_in_role(Role.REGIONAL_REPRESENTATIVE), designation)
    _, coordinator = tsa_with_coordinator()
    assert not can_manage_designation(coordinator, designation)


def test_people_without_a_staff_role_cannot_manage_designations():
    designation = designate()
    assert not can_manage_designation(designation.person, designation)
    assert not can_manage_designation(person_in_role(Role.SYSTEM_LEADER), designation)

    assert not can_manage_designation(AnonymousUser(), designation)
    assert not can_manage_designation(factories.UserFactory(), None)


def test_a_designation_has_a_timeline_read_by_its_coordinators():
    assert "designation.designation" in TIMELINE_SUBJECTS
    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa, actor=coordinator)
    _, other_coordinator = tsa_with_coordinator()
    assert can_read_timeline_of(coordinator, designation)
    assert not can_read_timeline_of(other_coordinator, designation)
    assert can_read_timeline_of(person_in_role(Role.REGIONAL_REPRESENTATIVE), designation)


def test_the_timeline_page_finds_a_designation_only_for_those_who_may_read_it():
    from domain.audit.selectors import timeline_for, timeline_subject_for

    tsa, coordinator = tsa_with_coordinator()
    designation = designate(organisation=tsa, actor=coordinator)
    _, other_coordinator = tsa_with_coordinator()
    found = timeline_subject_for(coordinator, "designation.designation", str(designation.pk))
    assert found == designation
    assert timeline_subject_for(other_coordinator, "designation.designation", str(designation.pk)) is None
    assert [e.action for e in timeline_for(designation)] == ["designation.designation.created"]
