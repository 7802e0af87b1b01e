"""URL x role matrix rows for the support pages (merged into test_url_matrix.MATRIX): the public
form, open to everyone, signed in or not. The "sent" page without a request sent from this
browser goes back to the form."""

from domain.accounts.roles import Role

ANON = "signed out"

ROWS: dict = {
    "support:ask": dict.fromkeys([ANON, *Role.values], 200),
    "support:sent": dict.fromkeys([ANON, *Role.values], 302),
}


def kwargs(world) -> dict:
    return {}
