"""Reading the register: each list is scoped to what the person may see and runs a constant
number of queries."""

import datetime as dt

import pytest

from domain.accounts.roles import Role
from domain.leaders import association_services as assoc
from domain.leaders import portrait_services as portraits
from domain.leaders import selectors
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role
from tests.queries import assert_constant_queries, count_queries

from .helpers import (
    alliance,
    alliance_with_coordinator,
    associated_leader,
    designate,
    invitation,
    representative_of,
    unassociated_leader,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return factories.region(), factories.region("London")


# The regional list of leaders ------------------------------------------------------------------


def test_the_regional_list_holds_the_regions_leaders_only(regions):
    yorkshire, london = regions
    by_alliance, _ = associated_leader(alliance(region=yorkshire))
    by_programme = unassociated_leader(school=factories.SchoolFactory(region=yorkshire))
    elsewhere = unassociated_leader(school=factories.SchoolFactory(region=london))
    london_alliance_school_in_yorkshire, _ = associated_leader(
        alliance(region=london), school=factories.SchoolFactory(region=yorkshire)
    )
    ended = unassociated_leader(school=factories.SchoolFactory(region=yorkshire))
    from domain.designation.services import designation_de_designate

    designation_de_designate(
        actor=None, designation=ended.designations.get(), reason_code="inactivity", reason="No activity"
    )

    people = list(selectors.regional_leader_list(region_ids=[yorkshire.pk]))
    assert set(people) == {by_alliance, by_programme}
    assert elsewhere not in people and london_alliance_school_in_yorkshire not in people and ended not in people
    assert set(selectors.regional_leader_list(region_ids=[yorkshire.pk, london.pk])) == {
        by_alliance,
        by_programme,
        elsewhere,
        london_alliance_school_in_yorkshire,
    }


def test_the_regional_list_filters_by_role_name_and_association():
    tsa = alliance()
    region_ids = [tsa.region_id]
    associated, association = associated_leader(tsa, person=factories.UserFactory(full_name="Ann Associated"))
    free = unassociated_leader(
        role="sle", person=factories.UserFactory(full_name="Fred Free", email="fred@example.test")
    )
    assert list(selectors.regional_leader_list(region_ids=region_ids)) == [associated, free]
    assert list(selectors.regional_leader_list(region_ids=region_ids, role="sle")) == [free]
    assert list(selectors.regional_leader_list(region_ids=region_ids, q="ann")) == [associated]
    assert list(selectors.regional_leader_list(region_ids=region_ids, q="FRED@example.test")) == [free]
    assert list(selectors.regional_leader_list(region_ids=region_ids, unassociated_only=True)) == [free]
    assoc.association_end(actor=associated, association=association, reason="Ended")
    assert list(selectors.regional_leader_list(region_ids=region_ids, unassociated_only=True)) == [associated, free]


def test_a_leader_with_two_designations_is_listed_once_with_both_prefetched():
    tsa = alliance()
    leader, association = associated_leader(tsa, role="lle")
    designate(leader, role="nlg", phases=[])
    [person] = selectors.regional_leader_list(region_ids=[tsa.region_id])
    queries, _ = count_queries(lambda: (person.current_designations, person.active_associations))
    assert queries == 0
    assert {d.role for d in person.current_designations} == {"lle", "nlg"}
    assert person.active_associations == [association]


def test_the_regional_list_runs_a_constant_number_of_queries():
    tsa = alliance()

    def fetch():
        return [
            (
                p.full_name,
                [(d.role, d.organisation, d.school) for d in p.current_designations],
                [a.organisation.name for a in p.active_associations],
            )
            for p in selectors.regional_leader_list(region_ids=[tsa.region_id])
        ]

    def grow():
        associated_leader(tsa)
        unassociated_leader()

    grow()
    assert_constant_queries(fetch, grow)


# Associations ---------------------------------------------------------------------------------


def test_associations_for_a_coordinator_are_their_alliances_only():
    tsa, coordinator = alliance_with_coordinator()
    other = alliance()
    _, mine = associated_leader(tsa)
    invited = invitation(tsa, unassociated_leader())
    _, theirs = associated_leader(other)
    assert list(selectors.associations_for(coordinator)) == [invited, mine]
    assert list(selectors.associations_for(coordinator, statuses=["active"])) == [mine]
    assert list(selectors.associations_for(coordinator, organisation=other)) == []
    assert selectors.association_for(coordinator, mine.pk) == mine
    assert selectors.association_for(coordinator, theirs.pk) is None
    assert selectors.association_for(coordinator, 999999) is None


def test_a_leader_sees_their_own_association_only():
    leader, own = associated_leader(alliance())
    _, other = associated_leader(alliance())
    assert selectors.association_for(leader, own.pk) == own
    assert selectors.association_for(leader, other.pk) is None
    assert list(selectors.associations_of_leader(leader)) == [own]
    assert selectors.active_association_of(leader) == own


def test_a_representative_sees_the_associations_of_their_region():
    yorkshire_tsa = alliance()
    london_tsa = alliance(region=factories.region("London"))
    _, here = associated_leader(yorkshire_tsa)
    _, there = associated_leader(london_tsa)
    representative = representative_of()
    assert list(selectors.associations_for(representative)) == [here]
    assert selectors.association_for(representative, there.pk) is None
    assert set(selectors.organisations_acted_for(representative)) == {yorkshire_tsa}


def test_organisations_acted_for():
    tsa, coordinator = alliance_with_coordinator()
    hub = alliance(kind=OrganisationKind.HUB)
    closed = alliance(is_active=False)
    factories.MembershipFactory(user=coordinator, organisation=hub, role=Role.TSA_COORDINATOR)
    factories.MembershipFactory(user=coordinator, organisation=closed, role=Role.TSA_COORDINATOR)
    panel = person_in_role(Role.PANEL_MEMBER, organisation=tsa)
    assert set(selectors.organisations_acted_for(coordinator)) == {tsa, hub}
    assert list(selectors.organisations_acted_for(panel)) == []
    assert list(selectors.organisations_acted_for(factories.UserFactory())) == []
    superuser = factories.UserFactory(is_superuser=True)
    assert set(selectors.organisations_acted_for(superuser)) == {tsa, hub}


def test_open_offer_ids():
    tsa = alliance()
    invited = unassociated_leader()
    invitation(tsa, invited)
    other = unassociated_leader()
    assert selectors.open_offer_ids(organisation=tsa, leader_ids=[invited.pk, other.pk]) == {invited.pk}


def test_brokering_organisations_of_a_region_first():
    london = factories.region("London")
    here = alliance(name="B here")
    there = alliance(region=london, name="A there")
    factories.OrganisationFactory(kind=OrganisationKind.SCHOOL)
    assert list(selectors.brokering_organisations(london)) == [there]
    assert list(selectors.brokering_organisations()) == [there, here]


# Pen portraits awaiting approval ---------------------------------------------------------------


def test_portraits_awaiting_are_those_of_the_alliances_leaders():
    tsa, coordinator = alliance_with_coordinator()
    other, other_coordinator = alliance_with_coordinator()

    def submitted(organisation):
        leader, _ = associated_leader(organisation)
        draft = portraits.portrait_save_draft(actor=leader, values={"experience": "Some", "phases": ["primary"]})
        return portraits.portrait_submit(actor=leader, portrait=draft)

    first, second = submitted(tsa), submitted(tsa)
    theirs = submitted(other)
    leader, _ = associated_leader(tsa)
    portraits.portrait_save_draft(actor=leader, values={"experience": "Draft only"})
    assert list(selectors.portraits_awaiting(coordinator)) == [first, second]
    assert list(selectors.portraits_awaiting(other_coordinator)) == [theirs]
    assert set(selectors.portraits_awaiting(representative_of())) == {first, second, theirs}


# The regional register -------------------------------------------------------------------------


def test_register_rows_filters():
    tsa = alliance()
    other_tsa = alliance()
    region_ids = [tsa.region_id]
    lle, _ = associated_leader(tsa, person=factories.UserFactory(full_name="Lee Lle"))
    sle = designate(role="sle", organisation=other_tsa, person=factories.UserFactory(full_name="Sam Sle")).person
    national = designate(
        role="nle",
        person=factories.UserFactory(full_name="Nat Nle"),
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2027, 1, 31),
    )
    moved = designate(role="lle", person=factories.UserFactory(full_name="Mo Moved"), organisation=other_tsa).person
    assoc.association_transfer(
        actor=moved, association=selectors.active_association_of(moved), organisation=tsa, reason="Move"
    )
    london = designate(role="lle", organisation=alliance(region=factories.region("London")))
    rows = list(selectors.register_rows(region_ids=region_ids))
    assert london not in rows
    assert rows[0] == national  # soonest expiry first
    assert {r.person for r in rows} == {lle, sle, national.person, moved}
    assert [r.person for r in selectors.register_rows(region_ids=region_ids, role="sle")] == [sle]
    # by organisation: designated by it or associated with it now
    assert {r.person for r in selectors.register_rows(region_ids=region_ids, organisation_id=tsa.pk)} == {lle, moved}
    assert {r.person for r in selectors.register_rows(region_ids=region_ids, organisation_id=other_tsa.pk)} == {
        sle,
        moved,
    }
    assert [r.person for r in selectors.register_rows(region_ids=region_ids, expiring_within_days=90)] == [
        national.person
    ]
    assert [r.person for r in selectors.register_rows(region_ids=region_ids, q="sam")] == [sle]
    assert list(selectors.register_rows(region_ids=region_ids, status="suspended")) == []


def test_register_rows_prefetch_the_active_association_and_run_constant_queries():
    tsa = alliance()

    def fetch():
        return [
            (
                row.person.full_name,
                row.organisation,
                row.school,
                [a.organisation.name for a in row.person.active_associations],
            )
            for row in selectors.register_rows(region_ids=[tsa.region_id], organisation_id=tsa.pk)
        ]

    def grow():
        associated_leader(tsa)
        leader = unassociated_leader()
        assoc.association_accept(actor=leader, association=invitation(tsa, leader))

    grow()
    rows = fetch()
    assert all(names == [tsa.name] for *_, names in rows)
    assert_constant_queries(fetch, grow)
