"""The URL x role matrix's world, built once per test module (matrix_world.shared_world)."""

from tests.architecture.matrix_world import shared_world  # noqa: F401
