"""Reading deployments, scoped to what the person may see: the one rule of who sees a deployment,
policies.deployment_visibility, which the policy can_see_deployment asks too. Every page fetches a
deployment through deployment_for (web/deployments/views.deployment_or_404)."""

from django.db.models import QuerySet

from .models import Deployment
from .policies import deployment_visibility

DEPLOYMENT_RELATED = ("leader", "organisation", "client_school", "commissioner", "request", "current_contract")


def deployments_for(user) -> QuerySet[Deployment]:
    """Every deployment the person is a party to or oversees, newest first."""
    return (
        Deployment.objects.select_related(*DEPLOYMENT_RELATED)
        .filter(deployment_visibility(user))
        .order_by("-created_at", "-id")
    )


def deployment_for(user, deployment_id) -> Deployment | None:
    """One deployment, or None when it does not exist or is not the person's to see (answer 404)."""
    return deployments_for(user).filter(pk=deployment_id).first()


def deployment_of_request(user, support_request) -> Deployment | None:
    """The deployment an agreed request became, if the person may see it (one query)."""
    return deployments_for(user).filter(request=support_request).first()
