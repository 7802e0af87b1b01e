"""Who reads which timeline: a regional representative anything in their region; a TSA
coordinator their own organisation and its memberships; nobody else (DESIGN.md invariants)."""

import pytest

from domain.accounts.roles import Role
from domain.audit.policies import can_read_timeline_of
from domain.audit.selectors import timeline_subject_for
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    yorkshire, north_west = factories.region(), factories.region("North West")
    ours = factories.OrganisationFactory(name="Our Alliance", region=yorkshire)
    theirs = factories.OrganisationFactory(name="Their Alliance", region=yorkshire)
    far = factories.OrganisationFactory(name="Far Alliance", region=north_west)
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=ours)
    leader_here = factories.MembershipFactory(organisation=ours, role=Role.SYSTEM_LEADER)
    leader_there = factories.MembershipFactory(organisation=theirs, role=Role.SYSTEM_LEADER)
    regional_body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=yorkshire)
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=regional_body)
    return {
        "ours": ours,
        "theirs": theirs,
        "far": far,
        "coordinator": coordinator,
        "representative": representative,
        "leader_here": leader_here,
        "leader_there": leader_there,
        "school_here": factories.SchoolFactory(region=yorkshire),
        "school_far": factories.SchoolFactory(region=north_west),
    }


def test_a_coordinator_reads_their_own_organisation_and_its_memberships(world):
    coordinator = world["coordinator"]
    assert can_read_timeline_of(coordinator, world["ours"])
    assert can_read_timeline_of(coordinator, world["leader_here"])


def test_a_coordinator_does_not_read_another_organisations_records(world):
    coordinator = world["coordinator"]
    assert not can_read_timeline_of(coordinator, world["theirs"])
    assert not can_read_timeline_of(coordinator, world["leader_there"])
    assert not can_read_timeline_of(coordinator, world["far"])
    assert not can_read_timeline_of(coordinator, world["school_here"])
    assert not can_read_timeline_of(coordinator, world["leader_here"].user)


def test_a_regional_representative_reads_anything_in_their_region(world):
    representative = world["representative"]
    for name in ("ours", "theirs", "leader_here", "leader_there", "school_here"):
        assert can_read_timeline_of(representative, world[name]), name
    assert can_read_timeline_of(representative, world["leader_here"].user)


def test_a_regional_representative_does_not_read_another_region(world):
    representative = world["representative"]
    far_member = factories.MembershipFactory(organisation=world["far"], role=Role.SYSTEM_LEADER)
    assert not can_read_timeline_of(representative, world["far"])
    assert not can_read_timeline_of(representative, world["school_far"])
    assert not can_read_timeline_of(representative, far_member)
    assert not can_read_timeline_of(representative, far_member.user)
    assert not can_read_timeline_of(representative, factories.UserFactory())  # no role anywhere


def test_an_ended_role_does_not_place_a_person_in_a_region(world):
    membership = world["leader_here"]
    membership.status = "ended"
    membership.save()
    assert not can_read_timeline_of(world["representative"], membership.user)


@pytest.mark.parametrize("role", [Role.PANEL_MEMBER, Role.SYSTEM_LEADER, Role.SCHOOL_CONTACT, Role.COMMISSIONER])
def test_other_roles_read_no_timeline_even_in_their_own_organisation(world, role):
    person = person_in_role(role, organisation=world["ours"])
    assert not can_read_timeline_of(person, world["ours"])


def test_the_technical_admin_reads_every_timeline(world):
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert can_read_timeline_of(admin, world["far"])


def test_an_unregistered_kind_of_object_has_no_timeline(world):
    from domain.organisations.models import Region

    assert not can_read_timeline_of(world["representative"], Region.objects.first())


def test_the_selector_fetches_only_what_the_person_may_read(world):
    coordinator, representative = world["coordinator"], world["representative"]
    ours, theirs = world["ours"], world["theirs"]
    assert timeline_subject_for(coordinator, "organisations.organisation", str(ours.pk)) == ours
    assert timeline_subject_for(coordinator, "organisations.organisation", str(theirs.pk)) is None
    assert timeline_subject_for(representative, "organisations.organisation", str(theirs.pk)) == theirs
    user = world["leader_here"].user
    assert timeline_subject_for(representative, "accounts.user", str(user.pk)) == user


@pytest.mark.parametrize(
    ("subject_type", "subject_id"),
    [
        ("organisations.organisation", "999999"),
        ("organisations.organisation", "not-a-number"),
        ("organisations.organisation", "99999999999999999999999"),
        ("organisations.region", "1"),
        ("nosuch.model", "1"),
        ("", "1"),
    ],
)
def test_the_selector_finds_nothing_for_bad_references(world, subject_type, subject_id):
    assert timeline_subject_for(world["representative"], subject_type, subject_id) is None
