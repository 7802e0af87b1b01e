import pytest

from tests.deployments import builders
from tests.deployments.concerns import helpers


@pytest.fixture
def cast(db):
    """A commissioned deployment agreeing its contract, with its people (builders.Cast)."""
    return builders.deployment()


@pytest.fixture
def started(db):
    """A commissioned deployment that started on 1 October 2026, still agreeing its contract."""
    return helpers.started()


@pytest.fixture
def active(started):
    """The same deployment under way on an agreed contract with two impact measures."""
    helpers.activate(started)
    return started
