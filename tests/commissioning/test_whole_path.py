"""The whole path through the services: a school asks, its alliance triages, the panel meets and
decides, the leader and the school accept, and the deployment starts; every change is audited once."""

from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.commissioning.workflows import OfferStatus, RequestStatus
from domain.deployments.models import Deployment
from domain.leaders.models import Commitment
from domain.notifications.models import Reminder

from . import builders as b

pytestmark = pytest.mark.django_db


def trail(subject):
    return list(
        AuditEvent.objects.filter(
            subject_type=f"{subject._meta.app_label}.{subject._meta.model_name}", subject_id=str(subject.pk)
        )
        .order_by("occurred_at", "id")
        .values_list("action", "from_state", "to_state")
    )


def test_from_asking_to_a_deployment():
    aire, coordinator = b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")
    member = b.person_in_role("panel_member", organisation=aire)
    leader = b.available_leader(aire, days=10)
    goldthorpe = b.member_school(aire, name="Goldthorpe Junior School")
    contact = b.school_contact_of(goldthorpe)

    request = requests.request_submit(
        actor=contact, school=goldthorpe, values=b.values(), referrer_kind="client_school"
    )
    assert request.brokering_organisation == aire
    assert Reminder.objects.pending().filter(user=coordinator, key__startswith="request-triage:").count() == 1
    request = requests.request_triage(actor=coordinator, request=request)
    assert not Reminder.objects.pending().filter(user=coordinator, key__startswith="request-triage:").exists()
    meeting = b.meeting(aire, coordinator, members=[coordinator, member])
    item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=request)
    assert b.top_leader_id(item) == leader.pk
    offer = meetings.agenda_decide(
        actor=member, item=item, leader=leader, rationale="Closing the gap in a primary school close by"
    )
    meetings.meeting_hold(actor=coordinator, meeting=meeting, notes="Decided one request")
    offers.offer_leader_accept(actor=leader, offer=offer)
    deployment = offers.offer_client_accept(actor=contact, offer=offer)

    request.refresh_from_db()
    offer.refresh_from_db()
    assert request.status == RequestStatus.AGREED
    assert offer.status == OfferStatus.ACCEPTED
    assert Deployment.objects.get() == deployment
    assert (deployment.leader, deployment.client_school, deployment.days) == (leader, goldthorpe, Decimal(4))
    assert set(Commitment.objects.filter(leader=leader).values_list("reference", flat=True)) == {
        f"deployment:{deployment.pk}"
    }
    assert b.committed_in_window(leader) == Decimal(4)

    assert trail(request) == [
        ("commissioning.request.created", "", "submitted"),
        ("commissioning.request.triage", "submitted", "triaged"),
        ("commissioning.request.schedule", "triaged", "on_agenda"),
        ("commissioning.request.match", "on_agenda", "matched"),
        ("commissioning.request.agree", "matched", "agreed"),
    ]
    assert trail(meeting) == [
        ("commissioning.meeting.created", "", "planned"),
        ("commissioning.meeting.hold", "planned", "held"),
    ]
    assert trail(offer) == [
        ("commissioning.offer.created", "", "with_leader"),
        ("commissioning.offer.leader_accepts", "with_leader", "with_client"),
        ("commissioning.offer.client_accepts", "with_client", "accepted"),
    ]
    assert trail(deployment) == [("deployments.deployment.created", "", "contracting")]
    commitments = AuditEvent.objects.filter(action__startswith="leaders.commitment.", subject_id=str(leader.pk))
    # One commitment in each term the support falls in: the autumn and the spring.
    assert list(commitments.values_list("action", flat=True)) == ["leaders.commitment.added"] * 2
    actors = dict(AuditEvent.objects.filter(action__startswith="commissioning.request.").values_list("action", "actor"))
    assert actors == {
        "commissioning.request.created": contact.pk,
        "commissioning.request.triage": coordinator.pk,
        "commissioning.request.schedule": coordinator.pk,
        "commissioning.request.match": member.pk,
        "commissioning.request.agree": contact.pk,
    }
