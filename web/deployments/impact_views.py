"""Deployment pages: impact (issue 6, "Impact"): the supported school's inspections before and
since the support started, with seed 004 §24's caution on attribution, and the leader's reach."""

from domain.deployments.impact import ATTRIBUTION_CAUTION, impact_of
from domain.leaders.models.availability import days_text


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html."""
    return {"impact": impact_of(deployment), "caution": ATTRIBUTION_CAUTION, "days_text": days_text}
