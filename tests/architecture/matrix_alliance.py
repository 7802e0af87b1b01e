"""URL x role matrix rows for the alliance pages (merged into test_url_matrix.MATRIX).

The coordinator is Aire Valley's; the representative's region holds every demo alliance and hub.
The hub's invitation to the existing LLE and Riley's pen portrait (waiting for the hub) are not
Aire's: its coordinator gets 404 there, the representative 200."""

from domain.accounts.roles import Role

ANON = "signed out"
COORDINATOR, REPRESENTATIVE = Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE


def _managers(coordinator=200, representative=200) -> dict:
    """Coordinators and representatives run these pages; everyone else is refused."""
    return {**dict.fromkeys(Role.values, 403), COORDINATOR: coordinator, REPRESENTATIVE: representative, ANON: 302}


ROWS: dict = {
    "alliance:leaders": _managers(),
    "alliance:regional-list": _managers(),
    # Aire's contact details, shown in the directory.
    "alliance:contact-details": _managers(),
    "alliance:portraits": _managers(),
    # The hub's invitation: not Aire's.
    "alliance:association": _managers(coordinator=404),
    "alliance:association-change": _managers(coordinator=404),
    # Alex's association with Aire (both sides have accepted: the page says so).
    "alliance:memorandum-accept": _managers(),
    # Riley's pen portrait waits for the hub.
    "alliance:portrait": _managers(coordinator=404),
}


def kwargs(world) -> dict:
    return {
        "alliance:association": {"association_id": world["invitation"].pk},
        "alliance:association-change": {"association_id": world["invitation"].pk, "event": "withdraw"},
        "alliance:memorandum-accept": {"association_id": world["association"].pk},
        "alliance:contact-details": {"organisation_id": world["alliance"].pk},
        "alliance:portrait": {"portrait_id": world["awaiting_portrait"].pk},
    }
