"""URL x role matrix rows for organisations made and changed by hand in the regional admin
(merged into test_url_matrix.MATRIX): the region's representative adds organisations and changes
their details and lead schools; moving an alliance to a hub is for the representative or a
coordinator of both (the demo's coordinator coordinates the alliance only: 404)."""

from domain.accounts.roles import Role

ANON = "signed out"


def _representatives_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), Role.REGIONAL_REPRESENTATIVE: status, ANON: 302}


ROWS: dict = {
    "regional:organisation-add": _representatives_only(),
    # Without a kind chosen first, the next pages go back to the start.
    "regional:organisation-add-details": _representatives_only(302),
    "regional:organisation-add-check": _representatives_only(302),
    "regional:organisation-change": _representatives_only(),
    "regional:organisation-lead-school": _representatives_only(),
    "regional:organisation-move-to-hub": {**_representatives_only(), Role.TSA_COORDINATOR: 404},
    "regional:organisation-move-to-hub-check": {**_representatives_only(), Role.TSA_COORDINATOR: 404},
}


def kwargs(world) -> dict:
    alliance, hub = world["alliance"], world["hub"]  # DEMO-TSA1 and DEMO-HUB1, Yorkshire and the Humber
    return {
        "regional:organisation-change": {"organisation_id": alliance.pk},
        "regional:organisation-lead-school": {"organisation_id": hub.pk},
        "regional:organisation-move-to-hub": {"organisation_id": alliance.pk},
        "regional:organisation-move-to-hub-check": {"organisation_id": alliance.pk, "hub_id": hub.pk},
    }
