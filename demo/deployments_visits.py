"""The demo deployment's visits (demo.deployments builds the deployment first). Synthetic people only."""


def build(*, deployment, users) -> None:
    """Adds the demo's visits to the deployment through the services."""
