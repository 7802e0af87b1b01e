"""The demo deployment's cause for concern and reviews (demo.deployments builds the deployment
first, then its contract and visits). Synthetic people only.

- The system leader raised an open, medium-severity concern; the alliance has not escalated it,
  so the commissioner and the client do not see it.
- When the contract has been agreed (the deployment is under way), the mid-deployment review is
  recorded with a result for each impact measure, held on the last school day before today
  (demo.school_days); otherwise there is no review yet."""

import datetime as dt

from django.utils import timezone

from demo.school_days import school_day_on_or_before
from domain.accounts.roles import Role
from domain.deployments.concern_services import concern_raise
from domain.deployments.models import ConcernSeverity, ImpactMeasure, MeasureJudgement, ReviewKind
from domain.deployments.review_services import review_record
from domain.deployments.workflows import DeploymentStatus

CONCERN_SUMMARY = "Release time for the pupil premium lead keeps being cancelled"


def build(*, deployment, users) -> None:
    """Adds the demo's concern and, on an agreed contract, its mid-deployment review."""
    leader = users[Role.SYSTEM_LEADER]
    concern_raise(
        actor=leader,
        deployment=deployment,
        severity=ConcernSeverity.MEDIUM,
        summary=CONCERN_SUMMARY,
        details=(
            "Three of the four planned sessions with the pupil premium lead were cancelled on the day because "
            "of cover needs. Without that time the new spending plan cannot be written before the spring term."
        ),
    )
    deployment.refresh_from_db()
    if deployment.status != DeploymentStatus.ACTIVE or deployment.current_contract_id is None:
        return
    measures = ImpactMeasure.objects.filter(contract_id=deployment.current_contract_id)
    review_record(
        actor=users[Role.TSA_COORDINATOR],
        deployment=deployment,
        kind=ReviewKind.MID,
        held_on=school_day_on_or_before(timezone.localdate() - dt.timedelta(days=1)),
        summary=(
            "The headteacher, the leader and the alliance met at the school. The pupil premium plan is drafted; "
            "release time for the pupil premium lead is the main risk to finishing it."
        ),
        results={
            m.pk: ("Work under way: first data review done with the pupil premium lead", MeasureJudgement.TOO_EARLY)
            for m in measures
        },
    )
