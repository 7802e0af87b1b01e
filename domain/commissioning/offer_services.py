"""The offer of a request to the leader the panel chose: the leader accepts (committing their
days), their own alliance agrees when it is not the brokering one (seed 000: it "will exclusively
broker their deployments"), the client accepts, and the deployment is created."""

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.deployments.models import Deployment
from domain.deployments.services import LINK_TO_DEPLOYMENT, deployment_start
from domain.leaders.availability_services import commitment_add, commitment_release
from domain.leaders.models import Commitment
from domain.leaders.models.availability import days_words
from domain.leaders.people import AssociationRefused
from domain.leaders.selectors import active_association_of
from domain.leaders.term_split import days_by_term
from domain.notifications.services import notify
from domain.workflows.table import transition

from .errors import CommissioningRefused
from .models import Offer
from .request_services import LINK_TO_REQUEST, _change, _coordinators_of, _tell_client
from .workflows import OFFER, OfferStatus

LINK_TO_OFFER = "/home/offers/{pk}/"


def _commitment_reference(offer: Offer) -> str:
    return f"offer:{offer.pk}"


def offer_make(*, actor, request, leader, item=None, candidate=None) -> Offer:
    """Called by agenda_decide in its transaction: the offer goes to the leader."""
    association = active_association_of(leader)
    theirs = association.organisation if association else None
    offer = Offer.objects.create(
        request=request,
        agenda_item=item,
        leader=leader,
        leaders_organisation=theirs if theirs and theirs.pk != request.brokering_organisation_id else None,
    )
    audit_record(
        actor=actor,
        action="commissioning.offer.created",
        subject=offer,
        to_state=offer.status,
        organisation=request.brokering_organisation,
        data={"request_id": request.pk, "leader_id": leader.pk},
    )
    notify(
        user=leader,
        title=f"You are offered a deployment: {request.client_school.display_name}",
        body=(
            f"The panel of {request.brokering_organisation.name} chose you to support "
            f"{request.client_school.display_name} for {days_words(request.days)}. Accept or decline the offer."
        ),
        link=LINK_TO_OFFER.format(pk=offer.pk),
    )
    return offer


def _step(offer, event, *, actor, reason="") -> Offer:
    locked = transition(
        workflow=OFFER,
        obj=offer,
        event=event,
        actor=actor,
        reason=(reason or "").strip(),
        organisation=offer.request.brokering_organisation,
    )
    offer.status = locked.status
    return locked


@transaction.atomic
def offer_leader_accept(*, actor, offer: Offer) -> Offer:
    """The leader accepts and their days are committed across the terms the support falls in, by
    working days (domain.leaders.term_split). Refused when that would take them past the days they
    offered in any of those terms (they can offer more days first)."""
    if actor.pk != offer.leader_id:
        raise CommissioningRefused("Only the leader offered the deployment can accept it")
    event = "leader_accepts_needing_alliance" if offer.leaders_organisation_id else "leader_accepts"
    # An offer that is no longer with the leader is refused as such, before their days are counted.
    OFFER.check(Offer.objects.select_for_update().values_list("status", flat=True).get(pk=offer.pk), event)
    request = offer.request
    try:
        for term, share in days_by_term(request.window_starts, request.window_ends, request.days):
            commitment_add(
                actor=actor,
                leader=offer.leader,
                term=term,
                days=share,
                purpose=f"{request.reference}: support for {request.client_school.display_name}",
                reference=_commitment_reference(offer),
            )
    except AssociationRefused as refusal:
        raise CommissioningRefused(f"{refusal}. Offer more days in your availability first, or decline") from None
    locked = _step(offer, event, actor=actor)
    locked.leader_answered_at = offer.leader_answered_at = timezone.now()
    locked.save(update_fields=["leader_answered_at"])
    if locked.leaders_organisation_id:
        for coordinator in _coordinators_of(locked.leaders_organisation):
            notify(
                user=coordinator,
                title=f"Agree to {offer.leader.full_name}'s deployment for another alliance",
                body=(
                    f"{request.brokering_organisation.name} offered {offer.leader.full_name} a deployment to "
                    f"{request.client_school.display_name}. You broker their deployments: agree or decline."
                ),
                link=LINK_TO_OFFER.format(pk=offer.pk),
            )
    else:
        _ask_client(locked)
    return locked


@transaction.atomic
def offer_alliance_agree(*, actor, offer: Offer) -> Offer:
    """The leader's own alliance agrees (its coordinators: the caller's policy checks)."""
    locked = _step(offer, "alliance_agrees", actor=actor)
    _ask_client(locked)
    return locked


def _ask_client(offer: Offer) -> None:
    _tell_client(
        offer.request,
        f"{offer.leader.full_name} can support {offer.request.client_school.display_name}: accept or decline the offer",
    )


@transaction.atomic
def offer_client_accept(*, actor, offer: Offer) -> Deployment:
    """The client accepts: the request is agreed and the deployment created."""
    locked = _step(offer, "client_accepts", actor=actor)
    locked.client_answered_at = offer.client_answered_at = timezone.now()
    locked.save(update_fields=["client_answered_at"])
    request = _change(offer.request, "agree", actor=actor, data={"offer_id": offer.pk})
    deployment = deployment_start(actor=actor, request=request, leader=offer.leader, offer_id=offer.pk)
    Commitment.objects.filter(reference=_commitment_reference(offer), released_at__isnull=True).update(
        reference=f"deployment:{deployment.pk}"
    )
    people = [offer.leader, *_coordinators_of(request.brokering_organisation)]
    for person in people:
        notify(
            user=person,
            title=f"Deployment agreed: {offer.leader.full_name} at {request.client_school.display_name}",
            body=(
                f"{request.reference} is agreed. The deployment starts on {request.window_starts:%-d %B %Y}. "
                f"{request.brokering_organisation.name} will now draw up the contract for everyone to agree."
            ),
            link=LINK_TO_DEPLOYMENT.format(pk=deployment.pk),
        )
    return deployment


@transaction.atomic
def offer_decline(*, actor, offer: Offer, reason: str) -> Offer:
    """The leader, their alliance or the client declines, saying why: the leader's days are
    released and the request goes back to the brokering alliance to choose again."""
    if not (reason or "").strip():
        raise CommissioningRefused("Enter why the offer is declined")
    locked = _step(offer, "decline", actor=actor, reason=reason)
    locked.decline_reason = offer.decline_reason = reason.strip()
    locked.save(update_fields=["decline_reason"])
    _release(actor, offer, reason)
    why = f"The offer to {offer.leader.full_name} was declined: {reason.strip()}"
    _change(
        offer.request,
        "rematch",
        actor=actor,
        reason=why,
    )
    for coordinator in _coordinators_of(offer.request.brokering_organisation):
        notify(
            user=coordinator,
            title=f"The offer of {offer.request.reference} was declined",
            body=f"{why}. Choose again at a panel meeting.",
            link=LINK_TO_REQUEST.format(pk=offer.request_id),
        )
    return locked


def offer_withdraw(*, actor, offer: Offer, reason: str) -> Offer:
    """Withdraws a live offer (the request was withdrawn)."""
    locked = _step(offer, "withdraw", actor=actor, reason=reason)
    _release(actor, offer, reason)
    return locked


def _release(actor, offer, reason) -> None:
    for commitment in Commitment.objects.filter(reference=_commitment_reference(offer), released_at__isnull=True):
        commitment_release(actor=actor, commitment=commitment, reason=reason)


LIVE_OFFER_STATES = (OfferStatus.WITH_LEADER, OfferStatus.WITH_LEADERS_ALLIANCE, OfferStatus.WITH_CLIENT)
