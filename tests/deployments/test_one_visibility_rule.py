"""Who sees a deployment is one rule (policies.deployment_visibility): the policy can_see_deployment,
the pages' selectors (deployments_for, deployment_for) and the parties a person speaks for
(parties_of) agree, for people of every role in several organisations and regions, on several
deployments."""

import pytest
from django.contrib.auth.models import AnonymousUser

from domain.accounts.models import Membership
from domain.accounts.roles import Role
from domain.accounts.workflows import MembershipStatus
from domain.deployments.policies import can_see_deployment, parties_of
from domain.deployments.selectors import deployment_for, deployments_for
from tests import factories
from tests.conftest import person_in_role
from tests.leaders.helpers import representative_of

from . import builders

pytestmark = pytest.mark.django_db

OTHER_REGION = "North West"


@pytest.fixture
def world():
    """Two deployments of one alliance (one commissioned, one the school asked for itself), one of
    an alliance in another region, and the people around them."""
    first = builders.deployment()
    second = builders.deployment(
        commissioned=False, organisation=first.deployment.organisation, coordinator=first.coordinator
    )
    far_alliance, far_coordinator = builders.b.alliance_with_coordinator(region=factories.region(OTHER_REGION))
    far = builders.deployment(organisation=far_alliance, coordinator=far_coordinator)
    former_contact = person_in_role(
        Role.SCHOOL_CONTACT, organisation=Membership.objects.get(user=first.client).organisation
    )
    Membership.objects.filter(user=former_contact).update(status=MembershipStatus.ENDED)
    people = {
        "first's leader": first.leader,
        "first's client": first.client,
        "the alliance's coordinator": first.coordinator,
        "first's commissioner": first.commissioner,
        "second's client": second.client,
        "far leader": far.leader,
        "far client": far.client,
        "far coordinator": far.coordinator,
        "far commissioner": far.commissioner,
        "representative of the alliance's region": representative_of(first.deployment.organisation.region),
        "representative of the far region": representative_of(factories.region(OTHER_REGION)),
        "coordinator of another alliance": person_in_role(Role.TSA_COORDINATOR),
        "contact of another school": person_in_role(Role.SCHOOL_CONTACT),
        "commissioner of another authority": person_in_role(Role.COMMISSIONER),
        "a contact of first's school no longer": former_contact,
        "someone with no role": factories.UserFactory(),
        "the technical admin": factories.UserFactory(is_superuser=True, is_staff=True),
        "signed out": AnonymousUser(),
    }
    deployments = {"first": first.refresh(), "second": second.refresh(), "far": far.refresh()}
    return people, deployments


# Who sees which deployment, by the design (policies.py's docstring): the parties, the region's
# representatives and the technical admin.
EXPECTED = {
    "first's leader": {"first"},
    "first's client": {"first"},
    "the alliance's coordinator": {"first", "second"},
    "first's commissioner": {"first"},
    "second's client": {"second"},
    "far leader": {"far"},
    "far client": {"far"},
    "far coordinator": {"far"},
    "far commissioner": {"far"},
    "representative of the alliance's region": {"first", "second"},
    "representative of the far region": {"far"},
    "coordinator of another alliance": set(),
    "contact of another school": set(),
    "commissioner of another authority": set(),
    "a contact of first's school no longer": set(),
    "someone with no role": set(),
    "the technical admin": {"first", "second", "far"},
    "signed out": set(),
}


def test_the_policy_and_the_selectors_agree_with_each_other_and_with_the_design(world):
    people, deployments = world
    assert set(people) == set(EXPECTED)
    for who, person in people.items():
        listed = set(deployments_for(person)) if person.is_authenticated else set()
        for name, deployment in deployments.items():
            by_policy = can_see_deployment(person, deployment)
            by_list = deployment in listed
            by_page = person.is_authenticated and deployment_for(person, deployment.pk) == deployment
            by_parties = bool(parties_of(person, deployment))
            assert by_policy == by_list == by_page == by_parties == (name in EXPECTED[who]), (
                who,
                name,
                {"policy": by_policy, "list": by_list, "page": by_page, "parties": by_parties},
            )


def test_nothing_is_seen_of_a_deployment_that_is_not_there():
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    assert not can_see_deployment(admin, None)
    assert deployment_for(admin, 999999) is None
