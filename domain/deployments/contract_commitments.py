"""Keeping the leader's committed days in step with the contract in force (DESIGN.md invariant: "A
leader's committed days never exceed the capacity they declared without an explicit override").

When the offer was accepted the request's days were committed in the leader's availability
(reference "deployment:<id>"); approved variations add to them. When a version of the contract
comes into force with other days, the commitments follow: more days are committed in the term of
the deployment's next working day (every party, the leader included, agreed them: that agreement
is the override, recorded as its reason, when it takes the leader past what they offered); fewer
days release the latest commitments first, giving back any part still needed in the same term.
When the deployment completes or ends early, the days not logged are released."""

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from domain.leaders.availability_services import commitment_add, commitment_release
from domain.leaders.models import Commitment, Term
from domain.leaders.models.availability import days_words

from .models import Deployment


def reference_of(deployment: Deployment) -> str:
    return f"deployment:{deployment.pk}"


def committed_days(deployment: Deployment) -> Decimal:
    """The days the leader has committed to the deployment in their availability (not released)."""
    total = Commitment.objects.filter(
        leader_id=deployment.leader_id, reference=reference_of(deployment), released_at__isnull=True
    ).aggregate(days=Sum("days"))["days"]
    return total or Decimal("0")


def commitments_follow_contract(*, actor, deployment: Deployment, contract) -> Decimal:
    """Commits or releases days so that the leader's commitments to the deployment equal its
    allowed days (the contract's days and approved variations). Returns the change in days."""
    agreed = f"{days_words(contract.days)} in version {contract.number} of the contract"
    return _commit_exactly(
        actor=actor,
        deployment=deployment,
        target=deployment.allowed_days,
        reason=f"Every party agreed {agreed}",
    )


def commitments_settle(*, actor, deployment: Deployment, why: str) -> Decimal:
    """When a deployment completes or ends early, the days not logged in shared notes of visit are
    released, so that they count as free again. Returns the change in days (0 or fewer)."""
    from .visit_selectors import evidenced_days

    logged = evidenced_days(deployment)
    if committed_days(deployment) <= logged:
        return Decimal("0")
    return _commit_exactly(actor=actor, deployment=deployment, target=logged, reason=why)


def _commit_exactly(*, actor, deployment: Deployment, target: Decimal, reason: str) -> Decimal:
    difference = target - committed_days(deployment)
    if difference > 0:
        commitment_add(
            actor=actor,
            leader=deployment.leader,
            term=Term.containing(max(timezone.localdate(), deployment.starts_on)),
            days=difference,
            purpose=f"{deployment.request.reference}: support for {deployment.client_school.display_name}",
            reference=reference_of(deployment),
            override_reason=reason,
        )
    elif difference < 0:
        to_release = -difference
        live = Commitment.objects.filter(
            leader_id=deployment.leader_id, reference=reference_of(deployment), released_at__isnull=True
        ).order_by("-created_at", "-id")
        for commitment in live:
            if to_release <= 0:
                break
            commitment_release(actor=actor, commitment=commitment, reason=reason)
            kept = commitment.days - to_release
            to_release -= commitment.days
            if kept > 0:
                commitment_add(
                    actor=actor,
                    leader=deployment.leader,
                    term=commitment.term_of,
                    days=kept,
                    purpose=commitment.purpose,
                    reference=reference_of(deployment),
                    override_reason=reason,
                )
    return difference
