"""Who may do what in the register (domain/leaders/policies.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from domain.accounts.roles import Role
from domain.leaders import association_services as assoc
from domain.leaders import policies
from domain.leaders import portrait_services as portraits
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role

from .helpers import (
    alliance_with_coordinator,
    associated_leader,
    invitation,
    representative_of,
    unassociated_leader,
)

pytestmark = pytest.mark.django_db


def fresh(user):
    """The person as a new request would load them (memberships are cached on the object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def world():
    tsa, coordinator = alliance_with_coordinator()
    other, other_coordinator = alliance_with_coordinator()
    leader, association = associated_leader(tsa)
    return {
        "tsa": tsa,
        "coordinator": coordinator,
        "other": other,
        "other_coordinator": other_coordinator,
        "leader": leader,
        "association": association,
        "representative": representative_of(tsa.region),
        "london_representative": representative_of(factories.region("London")),
        "superuser": factories.UserFactory(is_superuser=True),
        "stranger": factories.UserFactory(),
        "anonymous": AnonymousUser(),
    }


def test_only_the_associated_alliances_coordinators_broker_deployments(world):
    leader, association = world["leader"], world["association"]
    assert policies.can_broker_deployment(world["coordinator"], leader)
    assert policies.can_broker_deployment(world["coordinator"], leader, association)
    assert policies.can_broker_deployment(world["superuser"], leader)
    for who in ("other_coordinator", "representative", "stranger", "anonymous"):
        assert not policies.can_broker_deployment(world[who], leader), who
    assert not policies.can_broker_deployment(leader, leader)
    assert not policies.can_broker_deployment(world["coordinator"], None)


def test_brokering_stops_when_the_association_ends_or_moves(world):
    leader, association = world["leader"], world["association"]
    moved = assoc.association_transfer(
        actor=leader, association=association, organisation=world["other"], reason="Closer to home"
    )
    assert not policies.can_broker_deployment(fresh(world["coordinator"]), leader)
    assert not policies.can_broker_deployment(world["coordinator"], leader, association)  # a stale copy
    assert policies.can_broker_deployment(fresh(world["other_coordinator"]), leader)
    assoc.association_end(actor=leader, association=moved, reason="Stopping")
    assert not policies.can_broker_deployment(fresh(world["other_coordinator"]), leader)


def test_an_invitation_does_not_let_the_alliance_broker():
    tsa, coordinator = alliance_with_coordinator()
    leader = unassociated_leader()
    invitation(tsa, leader, coordinator)
    assert not policies.can_broker_deployment(coordinator, leader)


def test_a_coordinator_whose_role_ended_cannot_broker(world):
    membership = world["coordinator"].memberships.get(organisation=world["tsa"])
    membership.status = "ended"
    membership.save()
    assert not policies.can_broker_deployment(fresh(world["coordinator"]), world["leader"])


def test_acting_for_an_organisation(world):
    tsa = world["tsa"]
    assert policies.can_act_for_organisation(world["coordinator"], tsa)
    assert policies.can_act_for_organisation(world["representative"], tsa)
    assert policies.can_act_for_organisation(world["superuser"], tsa)
    for who in ("other_coordinator", "london_representative", "stranger", "anonymous", "leader"):
        assert not policies.can_act_for_organisation(world[who], tsa), who
    assert not policies.can_act_for_organisation(world["coordinator"], None)
    school = factories.OrganisationFactory(kind=OrganisationKind.SCHOOL)
    contact = person_in_role(Role.TSA_COORDINATOR, organisation=school)
    assert not policies.can_act_for_organisation(contact, school)
    panel = person_in_role(Role.PANEL_MEMBER, organisation=tsa)
    assert not policies.can_act_for_organisation(panel, tsa)


def test_seeing_an_association(world):
    association = world["association"]
    for who in ("leader", "coordinator", "representative", "superuser"):
        assert policies.can_see_association(world[who], association), who
    for who in ("other_coordinator", "london_representative", "stranger", "anonymous"):
        assert not policies.can_see_association(world[who], association), who
    assert not policies.can_see_association(world["leader"], None)


def test_approving_a_pen_portrait(world):
    leader, association = world["leader"], world["association"]
    draft = portraits.portrait_save_draft(actor=leader, values={"experience": "Some"})
    portrait = portraits.portrait_submit(actor=leader, portrait=draft)
    assert policies.can_approve_portrait(world["coordinator"], portrait, association)
    assert policies.can_approve_portrait(world["representative"], portrait, association)
    assert not policies.can_approve_portrait(world["other_coordinator"], portrait, association)
    assert not policies.can_approve_portrait(world["coordinator"], portrait, None)
    assert not policies.can_approve_portrait(world["coordinator"], None, association)
    # another leader's association does not let its alliance approve this portrait
    _, elsewhere = associated_leader(world["other"])
    assert not policies.can_approve_portrait(world["other_coordinator"], portrait, elsewhere)
    assert not policies.can_approve_portrait(leader, portrait, association)  # not their own


def test_seeing_availability(world):
    leader, association = world["leader"], world["association"]
    assert policies.can_see_availability(leader, leader, None)
    assert policies.can_see_availability(world["superuser"], leader, None)
    assert policies.can_see_availability(world["coordinator"], leader, association)
    assert policies.can_see_availability(world["representative"], leader, association)
    assert not policies.can_see_availability(world["coordinator"], leader, None)
    assert not policies.can_see_availability(world["other_coordinator"], leader, association)
    assert not policies.can_see_availability(world["stranger"], leader, association)
    assert not policies.can_see_availability(world["anonymous"], leader, association)
    assert not policies.can_see_availability(leader, None, None)


def test_publishing_the_memorandum(world):
    region = world["tsa"].region
    assert policies.can_publish_memorandum(world["representative"], region)
    assert policies.can_publish_memorandum(world["superuser"], region)
    for who in ("london_representative", "coordinator", "leader", "stranger", "anonymous"):
        assert not policies.can_publish_memorandum(world[who], region), who
    assert not policies.can_publish_memorandum(world["representative"], None)


def test_the_leaders_own_pages_and_the_lists(world):
    assert policies.is_designated_leader(world["leader"])
    assert policies.is_designated_leader(unassociated_leader())
    assert not policies.is_designated_leader(world["stranger"])
    assert not policies.is_designated_leader(world["anonymous"])
    assert policies.can_run_leader_lists(world["coordinator"])
    assert policies.can_run_leader_lists(world["representative"])
    assert not policies.can_run_leader_lists(world["leader"])
    assert policies.can_view_register(world["representative"])
    assert not policies.can_view_register(world["coordinator"])


def test_a_former_alliance_cannot_approve_the_portrait_or_see_availability(world):
    leader, association = world["leader"], world["association"]
    draft = portraits.portrait_save_draft(actor=leader, values={"experience": "Some"})
    portrait = portraits.portrait_submit(actor=leader, portrait=draft)
    assoc.association_end(actor=leader, association=association, reason="Leaving")
    association.refresh_from_db()
    assert not policies.can_approve_portrait(world["coordinator"], portrait, association)
    assert not policies.can_see_availability(world["coordinator"], leader, association)
    assert policies.can_see_availability(leader, leader, association)


def test_another_leaders_association_does_not_open_this_leaders_availability(world):
    _, elsewhere = associated_leader(world["other"])
    assert not policies.can_see_availability(world["other_coordinator"], world["leader"], elsewhere)
