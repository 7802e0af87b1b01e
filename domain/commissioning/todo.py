"""What commissioning asks of a person now, for their home page (a fixed number of queries):
offers to answer (the leader, the leader's alliance, the client) and requests waiting for triage."""

from django.db.models import Q

from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of
from domain.leaders.todo import ToDo, counted

from .models import Offer, SupportRequest
from .selectors import requests_to_broker, sent_by_q
from .workflows import OfferStatus, RequestStatus


def to_do_for(user) -> list[ToDo]:
    items = counted(
        "offers",
        Offer.objects.filter(leader=user, status=OfferStatus.WITH_LEADER),
        "Answer an offer of a deployment",
        "Answer {count} offers of deployments",
    )
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)
    if coordinated:
        items += counted(
            "offers",
            Offer.objects.filter(leaders_organisation_id__in=coordinated, status=OfferStatus.WITH_LEADERS_ALLIANCE),
            "Agree to a leader's deployment for another alliance",
            "Agree to {count} leaders' deployments for other alliances",
        )
        items += counted(
            "triage",
            requests_to_broker(user, statuses=[RequestStatus.SUBMITTED, RequestStatus.AWAITING_CONFIRMATION]),
            "Triage a request for support",
            "Triage {count} requests for support",
        )
    schools = [m.organisation.school_id for m in active_memberships_for(user) if m.role == Role.SCHOOL_CONTACT]
    schools = [s for s in schools if s]
    client = Offer.objects.filter(status=OfferStatus.WITH_CLIENT).filter(
        Q(request__client_school_id__in=schools) | sent_by_q(user, "request__")
    )
    items += counted(
        "client_offers",
        client,
        "Accept or decline the leader offered to support your school",
        "Accept or decline the leaders offered for {count} requests for support",
        "request_id",
    )
    items += counted(
        "confirm",
        SupportRequest.objects.filter(status=RequestStatus.AWAITING_CONFIRMATION, client_school_id__in=schools),
        "Confirm a request for support made through the public form",
        "Confirm {count} requests for support made through the public form",
    )
    return items
