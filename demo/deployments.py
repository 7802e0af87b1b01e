"""The demo region's deployment, built through the services after demo.commissioning: the local
authority referred Goldthorpe Junior School (the school contact's school); the panel chose the
demo's system leader; everyone accepted. Each part of the deployment (contract, visits, concerns
and reviews, feedback and quality assurance, invoices) is added by its own demo module. Every
person and school here is synthetic."""

import datetime as dt

from django.utils import timezone

from demo import (
    deployments_contract,
    deployments_feedback,
    deployments_invoices,
    deployments_reviews,
    deployments_visits,
)
from demo.commissioning import request_values
from demo.deployments_visits import visit_days
from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.organisations.models import Organisation


def build_demo_deployment(*, users, schools, organisations, meeting):
    """A 4-day deployment that started five weeks ago and runs for two more months."""
    coordinator, leader, contact = users[Role.TSA_COORDINATOR], users[Role.SYSTEM_LEADER], users[Role.SCHOOL_CONTACT]
    today = timezone.localdate()
    referral = requests.request_submit(
        actor=users[Role.COMMISSIONER],
        school=schools["Goldthorpe Junior School"],
        values=request_values(
            needs=["closing_the_gap"],
            days="4",
            description="Support for a new headteacher to plan the use of pupil premium after a weak inspection",
            # Five weeks ago, or earlier when the first visit's school day is (after a holiday).
            window_starts=min(today - dt.timedelta(days=35), visit_days(today)[0]),
            window_ends=today + dt.timedelta(days=60),
        ),
        referrer_kind="local_authority",
        referrer_organisation=Organisation.objects.get(code="DEMO-LA"),
        preferred_organisation=organisations["Aire Valley Teaching School Alliance"],
        route="referral",
    )
    requests.request_triage(actor=coordinator, request=referral)
    item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=referral)
    offer = meetings.agenda_decide(
        actor=coordinator, item=item, leader=leader, rationale="Pupil premium planning, close by, free days this term"
    )
    offers.offer_leader_accept(actor=leader, offer=offer)
    deployment = offers.offer_client_accept(actor=contact, offer=offer)
    deployments_contract.build(deployment=deployment, users=users)
    deployments_visits.build(deployment=deployment, users=users)
    deployments_reviews.build(deployment=deployment, users=users)
    deployments_feedback.build(deployment=deployment, users=users)
    deployments_invoices.build(deployment=deployment, users=users)
    return deployment
