"""Offers: the leader accepts (committing their days), their own alliance agrees when it is not the
brokering one, the client accepts and the deployment is created; or someone declines."""

from decimal import Decimal

import pytest

from domain.audit.models import AuditEvent
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.workflows import OfferStatus, RequestStatus
from domain.deployments.models import Deployment
from domain.leaders.availability_services import commitment_add, committed_days
from domain.leaders.models import Commitment
from domain.notifications.models import Notification
from domain.workflows.table import TransitionRefused

from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def aire():
    return b.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")


@pytest.fixture
def offer(aire):
    organisation, coordinator = aire
    leader = b.available_leader(organisation, days=10)
    return b.offered(organisation, coordinator, leader)


def fresh(offer):
    offer.refresh_from_db()
    offer.request.refresh_from_db()
    return offer


# The leader answers --------------------------------------------------------------------------


def test_the_leader_accepts_and_their_days_are_committed(offer):
    accepted = offers.offer_leader_accept(actor=offer.leader, offer=offer)
    offer = fresh(offer)
    assert accepted.status == offer.status == OfferStatus.WITH_CLIENT
    assert offer.leader_answered_at is not None
    # 1 December to 22 March: 23 working days in the autumn term, 57 in the spring term.
    autumn, spring = b.terms_of_window()
    commitments = Commitment.objects.filter(leader=offer.leader).order_by("pk")
    assert [(c.reference, c.days, c.term_of, c.released_at) for c in commitments] == [
        (f"offer:{offer.pk}", Decimal(1), autumn, None),
        (f"offer:{offer.pk}", Decimal(3), spring, None),
    ]
    assert all(offer.request.reference in c.purpose for c in commitments)
    assert (committed_days(offer.leader, autumn), committed_days(offer.leader, spring)) == (1, 3)
    assert offer.request.status == RequestStatus.MATCHED
    assert Notification.objects.filter(user=offer.request.submitted_by, title__contains="accept or decline").exists()
    assert AuditEvent.objects.filter(action="commissioning.offer.leader_accepts", subject_id=str(offer.pk)).count() == 1


def test_the_leader_cannot_accept_past_the_days_they_offered_in_any_term(offer):
    spring = b.terms_of_window()[1]
    commitment_add(actor=offer.leader, leader=offer.leader, term=spring, days=8, purpose="Another school")
    with pytest.raises(
        CommissioningRefused, match="has 2 days left in the spring term 2026 to 2027: committing 3 needs a reason"
    ) as caught:
        offers.offer_leader_accept(actor=offer.leader, offer=offer)
    assert str(caught.value) == (
        f"{offer.leader.full_name} has 2 days left in the spring term 2026 to 2027: committing 3 needs a reason to go "
        "past what they offered. Offer more days in your availability first, or decline"
    )
    offer = fresh(offer)
    assert offer.status == OfferStatus.WITH_LEADER
    # Nothing is committed in the autumn term either: all or nothing.
    assert not Commitment.objects.filter(reference=f"offer:{offer.pk}").exists()
    # With more days offered, the leader can accept.
    b.offer_days(offer.leader, 12)
    assert offers.offer_leader_accept(actor=offer.leader, offer=offer).status == OfferStatus.WITH_CLIENT


def test_only_the_leader_accepts_as_the_leader(aire, offer):
    _, coordinator = aire
    for someone in (coordinator, offer.request.submitted_by, b.factories.UserFactory()):
        with pytest.raises(CommissioningRefused, match="Only the leader offered the deployment can accept it"):
            offers.offer_leader_accept(actor=someone, offer=offer)
    assert fresh(offer).status == OfferStatus.WITH_LEADER
    assert not Commitment.objects.exists()


def test_a_leader_answers_once(offer):
    offers.offer_leader_accept(actor=offer.leader, offer=offer)
    with pytest.raises(TransitionRefused, match=r"You cannot accept \(the leader\) when it is waiting for the client"):
        offers.offer_leader_accept(actor=offer.leader, offer=offer)
    assert Commitment.objects.count() == 2  # one in each term
    assert b.committed_in_window(offer.leader) == Decimal(4)


def test_a_withdrawn_offer_cannot_be_accepted_even_without_days(offer):
    """The refusal says the offer is withdrawn, not that the leader lacks days."""
    from domain.commissioning import request_services as requests

    requests.request_withdraw(actor=offer.request.submitted_by, request=offer.request, reason="Solved")
    commitment_add(actor=offer.leader, leader=offer.leader, term=b.term_of_window(), days=10, purpose="Elsewhere")
    with pytest.raises(TransitionRefused, match="withdrawn"):
        offers.offer_leader_accept(actor=offer.leader, offer=fresh(offer))
    assert not Commitment.objects.filter(reference=f"offer:{offer.pk}").exists()


# The leader's own alliance -------------------------------------------------------------------


def test_a_leader_of_another_alliance_needs_its_agreement(aire):
    organisation, coordinator = aire
    pennine, pennine_coordinator = b.alliance_with_coordinator(kind="hub", name="Pennine Teaching School Hub")
    leader = b.available_leader(pennine)
    offer = b.offered(organisation, coordinator, leader)
    assert offer.leaders_organisation == pennine
    offers.offer_leader_accept(actor=leader, offer=offer)
    offer = fresh(offer)
    assert offer.status == OfferStatus.WITH_LEADERS_ALLIANCE
    assert Notification.objects.filter(user=pennine_coordinator, link=f"/home/offers/{offer.pk}/").exists()
    assert not Notification.objects.filter(
        user=offer.request.submitted_by, title__contains="accept or decline"
    ).exists()
    with pytest.raises(
        TransitionRefused, match=r"You cannot accept \(the client\) when it is waiting for the leader's alliance"
    ):
        offers.offer_client_accept(actor=offer.request.submitted_by, offer=offer)
    assert not Deployment.objects.exists()
    offers.offer_alliance_agree(actor=pennine_coordinator, offer=offer)
    assert fresh(offer).status == OfferStatus.WITH_CLIENT
    assert Notification.objects.filter(user=offer.request.submitted_by, title__contains="accept or decline").exists()
    deployment = offers.offer_client_accept(actor=offer.request.submitted_by, offer=offer)
    assert (deployment.leader, deployment.organisation) == (leader, organisation)


def test_an_offer_within_the_alliance_needs_no_other_agreement(offer):
    offers.offer_leader_accept(actor=offer.leader, offer=offer)
    with pytest.raises(
        TransitionRefused, match=r"You cannot agree \(the leader's alliance\) when it is waiting for the client"
    ):
        offers.offer_alliance_agree(actor=offer.leader, offer=fresh(offer))


# The client answers --------------------------------------------------------------------------


def test_the_client_accepts_and_the_deployment_is_created(aire, offer):
    _, coordinator = aire
    offers.offer_leader_accept(actor=offer.leader, offer=offer)
    client = offer.request.submitted_by
    deployment = offers.offer_client_accept(actor=client, offer=offer)
    offer = fresh(offer)
    request = offer.request
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.client_answered_at is not None
    assert request.status == RequestStatus.AGREED
    deployment = Deployment.objects.get(pk=deployment.pk)
    assert (
        deployment.request,
        deployment.leader,
        deployment.organisation,
        deployment.client_school,
        deployment.days,
        deployment.starts_on,
        deployment.ends_on,
        deployment.status,
    ) == (
        request,
        offer.leader,
        request.brokering_organisation,
        request.client_school,
        Decimal(4),
        request.window_starts,
        request.window_ends,
        "contracting",
    )
    commitments = Commitment.objects.filter(leader=offer.leader)
    assert {(c.reference, c.released_at) for c in commitments} == {(f"deployment:{deployment.pk}", None)}
    assert b.committed_in_window(offer.leader) == Decimal(4)
    event = AuditEvent.objects.get(action="deployments.deployment.created")
    assert event.data == {"request_id": request.pk, "offer_id": offer.pk, "commissioner_id": None}
    told = set(Notification.objects.filter(title__startswith="Deployment agreed").values_list("user", flat=True))
    assert told == {offer.leader.pk, coordinator.pk}


def test_the_client_cannot_accept_before_the_leader(offer):
    with pytest.raises(TransitionRefused, match=r"You cannot accept \(the client\) when it is waiting for the leader"):
        offers.offer_client_accept(actor=offer.request.submitted_by, offer=offer)
    assert not Deployment.objects.exists()
    assert fresh(offer).request.status == RequestStatus.MATCHED


def test_an_accepted_offer_cannot_be_declined(offer):
    offers.offer_leader_accept(actor=offer.leader, offer=offer)
    offers.offer_client_accept(actor=offer.request.submitted_by, offer=offer)
    with pytest.raises(TransitionRefused, match="You cannot decline when it is accepted by everyone"):
        offers.offer_decline(actor=offer.leader, offer=fresh(offer), reason="Changed my mind")
    assert {c.released_at for c in Commitment.objects.all()} == {None}


# Declining -----------------------------------------------------------------------------------


def test_a_decline_needs_a_reason(offer):
    with pytest.raises(CommissioningRefused, match="Enter why the offer is declined"):
        offers.offer_decline(actor=offer.leader, offer=offer, reason="  ")
    assert fresh(offer).status == OfferStatus.WITH_LEADER


def test_the_leader_declines_and_the_request_goes_back_to_the_alliance(aire, offer):
    _, coordinator = aire
    offers.offer_decline(actor=offer.leader, offer=offer, reason="  My own school's inspection is due ")
    offer = fresh(offer)
    assert (offer.status, offer.decline_reason) == (OfferStatus.DECLINED, "My own school's inspection is due")
    assert offer.request.status == RequestStatus.TRIAGED
    assert Notification.objects.filter(user=coordinator, title__contains="was declined").exists()


def test_the_client_declines_and_the_leaders_days_are_released(offer):
    offers.offer_leader_accept(actor=offer.leader, offer=offer)
    assert b.committed_in_window(offer.leader) == Decimal(4)
    offers.offer_decline(actor=offer.request.submitted_by, offer=fresh(offer), reason="We found help locally")
    offer = fresh(offer)
    assert offer.status == OfferStatus.DECLINED
    assert offer.request.status == RequestStatus.TRIAGED
    assert b.committed_in_window(offer.leader) == 0
    released = Commitment.objects.filter(reference=f"offer:{offer.pk}")
    assert released.count() == 2 and all(c.released_at is not None for c in released)
    assert not Deployment.objects.exists()


def test_a_declined_request_can_be_offered_again(aire, offer):
    organisation, coordinator = aire
    offers.offer_decline(actor=offer.leader, offer=offer, reason="Too busy")
    item = meetings.agenda_add(actor=coordinator, meeting=b.meeting(organisation, coordinator), request=offer.request)
    again = meetings.agenda_decide(actor=coordinator, item=item, leader=offer.leader, rationale="Now free")
    assert again.status == OfferStatus.WITH_LEADER
    assert again.pk != offer.pk


def test_the_offer_to_the_leader_says_one_day_in_the_singular(aire):
    organisation, coordinator = aire
    leader = b.available_leader(organisation, days=10)
    b.offered(organisation, coordinator, leader, days="1")
    told = Notification.objects.get(user=leader, title__startswith="You are offered a deployment")
    assert " for 1 day. Accept or decline the offer." in told.body
