"""URL x role matrix rows for the criteria sets and assessment grids (issue 14; merged into
test_url_matrix.MATRIX): the region's representative only. Another region's representative does
not find this region's versions (404, the rule for a record). The records: a draft of the
Yorkshire LLE set and an agreed version of the region's assessment grid, which the demo region
holds (demo.national_selection; criteria_records, called by matrix_world.build_world)."""

from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion

ANON = "signed out"


def _representatives_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), Role.REGIONAL_REPRESENTATIVE: status, ANON: 302}


ROWS: dict = {
    "regional:criteria": _representatives_only(),
    "regional:criteria-version": _representatives_only(),
    "regional:criteria-draft": _representatives_only(),
    "regional:criteria-edit": _representatives_only(),
    "regional:criteria-document": _representatives_only(),
    "regional:criteria-agree": _representatives_only(),
    "regional:criteria-in-force": _representatives_only(),
}


def criteria_records(people) -> dict:
    """The demo's versions (demo.national_selection): the local leaders' criteria in force and a
    draft of them, and a new version of the grid the board has agreed."""
    versions = CriteriaVersion.objects.filter(region="YH")
    return {
        "criteria_in_force": versions.get(set_id="yh-lle", status=CriteriaStatus.IN_FORCE),
        "criteria_draft": versions.get(set_id="yh-lle", status=CriteriaStatus.DRAFT),
        "criteria_agreed": versions.get(set_id="regional-grid", status=CriteriaStatus.AGREED),
    }


def kwargs(world) -> dict:
    # The agreed grid's version in force is the one a new draft starts from (no draft of it yet).
    grid_in_force = CriteriaVersion.objects.get(set_id=world["criteria_agreed"].set_id, status=CriteriaStatus.IN_FORCE)
    return {
        "regional:criteria-version": {"version_id": world["criteria_in_force"].pk},
        "regional:criteria-draft": {"version_id": grid_in_force.pk},
        "regional:criteria-edit": {"version_id": world["criteria_draft"].pk},
        "regional:criteria-document": {"version_id": world["criteria_draft"].pk},
        "regional:criteria-agree": {"version_id": world["criteria_draft"].pk},
        "regional:criteria-in-force": {"version_id": world["criteria_agreed"].pk},
    }
