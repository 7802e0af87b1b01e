import pytest

from .. import builders
from .helpers import activate


@pytest.fixture
def active(db):
    """A commissioned deployment under way (contract agreed): 4 days, 1 December 2026 to 22 March 2027."""
    cast = builders.deployment()
    activate(cast)
    return cast
