"""Who may see and do what with a deployment and its concerns (domain/deployments/policies.py), as
decision tables: each row one person or one state, each column a policy. Written to kill the
mutants that `make mutate` found surviving (docs/testing.md); each row is a rule of the service.

The deployment is the builders' commissioned one (contracting, so open): its leader, a contact of
the client school, a coordinator of the brokering alliance and a commissioner of the referring local
authority; a representative of the alliance's region oversees it without being a party."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from domain.accounts.roles import Role
from domain.deployments import policies as p
from domain.deployments.models import Concern, Party
from domain.deployments.workflows import ConcernStatus, DeploymentStatus
from tests import factories
from tests.conftest import person_in_role

from . import builders
from .contract.helpers import representative_of

pytestmark = pytest.mark.django_db

PARTIES = (Party.LEADER, Party.CLIENT, Party.ALLIANCE, Party.COMMISSIONER)


@pytest.fixture
def people(cast):
    return {
        "leader": cast.leader,
        "client": cast.client,
        "coordinator": cast.coordinator,
        "commissioner": cast.commissioner,
        "representative": representative_of(cast),
        "stranger": person_in_role(Role.TSA_COORDINATOR),
        "the alliance's panel member": person_in_role(Role.PANEL_MEMBER, organisation=cast.deployment.organisation),
        "the authority's panel member": person_in_role(Role.PANEL_MEMBER, organisation=cast.deployment.commissioner),
        "another school's contact": person_in_role(Role.SCHOOL_CONTACT),
        "admin": factories.UserFactory(is_superuser=True),
    }


# person -> (parties_of, can_see_deployment, can_raise_concern, speaks for)
TABLE = {
    "leader": ({Party.LEADER}, True, True, {Party.LEADER}),
    "client": ({Party.CLIENT}, True, True, {Party.CLIENT}),
    "coordinator": ({Party.ALLIANCE}, True, True, {Party.ALLIANCE}),
    "commissioner": ({Party.COMMISSIONER}, True, False, {Party.COMMISSIONER}),
    # The region's representative oversees the deployment: sees it, may raise a concern as the
    # alliance, but does not agree the contract for it.
    "representative": ({Party.ALLIANCE}, True, True, set()),
    "stranger": (set(), False, False, set()),
    # Only the alliance's coordinators act for it: its panel members do not see its deployments.
    "the alliance's panel member": (set(), False, False, set()),
    # Likewise only the referring authority's commissioners speak for it.
    "the authority's panel member": (set(), False, False, set()),
    "another school's contact": (set(), False, False, set()),
    # The service's technical admin manages every deployment and agrees for the alliance.
    "admin": ({Party.ALLIANCE}, True, True, {Party.ALLIANCE}),
}


@pytest.mark.parametrize("who", TABLE)
def test_each_person_is_the_parties_the_table_says(cast, people, who):
    parties, sees, raises, speaks = TABLE[who]
    deployment = cast.refresh()
    person = people[who]
    assert p.parties_of(person, deployment) == parties
    assert p.can_see_deployment(person, deployment) is sees
    assert p.can_raise_concern(person, deployment) is raises
    assert {party for party in PARTIES if p.speaks_for(person, deployment, party)} == speaks
    assert p.speaks_for(person, deployment, "panel") is False


def test_the_party_checks_answer_true_only_for_their_own_person(cast, people):
    deployment = cast.refresh()
    checks = {
        "leader": p.is_leader_of,
        "client": p.is_client_of,
        "commissioner": p.is_commissioner_of,
        "coordinator": p.can_manage_deployment,
    }
    for owner, check in checks.items():
        for who in ("leader", "client", "coordinator", "commissioner", "stranger"):
            assert check(people[who], deployment) is (who == owner), (owner, who)


def test_nothing_is_allowed_on_no_deployment(people):
    for person in people.values():
        for check in (
            p.is_leader_of,
            p.is_client_of,
            p.is_quality_lead_of,
            p.is_commissioner_of,
            p.can_manage_deployment,
            p.can_see_deployment,
            p.can_raise_concern,
        ):
            assert check(person, None) is False, check.__name__
        assert p.parties_of(person, None) == set()
        assert not any(p.speaks_for(person, None, party) for party in PARTIES)
    assert p.is_open(None) is False


def test_a_signed_out_visitor_is_no_party_and_sees_nothing(cast):
    deployment = cast.refresh()
    visitor = AnonymousUser()
    assert p.parties_of(visitor, deployment) == set()
    assert p.can_see_deployment(visitor, deployment) is False
    assert p.can_use_deployments(visitor) is False
    assert p.can_run_quality_assurance(visitor) is False
    assert not any(p.speaks_for(visitor, deployment, party) for party in PARTIES)
    assert p.client_school_ids_of(visitor) == set()


def test_anyone_signed_in_uses_the_deployments_list(people):
    assert all(p.can_use_deployments(person) for person in people.values())


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("representative", True),
        ("admin", True),
        ("leader", False),
        ("client", False),
        ("commissioner", False),
    ],
)
def test_quality_assurance_pages_are_the_alliances_and_the_regions(people, who, allowed):
    assert p.can_run_quality_assurance(people[who]) is allowed


def test_a_client_is_a_contact_of_the_client_school_only(cast, people):
    assert p.client_school_ids_of(cast.client) == {cast.deployment.client_school_id}
    # A coordinator's alliance is an organisation with no school: no client school.
    assert p.client_school_ids_of(cast.coordinator) == set()


def test_a_school_that_asked_itself_has_no_commissioner_to_see_it():
    cast = builders.deployment(commissioned=False)
    deployment = cast.refresh()
    some_commissioner = person_in_role(Role.COMMISSIONER)
    assert p.is_commissioner_of(some_commissioner, deployment) is False
    assert p.can_see_deployment(some_commissioner, deployment) is False


def test_the_quality_lead_is_one_while_active_in_the_brokering_alliance(cast, people):
    deployment = cast.refresh()
    lead = person_in_role(Role.TSA_COORDINATOR, organisation=deployment.organisation)
    deployment.quality_lead = lead
    assert p.is_quality_lead_of(lead, deployment) is True
    assert p.is_quality_lead_of(people["coordinator"], deployment) is False
    assert p.is_quality_lead_of(AnonymousUser(), deployment) is False
    # Named as quality lead but active in another organisation: not the quality lead.
    elsewhere = person_in_role(Role.TSA_COORDINATOR)
    deployment.quality_lead = elsewhere
    assert p.is_quality_lead_of(elsewhere, deployment) is False


@pytest.mark.parametrize(
    ("status", "is_open"),
    [
        (DeploymentStatus.CONTRACTING, True),
        (DeploymentStatus.ACTIVE, True),
        (DeploymentStatus.COMPLETED, False),
        (DeploymentStatus.ENDED, False),
    ],
)
def test_concerns_are_raised_while_the_deployment_is_open(cast, people, status, is_open):
    deployment = cast.refresh()
    deployment.status = status
    assert p.is_open(deployment) is is_open
    for who in ("leader", "client", "coordinator"):
        assert p.can_raise_concern(people[who], deployment) is is_open


ESCALATED_AT = timezone.make_aware(dt.datetime(2026, 11, 20, 9))


def concern(deployment, raised_by, status=ConcernStatus.OPEN, escalated_at=None):
    return Concern(deployment=deployment, raised_by=raised_by, status=status, escalated_at=escalated_at)


# (status, escalated_at) -> does the commissioner see the concern
COMMISSIONER_SEES = [
    (ConcernStatus.OPEN, None, False),
    (ConcernStatus.OPEN, ESCALATED_AT, False),
    (ConcernStatus.ESCALATED, None, False),
    (ConcernStatus.ESCALATED, ESCALATED_AT, True),
    (ConcernStatus.RESOLVED, ESCALATED_AT, True),
    (ConcernStatus.RESOLVED, None, False),
]


@pytest.mark.parametrize(("status", "escalated_at", "sees"), COMMISSIONER_SEES)
def test_the_commissioner_sees_a_concern_once_the_alliance_escalated_it(cast, status, escalated_at, sees):
    deployment = cast.refresh()
    raised = concern(deployment, cast.leader, status, escalated_at)
    assert p.can_see_concern(cast.commissioner, raised) is sees


def test_a_concern_is_seen_by_who_raised_it_and_the_alliance_only(cast, people):
    deployment = cast.refresh()
    by_leader = concern(deployment, cast.leader)
    expected = {
        "leader": True,
        "coordinator": True,
        "representative": True,
        "admin": True,
        "client": False,
        "commissioner": False,
        "stranger": False,
        "another school's contact": False,
    }
    for who, sees in expected.items():
        assert p.can_see_concern(people[who], by_leader) is sees, who
    assert p.can_see_concern(cast.leader, None) is False
    assert p.can_see_concern(AnonymousUser(), by_leader) is False


def test_who_raised_a_concern_stops_seeing_it_when_no_longer_a_party(cast):
    deployment = cast.refresh()
    former = person_in_role(Role.SCHOOL_CONTACT)  # a contact of another school now
    assert p.can_see_concern(former, concern(deployment, former)) is False


def test_the_quality_lead_sees_the_deployments_concerns(cast):
    deployment = cast.refresh()
    lead = person_in_role(Role.PANEL_MEMBER, organisation=deployment.organisation)
    deployment.quality_lead = lead
    by_client = concern(deployment, cast.client)
    assert p.can_see_concern(lead, by_client) is True
    deployment.quality_lead = None
    assert p.can_see_concern(lead, by_client) is False


def test_a_party_to_one_deployment_does_not_see_another():
    first = builders.deployment()
    second = builders.deployment()
    for person in (first.leader, first.client, first.coordinator, first.commissioner):
        assert p.can_see_deployment(person, first.refresh()) is True
        assert p.can_see_deployment(person, second.refresh()) is False


def test_a_quality_lead_who_left_the_alliance_no_longer_sees_its_concerns(cast):
    deployment = cast.refresh()
    former = person_in_role(Role.PANEL_MEMBER)  # active elsewhere now, still named on the deployment
    deployment.quality_lead = former
    assert p.can_see_concern(former, concern(deployment, cast.client)) is False


def test_the_deployments_list_shows_the_newest_first():
    from domain.deployments.selectors import deployments_for

    first = builders.deployment().deployment
    second = builders.deployment().deployment  # made at the same (frozen) moment: the later one first
    admin = factories.UserFactory(is_superuser=True)
    assert list(deployments_for(admin)) == [second, first]
