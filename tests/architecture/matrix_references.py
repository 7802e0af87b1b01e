"""URL x role matrix rows for the coordinator's check of referees' addresses (merged into
test_url_matrix.MATRIX; ADR 18): the list of addresses to check and the check of one, for the
rounds' managers only. world["to_confirm_reference"] (matrix_world) is a request of the demo
alliance's round still waiting for the check."""

from domain.accounts.roles import Role

ANON = "signed out"
MANAGERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)


def _only(*roles, status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


ROWS: dict = {
    "rounds:references-to-confirm": _only(*MANAGERS),
    "rounds:reference-confirm": _only(*MANAGERS),
}


def kwargs(world) -> dict:
    return {"rounds:reference-confirm": {"request_id": world["to_confirm_reference"].pk}}
