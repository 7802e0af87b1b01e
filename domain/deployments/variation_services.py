"""Variations: asking to go beyond a deployment's agreed days (issue 6: "a variation request to go
beyond"; bad input: "Time logged beyond the agreed days without an approved variation is refused").

The leader or the brokering alliance asks for more days, saying why; the alliance approves or
refuses, saying why. Approving commits the extra days in the leader's availability (DESIGN.md
invariant: "A leader's committed days never exceed the capacity they declared without an explicit
override"), so an approval past what the leader offered needs the approver's reason, and adds the
days to what the leader may log. Keyword-only, atomic, audited; a refusal changes nothing."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.leaders.availability_services import commitment_add
from domain.leaders.models import Term
from domain.leaders.models.availability import days_words
from domain.leaders.people import AssociationRefused

from . import services
from .errors import DeploymentRefused
from .models import Deployment, Variation
from .policies import can_manage_deployment, is_leader_of
from .workflows import VARIATION, VariationStatus

# A term has about 65 working days (domain.leaders.availability_services.MAX_DAYS_PER_TERM): no
# single variation asks for more.
MAX_VARIATION_DAYS = Decimal("65")
REASON_LIMIT = 4000


def may_request_variation(user, deployment) -> bool:
    return is_leader_of(user, deployment) or can_manage_deployment(user, deployment)


def may_decide_variation(user, variation) -> bool:
    """The brokering alliance: its coordinators and its region's representatives."""
    return variation is not None and can_manage_deployment(user, variation.deployment)


def commitment_term(deployment: Deployment) -> Term:
    """The term the extra days are committed in: the term of today, or of the deployment's first
    day if it has not started yet (never past its last day). The extra days are worked from now
    on, and when they will be worked is not known in advance (the offer's agreed days, whose window
    is known, are shared across its terms by working days: domain.leaders.term_split)."""
    today = timezone.localdate()
    day = min(max(today, deployment.starts_on), deployment.ends_on)
    return Term.containing(day)


def _days(value) -> Decimal:
    try:
        days = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise DeploymentRefused("Enter the extra days as a number, like 1 or 1.5") from None
    if not days.is_finite() or days <= 0:
        raise DeploymentRefused("Enter the extra days as more than 0")
    if days > MAX_VARIATION_DAYS:
        raise DeploymentRefused(f"Enter the extra days as {MAX_VARIATION_DAYS} or fewer")
    if days * 2 != (days * 2).to_integral_value():
        raise DeploymentRefused("Enter the extra days in whole or half days")
    return days


def _locked(variation: Variation) -> Variation:
    return Variation.objects.select_for_update(of=("self",)).select_related("deployment").get(pk=variation.pk)


def _require_waiting(variation: Variation) -> None:
    if variation.status != VariationStatus.REQUESTED:
        raise DeploymentRefused(f"This request for more days is already {variation.get_status_display().lower()}")


@transaction.atomic
def variation_request(*, actor, deployment: Deployment, days, reason: str) -> Variation:
    """Asks for `days` more days, saying why (the leader or the alliance). One request waits at a time."""
    if not may_request_variation(actor, deployment):
        raise DeploymentRefused("Only the system leader or the brokering alliance can ask for more days")
    deployment = Deployment.objects.select_for_update(of=("self",)).get(pk=deployment.pk)
    services.require_open(deployment)
    days = _days(days)
    reason = (reason or "").strip()
    if not reason:
        raise DeploymentRefused("Enter why more days are needed")
    if len(reason) > REASON_LIMIT:
        raise DeploymentRefused(f"The reason must be {REASON_LIMIT:,} characters or fewer")
    if deployment.variations.filter(status=VariationStatus.REQUESTED).exists():
        raise DeploymentRefused("A request for more days is already waiting for a decision")
    variation = Variation.objects.create(deployment=deployment, days=days, reason=reason, requested_by=actor)
    audit_record(
        actor=actor,
        action="deployments.variation.requested",
        subject=variation,
        to_state=variation.status,
        reason=reason,
        organisation=deployment.organisation,
        data={"deployment_id": deployment.pk, "days": str(days)},
    )
    services.tell(
        deployment,
        "leader",
        "alliance",
        title=f"{days_words(days, more=True)} asked for at {deployment.client_school.display_name}",
        body=f"{actor.full_name} asked for {days_words(days, more=True)}: {reason}",
        exclude=actor,
    )
    return variation


@transaction.atomic
def variation_approve(*, actor, variation: Variation, override_reason: str = "") -> Variation:
    """Approves the extra days: committed in the leader's availability (refused past what they
    offered unless `override_reason` says why) and added to the days the leader may log."""
    if not may_decide_variation(actor, variation):
        raise DeploymentRefused("Only the brokering alliance can approve more days")
    # The deployment first, as visit_note_share locks it: its days change here.
    deployment = (
        Deployment.objects.select_for_update(of=("self",)).select_related("leader").get(pk=variation.deployment_id)
    )
    variation = _locked(variation)
    _require_waiting(variation)
    services.require_open(deployment)
    term = commitment_term(deployment)
    try:
        commitment_add(
            actor=actor,
            leader=deployment.leader,
            term=term,
            days=variation.days,
            purpose=f"{deployment.reference}: {days_words(variation.days, more=True)} at "
            f"{deployment.client_school.display_name}",
            reference=f"deployment:{deployment.pk}",
            override_reason=override_reason,
        )
    except AssociationRefused as refusal:
        raise DeploymentRefused(f"{refusal}. Give a reason to approve the extra days anyway") from None
    before = deployment.extra_days
    deployment.extra_days = before + variation.days
    deployment.save(update_fields=["extra_days"])
    audit_record(
        actor=actor,
        action="deployments.deployment.days_varied",
        subject=deployment,
        from_state=days_words(deployment.days + before),
        to_state=days_words(deployment.allowed_days),
        reason=variation.reason,
        organisation=deployment.organisation,
        data={"variation_id": variation.pk, "term": term.key},
    )
    locked = services.step(
        workflow=VARIATION,
        obj=variation,
        event="approve",
        actor=actor,
        reason=(override_reason or "").strip(),
        data={"days": str(variation.days), "term": term.key, "override": bool((override_reason or "").strip())},
    )
    locked.decided_by, locked.decided_at = actor, timezone.now()
    locked.decision_reason = (override_reason or "").strip()
    locked.save(update_fields=["decided_by", "decided_at", "decision_reason"])
    services.tell(
        deployment,
        "leader",
        "alliance",
        title=f"{days_words(variation.days, more=True)} approved at {deployment.client_school.display_name}",
        body=(
            f"{actor.full_name} approved {days_words(variation.days, more=True)}: the leader may now log "
            f"{days_words(deployment.allowed_days)} in all."
        ),
        exclude=actor,
    )
    return locked


@transaction.atomic
def variation_refuse(*, actor, variation: Variation, reason: str) -> Variation:
    """Refuses the extra days, saying why. The leader may log only the days already agreed."""
    if not may_decide_variation(actor, variation):
        raise DeploymentRefused("Only the brokering alliance can refuse more days")
    variation = _locked(variation)
    _require_waiting(variation)
    deployment = variation.deployment
    services.require_open(deployment)
    reason = (reason or "").strip()
    if not reason:
        raise DeploymentRefused("Enter why the extra days are refused")
    locked = services.step(workflow=VARIATION, obj=variation, event="refuse", actor=actor, reason=reason)
    locked.decided_by, locked.decided_at, locked.decision_reason = actor, timezone.now(), reason
    locked.save(update_fields=["decided_by", "decided_at", "decision_reason"])
    services.tell(
        deployment,
        "leader",
        "alliance",
        title=f"More days refused at {deployment.client_school.display_name}",
        body=f"{actor.full_name} refused {days_words(variation.days, more=True)}: {reason}",
        exclude=actor,
    )
    return locked
