"""URL x role matrix rows for the support pages (merged into test_url_matrix.MATRIX): the public
question pages, open to everyone, signed in or not. The way in goes to the first question; check
your answers and the "sent" page, with nothing asked or sent from this browser, go back to it."""

from domain.accounts.roles import Role

ANON = "signed out"

ROWS: dict = {
    "support:ask": dict.fromkeys([ANON, *Role.values], 302),
    "support:ask-question": dict.fromkeys([ANON, *Role.values], 200),
    "support:ask-check": dict.fromkeys([ANON, *Role.values], 302),
    "support:sent": dict.fromkeys([ANON, *Role.values], 302),
}


def kwargs(world) -> dict:
    return {"support:ask-question": {"step": "school"}}
