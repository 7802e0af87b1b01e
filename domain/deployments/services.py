"""Starting and ending a deployment, and the one way every deployment record changes status."""

from django.db import transaction

from domain.audit.services import audit_record
from domain.commissioning.models import Funding, ReferrerKind
from domain.notifications.services import notify
from domain.workflows.table import transition

from .contract_commitments import commitments_settle
from .errors import DeploymentRefused
from .models import ContractVersion, Deployment, Payer
from .people import people_of
from .policies import is_open
from .workflows import DEPLOYMENT

LINK_TO_DEPLOYMENT = "/home/deployments/{pk}/"

# Referrers who commission (and may fund) support, rather than asking for it as the school.
COMMISSIONING_REFERRERS = frozenset(
    {
        ReferrerKind.LOCAL_AUTHORITY,
        ReferrerKind.DIOCESE,
        ReferrerKind.REGIONAL_DIRECTOR,
        ReferrerKind.TRUST,
        ReferrerKind.OFSTED,
        ReferrerKind.DFE,
    }
)


def step(*, workflow, obj, event: str, actor, reason: str = "", data=None):
    """Applies one step of `workflow` to a deployment record (the deployment, or anything with a
    `deployment`), with its audit event under the brokering alliance. Refusals become
    DeploymentRefused, so that callers catch one kind of refusal."""
    deployment = obj if isinstance(obj, Deployment) else obj.deployment
    return transition(
        workflow=workflow,
        obj=obj,
        event=event,
        actor=actor,
        reason=(reason or "").strip(),
        organisation=deployment.organisation,
        data=data,
        refused_as=DeploymentRefused,
    )


def require_open(deployment: Deployment) -> None:
    if not is_open(deployment):
        raise DeploymentRefused(f"This deployment is {deployment.get_status_display().lower()}: it cannot change")


def tell(deployment: Deployment, *parties: str, title: str, body: str, exclude=None) -> int:
    """Notifies the people behind `parties` about the deployment (not `exclude`, who acted)."""
    told = 0
    for person in people_of(deployment, *parties):
        if exclude is not None and person.pk == exclude.pk:
            continue
        notify(user=person, title=title, body=body, link=LINK_TO_DEPLOYMENT.format(pk=deployment.pk))
        told += 1
    return told


def _payer_of(request) -> tuple[str, str]:
    if request.funding == Funding.FREE:
        return Payer.NOBODY, ""
    if request.funding == Funding.DFE_OFFER:
        return Payer.DFE, "Department for Education"
    return Payer.CLIENT, (request.client_trust.name if request.client_trust_id else request.client_school.display_name)


@transaction.atomic
def deployment_start(*, actor, request, leader, offer_id=None) -> Deployment:
    """Creates the deployment of an agreed request (called by commissioning when the client accepts
    the offer) with the first draft of its contract, filled in from the request for the alliance
    to complete (seed 002: "An LLE contract will be drawn up by the teaching school")."""
    commissioner = request.referrer_organisation if request.referrer_kind in COMMISSIONING_REFERRERS else None
    deployment = Deployment.objects.create(
        request=request,
        leader=leader,
        organisation=request.brokering_organisation,
        client_school=request.client_school,
        commissioner=commissioner,
        days=request.days,
        starts_on=request.window_starts,
        ends_on=request.window_ends,
    )
    payer, payer_name = _payer_of(request)
    # The alliance's day rate, which the school saw with the offer (commissioning.offer_cost).
    day_rate = request.brokering_organisation.day_rate if payer != Payer.NOBODY else None
    ContractVersion.objects.create(
        deployment=deployment,
        number=1,
        days=request.days,
        starts_on=request.window_starts,
        ends_on=request.window_ends,
        payer=payer,
        payer_name=payer_name,
        **({"day_rate": day_rate} if day_rate else {}),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="deployments.deployment.created",
        subject=deployment,
        to_state=deployment.status,
        organisation=deployment.organisation,
        data={
            "request_id": request.pk,
            "offer_id": offer_id,
            "commissioner_id": commissioner.pk if commissioner else None,
        },
    )
    return deployment


@transaction.atomic
def deployment_end_early(*, actor, deployment: Deployment, reason: str) -> Deployment:
    """The brokering alliance ends a deployment before its final review, saying why. Every party is
    told; the leader's days not logged in shared notes of visit are released."""
    locked = step(workflow=DEPLOYMENT, obj=deployment, event="end_early", actor=actor, reason=reason)
    commitments_settle(actor=actor, deployment=deployment, why=f"The deployment ended early: {reason.strip()}")
    tell(
        deployment,
        "leader",
        "client",
        "commissioner",
        title=f"Deployment ended: {deployment.leader.full_name} at {deployment.client_school.display_name}",
        body=f"{deployment.organisation.name} ended the deployment early: {reason.strip()}",
        exclude=actor,
    )
    return locked


@transaction.atomic
def deployment_set_quality_lead(*, actor, deployment: Deployment, person) -> Deployment:
    """Names the alliance's quality lead for the deployment (one of its coordinators), or none."""
    from domain.accounts.selectors import coordinators_of

    if person is not None and person.pk not in {c.pk for c in coordinators_of(deployment.organisation)}:
        raise DeploymentRefused(f"Choose a coordinator of {deployment.organisation.name} as the quality lead")
    before = deployment.quality_lead_id
    deployment.quality_lead = person
    deployment.save(update_fields=["quality_lead"])
    audit_record(
        actor=actor,
        action="deployments.deployment.quality_lead_set",
        subject=deployment,
        organisation=deployment.organisation,
        data={"from": before, "to": person.pk if person else None},
    )
    return deployment
