"""URL x role matrix rows for running the service (merged into test_url_matrix.MATRIX): the health
check answers everyone alike, signed in or not."""

from domain.accounts.roles import Role

ANON = "signed out"

ROWS: dict = {
    "public:health": dict.fromkeys([ANON, *Role.values], 200),
}


def kwargs(world) -> dict:
    return {}
