"""Deployment pages: impact (to be written)."""


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html."""
    return {}
