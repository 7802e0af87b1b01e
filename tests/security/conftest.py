"""The security tests walk the URL x role matrix over the demo region (tests/architecture)."""

from tests.architecture.test_url_matrix import world  # noqa: F401 (the demo region fixture)
