"""Who may see and do what with a deployment. A deployment is private to its parties (the client
school's contacts, the leader, the brokering alliance and the commissioner, if any) and to the
representatives of the brokering alliance's region. Everyone else gets 404 from its pages.

A cause for concern is narrower still (DESIGN.md invariants: nobody sees another organisation's
concerns): the person who raised it, the brokering alliance (its coordinators, its quality lead
and its region's representatives) and, once escalated, the commissioner. The other party is told
what it needs by the alliance, not shown the record.

Who may see a deployment is ONE rule, `deployment_visibility(user)`, a filter on deployments: the
policy `can_see_deployment` asks it of one deployment, and the selectors (selectors.deployments_for
and selectors.deployment_for, through which every page fetches a deployment) filter with it.
tests/deployments/test_one_visibility_rule.py checks the two agree, and
tests/architecture/test_visibility_rule.py that no page decides another way."""

from django.db.models import Q

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of, roles_of
from domain.audit.policies import present_ids, register_timeline_subject, timeline_regions_of
from domain.commissioning.policies import can_broker

from .models import Deployment, Party
from .workflows import ConcernStatus, DeploymentStatus


def client_school_ids_of(user) -> set[int]:
    return {m.organisation.school_id for m in active_memberships_for(user) if m.role == Role.SCHOOL_CONTACT} - {None}


def is_leader_of(user, deployment) -> bool:
    return deployment is not None and is_signed_in(user) and user.pk == deployment.leader_id


def is_client_of(user, deployment) -> bool:
    """The client school's active contacts: a person speaks for a school only while an active
    contact of it (issue 12). Whoever asked for the school when it asked itself was its contact
    then, and is its client only while they still are; a referrer is the commissioner, not the
    client."""
    if deployment is None or not is_signed_in(user):
        return False
    return deployment.client_school_id in client_school_ids_of(user)


def is_quality_lead_of(user, deployment) -> bool:
    """The alliance's quality lead for the deployment, while active in the brokering alliance."""
    return (
        deployment is not None
        and is_signed_in(user)
        and deployment.quality_lead_id == user.pk
        and deployment.organisation_id in organisation_ids_of(user)
    )


def is_commissioner_of(user, deployment) -> bool:
    return (
        deployment is not None
        and deployment.commissioner_id is not None
        and is_signed_in(user)
        and deployment.commissioner_id in organisation_ids_of(user, Role.COMMISSIONER)
    )


def can_manage_deployment(user, deployment) -> bool:
    """The brokering alliance: its coordinators and the representatives of its region."""
    return deployment is not None and can_broker(user, deployment.organisation_id)


def parties_of(user, deployment) -> set[str]:
    """The sides the person speaks for on this deployment (Party values)."""
    parties = set()
    if is_leader_of(user, deployment):
        parties.add(Party.LEADER)
    if is_client_of(user, deployment):
        parties.add(Party.CLIENT)
    if can_manage_deployment(user, deployment):
        parties.add(Party.ALLIANCE)
    if is_commissioner_of(user, deployment):
        parties.add(Party.COMMISSIONER)
    return parties


def speaks_for(user, deployment, party: str) -> bool:
    """Whether the person may agree the contract for `party`. The alliance agrees through one of
    its coordinators (not a representative of the region, who oversees but is not a party)."""
    if deployment is None or not is_signed_in(user):
        return False
    if party == Party.LEADER:
        return is_leader_of(user, deployment)
    if party == Party.CLIENT:
        return is_client_of(user, deployment)
    if party == Party.COMMISSIONER:
        return is_commissioner_of(user, deployment)
    if party == Party.ALLIANCE:
        return user.is_superuser or deployment.organisation_id in organisation_ids_of(user, Role.TSA_COORDINATOR)
    return False


def deployment_visibility(user) -> Q:
    """THE rule of who sees a deployment, as a filter on deployments: its parties (the leader, the
    client school's active contacts, the brokering alliance's coordinators and the commissioner's
    active commissioners), the representatives of the brokering alliance's region, and the
    service's technical admin. Nobody signed out."""
    if not is_signed_in(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return (
        Q(leader_id=user.pk)
        | Q(client_school_id__in=client_school_ids_of(user))
        | Q(organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
        | Q(organisation__region_id__in=timeline_regions_of(user))
        | Q(commissioner_id__in=organisation_ids_of(user, Role.COMMISSIONER))
    )


def can_see_deployment(user, deployment) -> bool:
    """Whether the person may see this deployment: the one rule (deployment_visibility), asked of it."""
    if deployment is None or deployment.pk is None:
        return False
    return Deployment.objects.filter(deployment_visibility(user), pk=deployment.pk).exists()


def can_use_deployments(user) -> bool:
    """The deployments list: anyone signed in (it lists only their own deployments)."""
    return is_signed_in(user)


def is_open(deployment) -> bool:
    return deployment is not None and deployment.status in (DeploymentStatus.CONTRACTING, DeploymentStatus.ACTIVE)


def can_see_concern(user, concern) -> bool:
    if concern is None or not is_signed_in(user):
        return False
    deployment = concern.deployment
    if can_manage_deployment(user, deployment):
        return True
    # Who raised it sees it while they still speak for a side of the deployment; the quality lead
    # while still active in the brokering alliance (issue 12: a stored person is not a membership).
    if user.pk == concern.raised_by_id and parties_of(user, deployment):
        return True
    if user.pk == deployment.quality_lead_id and is_quality_lead_of(user, deployment):
        return True
    return (
        concern.status != ConcernStatus.OPEN
        and concern.escalated_at is not None
        and is_commissioner_of(user, deployment)
    )


def can_raise_concern(user, deployment) -> bool:
    """The leader, the client or the alliance, while the deployment is open."""
    return is_open(deployment) and bool(parties_of(user, deployment) & {Party.LEADER, Party.CLIENT, Party.ALLIANCE})


def can_run_quality_assurance(user) -> bool:
    """Alliance pages of quality assurance and finance: coordinators and representatives."""
    return is_signed_in(user) and (
        user.is_superuser or bool(roles_of(user) & {Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE})
    )


def register() -> None:
    register_timeline_subject(
        "deployments.deployment",
        region_ids=lambda deployment: present_ids(deployment.organisation.region_id),
        organisation_ids=lambda deployment: present_ids(deployment.organisation_id),
        select_related=("organisation",),
    )
