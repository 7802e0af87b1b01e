"""URL x role matrix rows for the public directory (merged into test_url_matrix.MATRIX): no sign-in,
every role sees the same pages."""

from domain.accounts.roles import Role

ANON = "signed out"


def _everyone(status=200):
    return dict.fromkeys([ANON, *Role.values], status)


ROWS: dict = {
    "directory:search": _everyone(),
    "directory:leader": _everyone(),  # the demo leader's published listing
    "directory:organisation": _everyone(),
    "directory:organisation-embed": _everyone(),
    "directory:download": _everyone(),
}


def kwargs(world) -> dict:
    return {
        "directory:leader": {"leader_id": world["portrait"].leader_id},
        "directory:organisation": {"organisation_id": world["alliance"].pk},
        "directory:organisation-embed": {"organisation_id": world["alliance"].pk},
        "directory:download": {"fmt": "csv"},
    }
