"""Reading a deployment's reviews and the impact measures they report on."""

from .models import Deployment, ImpactMeasure, Review


def reviews_of(deployment: Deployment):
    """The deployment's reviews, by the day they were held."""
    return Review.objects.filter(deployment=deployment).select_related("recorded_by")


def measures_in_force(deployment: Deployment) -> list[ImpactMeasure]:
    """The impact measures of the contract in force (none before one is agreed)."""
    if not deployment.current_contract_id:
        return []
    return list(ImpactMeasure.objects.filter(contract_id=deployment.current_contract_id))
