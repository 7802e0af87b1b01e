"""URL x role matrix rows for the Department for Education's pages (merged into
test_url_matrix.MATRIX; seed 004 §14, seed 003): its officials only, anyone else 404, as if the
pages did not exist. world["recommended_application"] (matrix_world_records) is an NLE application
its panel approved, waiting for the department."""

from domain.accounts.roles import Role

ANON = "signed out"


def _department_only() -> dict:
    return {**dict.fromkeys(Role.values, 404), Role.DEPARTMENT_OFFICIAL: 200, ANON: 302}


ROWS: dict = {
    "department:recommendations": _department_only(),
    "department:recommendation": _department_only(),
}


def kwargs(world) -> dict:
    return {"department:recommendation": {"application_id": world["recommended_application"].pk}}
