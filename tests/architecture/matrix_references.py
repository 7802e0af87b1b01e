"""URL x role matrix rows for the coordinator's check of referees' addresses (merged into
test_url_matrix.MATRIX; ADR 18): the list of addresses to check and the check of one, for the
rounds' managers only. The demo region has no request to check, so a request's page is 404 for
them."""

from domain.accounts.roles import Role

ANON = "signed out"
MANAGERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)


def _only(*roles, status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


ROWS: dict = {
    "rounds:references-to-confirm": _only(*MANAGERS),
    "rounds:reference-confirm": _only(*MANAGERS, status=404),
}


def kwargs(world) -> dict:
    return {"rounds:reference-confirm": {"request_id": 999999}}
