"""The demo deployment's contract (demo.deployments builds the deployment first). Synthetic people only."""


def build(*, deployment, users) -> None:
    """Adds the demo's contract to the deployment through the services."""
