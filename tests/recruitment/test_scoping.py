"""Who sees and manages what: another organisation's round or application is not found."""

import pytest

from domain.accounts.roles import Role
from domain.audit.policies import can_read_timeline_of
from domain.organisations.models import OrganisationKind
from domain.recruitment.models import Application
from domain.recruitment.policies import can_create_round, can_manage_round, can_request_references
from domain.recruitment.selectors import (
    applications_for_applicant,
    applications_of_round,
    applications_visible_to,
    rounds_managed_by,
    rounds_open_for_applications,
)
from tests import factories
from tests.conftest import person_in_role

from .helpers import draft_application, make_round, submitted_application, tsa_with_coordinator

pytestmark = pytest.mark.django_db


def test_a_coordinator_manages_only_their_own_organisations_rounds():
    tsa, coordinator = tsa_with_coordinator()
    other_tsa, other_coordinator = tsa_with_coordinator()
    ours = make_round(organisation=tsa, actor=coordinator)
    theirs = make_round(organisation=other_tsa, actor=other_coordinator)
    assert can_manage_round(coordinator, ours)
    assert not can_manage_round(coordinator, theirs)
    assert can_create_round(coordinator, tsa) and not can_create_round(coordinator, other_tsa)
    assert list(rounds_managed_by(coordinator)) == [ours]
    with pytest.raises(type(theirs).DoesNotExist):
        rounds_managed_by(coordinator).get(pk=theirs.pk)


def test_another_organisations_application_is_not_found():
    tsa, coordinator = tsa_with_coordinator()
    other_tsa, other_coordinator = tsa_with_coordinator()
    ours = submitted_application(make_round(organisation=tsa, actor=coordinator))
    theirs = submitted_application(make_round(organisation=other_tsa, actor=other_coordinator))
    assert list(applications_of_round(ours.round, coordinator)) == [ours]
    assert list(applications_of_round(theirs.round, coordinator)) == []
    with pytest.raises(Application.DoesNotExist, match="Application matching query does not exist"):
        applications_visible_to(coordinator).get(pk=theirs.pk)
    assert applications_visible_to(coordinator).get(pk=ours.pk) == ours
    assert not can_request_references(coordinator, theirs)
    assert can_read_timeline_of(coordinator, ours)
    assert not can_read_timeline_of(coordinator, theirs)


def test_a_regional_representative_manages_the_rounds_of_their_region():
    region_body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY)
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=region_body)
    round_ = make_round()
    elsewhere = make_round(  # London's round uses a national set: the Yorkshire one is not London's
        organisation=factories.OrganisationFactory(region=factories.region("London")),
        role="nle",
        criteria_set="national-nle@1",
    )
    assert can_manage_round(representative, round_)
    assert not can_manage_round(representative, elsewhere)
    assert len(applications_of_round(round_, representative).all()) == 0
    draft_application(round_)
    assert applications_of_round(round_, representative).count() == 1
    assert applications_of_round(elsewhere, representative).count() == 0


def test_an_applicant_sees_only_their_own_applications():
    mine = draft_application()
    someone_elses = draft_application(mine.round)
    assert list(applications_for_applicant(mine.applicant)) == [mine]
    with pytest.raises(Application.DoesNotExist, match="Application matching query does not exist"):
        applications_visible_to(mine.applicant).get(pk=someone_elses.pk)
    assert not can_manage_round(mine.applicant, mine.round)
    assert list(applications_of_round(mine.round, mine.applicant)) == []


def test_only_open_rounds_within_their_window_are_offered():
    open_round = make_round()
    make_round(open_it=False)
    assert list(rounds_open_for_applications()) == [open_round]
