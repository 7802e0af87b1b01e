"""The demo deployment's feedback (demo.deployments builds the deployment first). Synthetic people only."""


def build(*, deployment, users) -> None:
    """Adds the demo's feedback to the deployment through the services."""
