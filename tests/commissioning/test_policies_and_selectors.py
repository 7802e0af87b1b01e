"""Who may see and do what: requests, meetings and offers are private to the people involved."""

import pytest
from django.contrib.auth.models import AnonymousUser

from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.commissioning import policies, selectors
from domain.commissioning import request_services as requests
from tests.leaders.helpers import representative_of
from tests.queries import assert_constant_queries

from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Aire brokers a request from Goldthorpe's contact, decided for a leader of the Pennine hub;
    Calder is another alliance; Larchwood is another school."""
    aire, coordinator = b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")
    pennine, pennine_coordinator = b.alliance_with_coordinator(kind="hub", name="Pennine Teaching School Hub")
    calder, calder_coordinator = b.alliance_with_coordinator(name="Calder Alliance")
    goldthorpe = b.school(name="Goldthorpe Junior School")
    contact = b.school_contact_of(goldthorpe)
    colleague = b.school_contact_of(goldthorpe)
    leader = b.available_leader(pennine)
    other_leader = b.available_leader(aire)
    offer = b.offered(aire, coordinator, leader, client_school=goldthorpe, actor=contact)
    larchwood_contact = b.school_contact_of(b.school(name="Larchwood Primary School"))
    panel_member = b.person_in_role(Role.PANEL_MEMBER, organisation=aire)
    return {
        "aire": aire,
        "request": offer.request,
        "offer": offer,
        "meeting": offer.agenda_item.meeting,
        "coordinator": coordinator,
        "contact": contact,
        "colleague": colleague,
        "leader": leader,
        "pennine_coordinator": pennine_coordinator,
        "representative": representative_of(b.factories.region()),
        "panel_member": panel_member,
        "calder_coordinator": calder_coordinator,
        "calder": calder,
        "other_leader": other_leader,
        "larchwood_contact": larchwood_contact,
        "representative_elsewhere": representative_of(b.factories.region("North East")),
        "stranger": b.factories.UserFactory(),
    }


SEES_THE_REQUEST = ["coordinator", "contact", "colleague", "leader", "pennine_coordinator", "representative"]
DOES_NOT = ["calder_coordinator", "other_leader", "larchwood_contact", "representative_elsewhere", "stranger"]


@pytest.mark.parametrize("who", SEES_THE_REQUEST)
def test_the_people_involved_see_the_request(world, who):
    user = world[who]
    assert list(selectors.requests_for(user)) == [world["request"]]
    assert selectors.request_for(user, world["request"].pk) == world["request"]


@pytest.mark.parametrize("who", DOES_NOT)
def test_nobody_else_sees_the_request(world, who):
    user = world[who]
    assert list(selectors.requests_for(user)) == []
    assert selectors.request_for(user, world["request"].pk) is None


def test_the_referrer_sees_the_request_they_made(world):
    council = b.factories.OrganisationFactory(kind="local_authority")
    commissioner = b.person_in_role(Role.COMMISSIONER, organisation=council)
    referred = requests.request_submit(
        actor=commissioner,
        school=b.school(),
        values=b.values(),
        referrer_kind="local_authority",
        referrer_organisation=council,
        preferred_organisation=world["aire"],
        route="referral",
    )
    assert list(selectors.requests_for(commissioner)) == [referred]
    assert selectors.request_for(commissioner, world["request"].pk) is None
    assert policies.is_client_of(commissioner, referred)
    assert not policies.is_client_of(commissioner, world["request"])


def test_a_superuser_sees_every_request(world):
    admin = b.factories.UserFactory(is_superuser=True)
    assert selectors.request_for(admin, world["request"].pk) == world["request"]


def test_the_brokering_queue(world):
    mine = b.submitted(world["aire"])
    b.submitted(world["calder"])
    queue = selectors.requests_to_broker(world["coordinator"])
    assert list(queue) == [world["request"], mine], "oldest first"
    assert list(selectors.requests_to_broker(world["coordinator"], statuses=["submitted"])) == [mine]
    assert len(selectors.requests_to_broker(world["representative"])) == 3
    assert list(selectors.requests_to_broker(world["contact"])) == []
    assert list(selectors.triaged_requests_of(world["aire"])) == []


def test_the_request_lists_run_a_constant_number_of_queries(world):
    aire, coordinator = world["aire"], world["coordinator"]

    def listed(selector, who):
        def fetch():
            user = User.objects.get(pk=who.pk)  # as each page would: memberships read afresh
            return [(r.reference, r.client_school.name, r.brokering_organisation.name) for r in selector(user)]

        return fetch

    def grow():
        b.submitted(aire, actor=world["contact"], client_school=world["request"].client_school)

    assert_constant_queries(listed(selectors.requests_for, coordinator), grow)
    assert_constant_queries(listed(selectors.requests_for, world["contact"]), grow)
    assert_constant_queries(listed(selectors.requests_to_broker, coordinator), grow)
    assert_constant_queries(listed(selectors.requests_to_broker, world["representative"]), grow)


# Meetings ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "panel_member", "representative"])
def test_the_panel_sees_its_meetings_soonest_first(world, who):
    later = b.meeting(world["aire"], world["coordinator"], days_ahead=30)
    assert list(selectors.meetings_for(world[who])) == [world["meeting"], later]
    assert selectors.meeting_for(world[who], later.pk) == later
    assert policies.can_sit_on_panel(world[who], later)


@pytest.mark.parametrize("who", ["calder_coordinator", "contact", "leader", "representative_elsewhere", "stranger"])
def test_others_do_not_see_the_meetings(world, who):
    assert list(selectors.meetings_for(world[who])) == []
    assert selectors.meeting_for(world[who], world["meeting"].pk) is None
    assert not policies.can_sit_on_panel(world[who], world["meeting"])


def test_can_sit_on_panel_edge_cases(world):
    assert not policies.can_sit_on_panel(AnonymousUser(), world["meeting"])
    assert not policies.can_sit_on_panel(world["coordinator"], None)
    calders = b.meeting(world["calder"], world["calder_coordinator"])
    assert not policies.can_sit_on_panel(world["panel_member"], calders)
    assert policies.can_sit_on_panel(world["calder_coordinator"], calders)


def test_agenda_of(world):
    items = selectors.agenda_of(world["meeting"])
    assert [i.request for i in items] == [world["request"]]


# Offers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["leader", "pennine_coordinator"])
def test_an_offer_is_listed_for_the_leader_and_their_alliance(world, who):
    assert list(selectors.offers_for(world[who])) == [world["offer"]]
    assert selectors.offer_for(world[who], world["offer"].pk) == world["offer"]


@pytest.mark.parametrize("who", ["coordinator", "contact", "representative"])
def test_the_people_who_see_the_request_see_its_offer(world, who):
    # The representative of the leader's alliance's region may agree for it, so it is in their list.
    assert list(selectors.offers_for(world[who])) == ([world["offer"]] if who == "representative" else [])
    assert selectors.offer_for(world[who], world["offer"].pk) == world["offer"]


@pytest.mark.parametrize("who", DOES_NOT)
def test_nobody_else_sees_the_offer(world, who):
    assert list(selectors.offers_for(world[who])) == []
    assert selectors.offer_for(world[who], world["offer"].pk) is None


def test_offer_for_an_unknown_offer(world):
    assert selectors.offer_for(world["leader"], 999999) is None


# Policies ------------------------------------------------------------------------------------


def test_who_answers_an_offer(world):
    offer = world["offer"]
    assert policies.can_answer_offer_as_leader(world["leader"], offer)
    assert not policies.can_answer_offer_as_leader(world["coordinator"], offer)
    assert not policies.can_answer_offer_as_leader(world["leader"], None)
    assert policies.can_agree_offer_for_alliance(world["pennine_coordinator"], offer)
    assert not policies.can_agree_offer_for_alliance(world["coordinator"], offer)
    assert not policies.can_agree_offer_for_alliance(world["leader"], offer)
    for who in ("contact", "colleague", "coordinator", "representative"):
        assert policies.can_answer_offer_as_client(world[who], offer), who
    for who in ("leader", "pennine_coordinator", "larchwood_contact", "calder_coordinator"):
        assert not policies.can_answer_offer_as_client(world[who], offer), who


def test_who_triages_and_confirms(world):
    request = world["request"]
    for who in ("coordinator", "representative"):
        assert policies.can_triage(world[who], request), who
    for who in ("calder_coordinator", "contact", "leader", "representative_elsewhere", "pennine_coordinator"):
        assert not policies.can_triage(world[who], request), who
    assert policies.can_confirm_request(world["contact"], request)
    assert policies.can_confirm_request(world["coordinator"], request)
    assert not policies.can_confirm_request(world["larchwood_contact"], request)
    assert not policies.can_triage(world["coordinator"], None)


def test_who_runs_panels_and_asks_for_support(world):
    for who in ("coordinator", "panel_member", "representative"):
        assert policies.can_run_panels(world[who]), who
    for who in ("contact", "leader", "stranger"):
        assert not policies.can_run_panels(world[who]), who
    assert policies.can_ask_for_support(world["stranger"])
    assert not policies.can_ask_for_support(AnonymousUser())
    assert not policies.can_run_panels(AnonymousUser())


def test_a_request_passed_on_leaves_the_first_alliance(world):
    request = b.submitted(world["aire"])
    requests.request_pass_on(
        actor=world["coordinator"], request=request, organisation=world["calder"], reason="Their area"
    )
    assert selectors.request_for(User.objects.get(pk=world["coordinator"].pk), request.pk) is None
    assert selectors.request_for(world["calder_coordinator"], request.pk) == request
