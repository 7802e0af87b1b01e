"""URL x role matrix rows for creating an account to apply (merged into test_url_matrix.MATRIX):
public pages. Someone already signed in who opens "Create an account" goes on to their home page
(302); a forged confirmation link is refused with a page that offers a new one (410)."""

from domain.accounts.roles import Role

ANON = "signed out"


def _everyone(status=200) -> dict:
    return dict.fromkeys([ANON, *Role.values], status)


ROWS: dict = {
    "accounts:register": {**_everyone(302), ANON: 200},
    "accounts:register-sent": _everyone(),
    "accounts:register-resend": _everyone(),
    "accounts:register-confirm": _everyone(410),
}


def kwargs(world) -> dict:
    return {"accounts:register-confirm": {"uidb64": "Zm9yZ2Vk", "token": "forged-token"}}
