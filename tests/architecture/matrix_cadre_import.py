"""URL x role matrix rows for importing existing leaders (issue 12, part 4; merged into
test_url_matrix.MATRIX): from the regional register, for regional representatives; from the
coordinator's leaders pages, for coordinators and representatives. An upload is its uploader's
alone (matrix_world_records): the coordinator's is not found by the representative, nor by anyone
of another organisation."""

from domain.accounts.roles import Role

ANON = "signed out"


def _only(*roles, status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


MANAGERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)

ROWS: dict = {
    "register:import": _only(Role.REGIONAL_REPRESENTATIVE),
    "register:import-template": _only(Role.REGIONAL_REPRESENTATIVE),
    "register:import-check": _only(Role.REGIONAL_REPRESENTATIVE),
    "alliance:import": _only(*MANAGERS),
    "alliance:import-template": _only(*MANAGERS),
    "alliance:import-check": {**_only(*MANAGERS, status=404), Role.TSA_COORDINATOR: 200},
}


def kwargs(world) -> dict:
    return {
        "register:import-template": {"fmt": "xlsx"},
        "register:import-check": {"upload_id": world["register_upload"].pk},
        "alliance:import-template": {"fmt": "csv"},
        "alliance:import-check": {"upload_id": world["alliance_upload"].pk},
    }
