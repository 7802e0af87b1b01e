"""URL x role matrix rows for creating an account to apply (merged into test_url_matrix.MATRIX):
public pages. Someone already signed in who opens "Create an account" goes on to their home page
(302). A real confirmation link (matrix_world_records) asks the holder to confirm, whoever is signed
in (the button signs its holder in); a forged one is refused with a page that offers a new one (410:
tests/accounts)."""

from domain.accounts.roles import Role

ANON = "signed out"


def _everyone(status=200) -> dict:
    return dict.fromkeys([ANON, *Role.values], status)


ROWS: dict = {
    "accounts:register": {**_everyone(302), ANON: 200},
    "accounts:register-sent": _everyone(),
    "accounts:register-resend": _everyone(),
    "accounts:register-confirm": _everyone(),
}


def kwargs(world) -> dict:
    return {"accounts:register-confirm": world["registration_link"]}
