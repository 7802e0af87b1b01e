"""URL x role matrix rows for the register pages (merged into test_url_matrix.MATRIX): the
regional register of system leaders and the region's memorandum of understanding are for
regional representatives only."""

from domain.accounts.roles import Role

ANON = "signed out"


def _representatives_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), Role.REGIONAL_REPRESENTATIVE: status, ANON: 302}


ROWS: dict = {
    "register:leaders": _representatives_only(),
    "register:export": _representatives_only(),
    "register:memorandum": _representatives_only(),
    "register:memorandum-publish": _representatives_only(),
}


def kwargs(world) -> dict:
    return {"register:export": {"fmt": "csv"}}
