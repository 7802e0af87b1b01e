"""URL x role matrix rows for the pages a public body must publish (merged into
test_url_matrix.MATRIX): the privacy notice, the cookies page and the accessibility statement
answer everyone alike, signed in or not."""

from domain.accounts.roles import Role

ANON = "signed out"

ROWS: dict = {
    "public:privacy": dict.fromkeys([ANON, *Role.values], 200),
    "public:cookies": dict.fromkeys([ANON, *Role.values], 200),
    "public:accessibility": dict.fromkeys([ANON, *Role.values], 200),
    "public:help": dict.fromkeys([ANON, *Role.values], 200),
}


def kwargs(world) -> dict:
    return {}
