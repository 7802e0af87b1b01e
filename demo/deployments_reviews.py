"""The demo deployment's reviews (demo.deployments builds the deployment first). Synthetic people only."""


def build(*, deployment, users) -> None:
    """Adds the demo's reviews to the deployment through the services."""
