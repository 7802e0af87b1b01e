"""Reading deployments, scoped to what the person may see (policies.py)."""

from django.db.models import Q, QuerySet

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of

from .models import Deployment
from .policies import client_school_ids_of

DEPLOYMENT_RELATED = ("leader", "organisation", "client_school", "commissioner", "request", "current_contract")


def deployments_for(user) -> QuerySet[Deployment]:
    """Every deployment the person is a party to or oversees, newest first."""
    qs = Deployment.objects.select_related(*DEPLOYMENT_RELATED)
    if user.is_superuser:
        return qs
    scope = (
        Q(leader=user)
        | Q(client_school_id__in=client_school_ids_of(user))
        | Q(organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
        | Q(organisation__region_id__in=timeline_regions_of(user))
        | Q(commissioner_id__in=organisation_ids_of(user, Role.COMMISSIONER))
    )
    return qs.filter(scope).order_by("-created_at", "-id")


def deployment_for(user, deployment_id) -> Deployment | None:
    """One deployment, or None when it does not exist or is not the person's to see (answer 404)."""
    return deployments_for(user).filter(pk=deployment_id).first()
