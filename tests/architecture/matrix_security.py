"""URL x role matrix rows for the security events page (merged into test_url_matrix.MATRIX):
regional representatives only (issue 13)."""

from domain.accounts.roles import Role

ANON = "signed out"

ROWS: dict = {
    "regional:security-events": {**dict.fromkeys(Role.values, 403), Role.REGIONAL_REPRESENTATIVE: 200, ANON: 302},
}


def kwargs(world) -> dict:
    return {}
