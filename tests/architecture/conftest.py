"""The URL x role matrix's world, built once per test module (matrix_world.shared_world)."""

from tests.architecture.matrix_world import shared_world  # noqa: F401


def pytest_configure(config):
    # The matrix's modules each name their xdist group; with xdist off (-p no:xdist) the marker
    # must still be known, or --strict-markers refuses to collect them.
    config.addinivalue_line("markers", "xdist_group(name): run the module's tests on one xdist worker")
