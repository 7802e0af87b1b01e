"""Recording quality assurance of a leader: a QA visit or a peer review (seed 000 "Quality
assurance": "QA may include feedback templates, visits, mid deployment reviews, peer review").

The alliance, hub or grouping that brokers the leader records it (its coordinators and the
representatives of its region): the leader is associated with it, or had a deployment brokered
by it (domain.leaders.policies: "deployments ... exclusively brokered through that TSA")."""

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.leaders.people import is_designated
from domain.leaders.policies import can_act_for_organisation
from domain.notifications.services import notify

from .errors import DeploymentRefused
from .models import Deployment, QaActivity, QaKind, QaOutcome
from .quality_selectors import QUALITY_LEADER_LINK, brokers_leader

MAX_NAME = 150


def can_record_quality(user, organisation, leader) -> bool:
    """The organisation's coordinators and region's representatives, for a leader it brokers (an
    active association: policies.can_broker_deployment's rule; or a deployment it brokered)."""
    return leader is not None and can_act_for_organisation(user, organisation) and brokers_leader(organisation, leader)


@transaction.atomic
def qa_record(
    *,
    actor,
    organisation,
    leader,
    kind,
    held_on,
    findings,
    outcome,
    reviewer=None,
    reviewer_name="",
    deployment=None,
) -> QaActivity:
    """Records a QA visit or a peer review of the leader for `organisation`, and tells the leader."""
    if not can_record_quality(actor, organisation, leader):
        raise DeploymentRefused(
            f"You cannot record quality assurance of {getattr(leader, 'full_name', 'this leader')} "
            f"because {organisation.name} does not broker them or you do not act for it"
        )
    if kind not in QaKind.values:
        raise DeploymentRefused("Select whether it was a quality assurance visit or a peer review")
    if held_on is None:
        raise DeploymentRefused("Enter the date it took place")
    if held_on > timezone.localdate():
        raise DeploymentRefused("The date it took place must be today or in the past")
    findings = (findings or "").strip()
    if not findings:
        raise DeploymentRefused("Enter what it found")
    if outcome not in QaOutcome.values:
        raise DeploymentRefused("Select the outcome")
    reviewer_name = (reviewer_name or "").strip()
    if len(reviewer_name) > MAX_NAME:
        raise DeploymentRefused(f"Name of the peer must be {MAX_NAME} characters or fewer")
    if kind == QaKind.PEER_REVIEW:
        # A peer review is carried out by another system leader.
        if reviewer is None and not reviewer_name:
            raise DeploymentRefused("Choose the system leader who carried out the peer review, or enter their name")
        if reviewer is not None:
            if reviewer.pk == leader.pk:
                raise DeploymentRefused("Choose another system leader: a leader cannot review their own practice")
            if not is_designated(reviewer):
                raise DeploymentRefused("Choose a designated system leader as the peer, or enter their name")
    elif reviewer is None and not reviewer_name:
        reviewer = actor
    if deployment is not None and (deployment.leader_id != leader.pk or deployment.organisation_id != organisation.pk):
        raise DeploymentRefused(f"Choose a deployment of {leader.full_name} brokered by {organisation.name}")
    if deployment is not None:
        deployment = Deployment.objects.get(pk=deployment.pk)
    activity = QaActivity.objects.create(
        organisation=organisation,
        leader=leader,
        deployment=deployment,
        kind=kind,
        held_on=held_on,
        reviewer=reviewer,
        reviewer_name=reviewer_name if reviewer is None else "",
        findings=findings,
        outcome=outcome,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action="deployments.qa_activity.recorded",
        subject=activity,
        to_state=outcome,
        organisation=organisation,
        data={
            "leader_id": leader.pk,
            "kind": kind,
            "held_on": held_on.isoformat(),
            "deployment_id": deployment.pk if deployment else None,
            "reviewer_id": reviewer.pk if reviewer else None,
        },
    )
    notify(
        user=leader,
        title=f"{organisation.name} recorded a {activity.get_kind_display().lower()}",
        body=f"Outcome: {activity.get_outcome_display()}. Read the findings on your quality record.",
        link=QUALITY_LEADER_LINK.format(pk=leader.pk),
    )
    return activity
