import pytest

from tests.deployments import builders


@pytest.fixture
def cast(db):
    """A commissioned deployment agreeing its contract, with its people (builders.Cast)."""
    return builders.deployment()
