"""Reading causes for concern, scoped to the person (policies.can_see_concern) as one query: the
person who raised it, the deployment's quality lead, the brokering alliance's coordinators and its
region's representatives, and the commissioner once the concern has been escalated. Everyone else
reads nothing, so no page, count or list tells them that a concern exists."""

from django.db.models import Q, QuerySet

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of

from .models import Concern
from .policies import client_school_ids_of
from .workflows import ConcernStatus

CONCERN_RELATED = (
    "deployment",
    "deployment__leader",
    "deployment__client_school",
    "deployment__organisation",
    "raised_by",
    "resolved_by",
)


def visible_concerns_q(user) -> Q:
    """The filter of the concerns the person may see (the same rule as policies.can_see_concern)."""
    if user.is_superuser:
        return Q()
    # Who raised it, while they still speak for a side (policies.can_see_concern); the quality lead
    # while active in the brokering alliance (issue 12).
    speaks_for_a_side = (
        Q(deployment__leader=user)
        | Q(deployment__client_school_id__in=client_school_ids_of(user))
        | Q(deployment__commissioner_id__in=organisation_ids_of(user, Role.COMMISSIONER))
    )
    return (
        (Q(raised_by=user) & speaks_for_a_side)
        | Q(deployment__quality_lead=user, deployment__organisation_id__in=organisation_ids_of(user))
        | Q(deployment__organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
        | Q(deployment__organisation__region_id__in=timeline_regions_of(user))
        | (
            Q(deployment__commissioner_id__in=organisation_ids_of(user, Role.COMMISSIONER))
            & Q(escalated_at__isnull=False)
            & ~Q(status=ConcernStatus.OPEN)
        )
    )


def concerns_visible_to(user) -> QuerySet[Concern]:
    if not getattr(user, "is_authenticated", False):
        return Concern.objects.none()
    return Concern.objects.select_related(*CONCERN_RELATED).filter(visible_concerns_q(user))


def concerns_for(user, deployment) -> QuerySet[Concern]:
    """The deployment's concerns the person may see, newest first."""
    return concerns_visible_to(user).filter(deployment=deployment).order_by("-raised_at", "-id")


def concern_for(user, deployment_id, concern_id) -> Concern | None:
    """One concern of the deployment, or None when it does not exist or is not the person's to see
    (answer 404)."""
    return concerns_visible_to(user).filter(deployment_id=deployment_id, pk=concern_id).first()
