"""Deployments for the tests, built through the commissioning services: an alliance with a
coordinator, a leader it designated, a client school with a contact, and (when `commissioned`) a
local authority with a commissioner who referred the school.

The frozen clock's day is 22 November 2026; the request's window (and so the deployment) runs
from 1 December 2026 to 22 March 2027 unless `window_starts`/`window_ends` say otherwise."""

from dataclasses import dataclass

from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.deployments.models import Deployment
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.commissioning import builders as b
from tests.conftest import person_in_role


@dataclass
class Cast:
    deployment: Deployment
    leader: object
    client: object  # a contact at the client school
    coordinator: object  # a coordinator of the brokering alliance
    commissioner: object | None  # a commissioner of the referring local authority, when commissioned

    def refresh(self) -> Deployment:
        self.deployment = Deployment.objects.select_related("request", "organisation", "client_school").get(
            pk=self.deployment.pk
        )
        return self.deployment


def deployment(*, commissioned=True, organisation=None, coordinator=None, leader=None, days=10, **changes) -> Cast:
    """A deployment agreeing its contract (status contracting, a first draft contract)."""
    if organisation is None:
        organisation, coordinator = b.alliance_with_coordinator()
    leader = leader or b.available_leader(organisation, days=days)
    client_school = b.school()
    client = b.school_contact_of(client_school)
    commissioner = None
    if commissioned:
        authority = factories.OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY)
        commissioner = person_in_role(Role.COMMISSIONER, organisation=authority)
        request = requests.request_submit(
            actor=commissioner,
            school=client_school,
            values=b.values(**changes),
            referrer_kind="local_authority",
            referrer_organisation=authority,
            preferred_organisation=organisation,
            route="referral",
        )
    else:
        request = b.submitted(organisation, actor=client, client_school=client_school, **changes)
    requests.request_triage(actor=coordinator, request=request)
    item = meetings.agenda_add(actor=coordinator, meeting=b.meeting(organisation, coordinator), request=request)
    top = b.top_leader_id(item)
    offer = meetings.agenda_decide(
        actor=coordinator,
        item=item,
        leader=leader,
        rationale="The right leader for the school",
        passed_over_reason="" if top == leader.pk else "The panel knows the school well",
    )
    offers.offer_leader_accept(actor=leader, offer=offer)
    made = offers.offer_client_accept(actor=client, offer=offer)
    return Cast(deployment=made, leader=leader, client=client, coordinator=coordinator, commissioner=commissioner)
