"""Causes for concern (seed 000: "cause of concern"; issue 6: "raised by the leader, the client or
the TSA; severity; visible only to those who need it; escalated to the TSA's quality lead and the
commissioner; resolution kept").

A concern is private (policies.can_see_concern): only the people who may see it are ever told of
it. The quality lead is told when it is raised; the commissioner and the region's representatives
when it is escalated; the person who raised it (and the commissioner, once escalated) when it is
resolved. Nobody else is told, so nobody else learns that it exists."""

from django.db import transaction
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.selectors import people_in_role
from domain.audit.services import audit_record
from domain.notifications.services import notify

from .errors import DeploymentRefused
from .models import Concern, ConcernSeverity, Deployment, Party
from .people import commissioners_of, quality_leads_of
from .policies import can_manage_deployment, can_raise_concern, parties_of
from .services import require_open, step
from .workflows import CONCERN, ConcernStatus

LINK_TO_CONCERN = "/home/deployments/{deployment}/concerns/{pk}/"
SUMMARY_LIMIT = 200
TEXT_LIMIT = 4000

# The side a person raises a concern for when they speak for more than one.
RAISING_PARTIES = (Party.LEADER, Party.CLIENT, Party.ALLIANCE)


def _link(concern: Concern) -> str:
    return LINK_TO_CONCERN.format(deployment=concern.deployment_id, pk=concern.pk)


def _tell(people, concern: Concern, *, title: str, body: str, exclude=None) -> int:
    """Notifies each person once (not `exclude`, who acted), linking to the concern's page."""
    told = {}
    for person in people:
        if person is None or (exclude is not None and person.pk == exclude.pk):
            continue
        told.setdefault(person.pk, person)
    for person in told.values():
        notify(user=person, title=title, body=body, link=_link(concern))
    return len(told)


def _clean_text(value: str, *, missing: str, too_long: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise DeploymentRefused(missing)
    if len(text) > limit:
        raise DeploymentRefused(too_long)
    return text


def _lock(concern: Concern) -> Concern:
    return Concern.objects.select_for_update(of=("self",)).select_related("deployment").get(pk=concern.pk)


def _where(deployment: Deployment) -> str:
    return f"{deployment.leader.full_name} at {deployment.client_school.display_name} ({deployment.reference})"


@transaction.atomic
def concern_raise(*, actor, deployment: Deployment, severity: str, summary: str, details: str) -> Concern:
    """The leader, the client or the alliance raises a cause for concern about an open deployment.
    The alliance's quality lead (or, with none named, its coordinators) is told at once."""
    deployment = (
        Deployment.objects.select_for_update(of=("self",))
        .select_related("leader", "client_school", "organisation", "request", "quality_lead")
        .get(pk=deployment.pk)
    )
    require_open(deployment)
    if not can_raise_concern(actor, deployment):
        raise DeploymentRefused(
            "You cannot raise a concern about this deployment because only the system leader, "
            "the client school and the brokering alliance raise concerns"
        )
    if severity not in ConcernSeverity.values:
        raise DeploymentRefused("Select how serious the concern is")
    summary = _clean_text(
        summary,
        missing="Enter a summary of the concern",
        too_long=f"The summary must be {SUMMARY_LIMIT} characters or fewer",
        limit=SUMMARY_LIMIT,
    )
    details = _clean_text(
        details,
        missing="Enter the details of the concern",
        too_long=f"The details must be {TEXT_LIMIT:,} characters or fewer",
        limit=TEXT_LIMIT,
    )
    sides = parties_of(actor, deployment)
    raised_as = next(party for party in RAISING_PARTIES if party in sides)
    concern = Concern.objects.create(
        deployment=deployment,
        raised_by=actor,
        raised_as=raised_as,
        severity=severity,
        summary=summary,
        details=details,
    )
    audit_record(
        actor=actor,
        action="deployments.concern.raised",
        subject=concern,
        to_state=concern.status,
        organisation=deployment.organisation,
        data={"deployment_id": deployment.pk, "severity": severity, "raised_as": raised_as},
    )
    _tell(
        quality_leads_of(deployment),
        concern,
        title=f"Cause for concern raised: {_where(deployment)}",
        body=f"{actor.full_name} raised a {concern.get_severity_display().split(':')[0].lower()} severity concern: "
        f"{summary}",
        exclude=actor,
    )
    if severity == ConcernSeverity.HIGH:
        # A high-severity concern means the deployment or pupils are at risk (ConcernSeverity.HIGH):
        # the commissioner and the region's representatives cannot wait for the alliance to decide
        # to escalate it, so it is escalated as it is raised, in the same transaction.
        _escalate(
            actor=actor,
            concern=concern,
            reason="A high-severity concern is escalated as soon as it is raised",
        )
        concern.refresh_from_db()
    return concern


def _escalate(*, actor, concern: Concern, reason: str) -> Concern:
    locked = step(workflow=CONCERN, obj=concern, event="escalate", actor=actor, reason=reason)
    locked.escalated_at = timezone.now()
    locked.save(update_fields=["escalated_at"])
    deployment = locked.deployment
    representatives = people_in_role(
        Role.REGIONAL_REPRESENTATIVE, organisation__region_id=deployment.organisation.region_id
    )
    _tell(
        [*commissioners_of(deployment), *representatives],
        locked,
        title=f"Cause for concern escalated: {_where(deployment)}",
        body=f"{locked.summary}. Why it was escalated: {reason.strip()}",
        exclude=actor,
    )
    return locked


@transaction.atomic
def concern_escalate(*, actor, concern: Concern, reason: str) -> Concern:
    """The brokering alliance escalates a concern to the commissioner and the region's
    representatives, saying why. From then on the commissioner sees it."""
    concern = _lock(concern)
    if not can_manage_deployment(actor, concern.deployment):
        raise DeploymentRefused(
            "You cannot escalate this concern because only the brokering alliance escalates concerns"
        )
    if concern.status != ConcernStatus.OPEN:
        raise DeploymentRefused(
            f"You cannot escalate this concern because it is {concern.get_status_display().lower()}"
        )
    reason = _clean_text(
        reason,
        missing="Enter why you are escalating the concern",
        too_long=f"The reason must be {TEXT_LIMIT:,} characters or fewer",
        limit=TEXT_LIMIT,
    )
    return _escalate(actor=actor, concern=concern, reason=reason)


@transaction.atomic
def concern_resolve(*, actor, concern: Concern, resolution: str) -> Concern:
    """The brokering alliance resolves a concern, recording how; the resolution is kept. The person
    who raised it is told, and the commissioner if it had been escalated."""
    concern = _lock(concern)
    deployment = concern.deployment
    if not can_manage_deployment(actor, deployment):
        raise DeploymentRefused("You cannot resolve this concern because only the brokering alliance resolves concerns")
    if concern.status == ConcernStatus.RESOLVED:
        raise DeploymentRefused("You cannot resolve this concern because it is already resolved")
    resolution = _clean_text(
        resolution,
        missing="Enter how the concern was resolved",
        too_long=f"The resolution must be {TEXT_LIMIT:,} characters or fewer",
        limit=TEXT_LIMIT,
    )
    locked = step(workflow=CONCERN, obj=concern, event="resolve", actor=actor, reason=resolution)
    locked.resolution = resolution
    locked.resolved_by = actor
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    told = [locked.raised_by]
    if locked.escalated_at is not None:
        told += commissioners_of(deployment)
    _tell(
        told,
        locked,
        title=f"Cause for concern resolved: {_where(deployment)}",
        body=f"{locked.summary}. How it was resolved: {resolution}",
        exclude=actor,
    )
    return locked
