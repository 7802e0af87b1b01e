"""The demo deployment's invoices (demo.deployments builds the deployment first). Synthetic people only."""


def build(*, deployment, users) -> None:
    """Adds the demo's invoices to the deployment through the services."""
