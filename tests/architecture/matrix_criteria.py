"""URL x role matrix rows for the criteria sets and assessment grids (issue 14; merged into
test_url_matrix.MATRIX): the region's representative only. Another region's representative does
not find this region's versions (404, the rule for a record). The records: a draft of the
Yorkshire LLE set and an agreed version of the region's assessment grid, made by the demo's
representative (criteria_records, called by matrix_world.build_world)."""

from django.utils import timezone

from domain.accounts.roles import Role
from domain.designation.criteria_models import CriteriaStatus, CriteriaVersion
from domain.designation.criteria_services import criteria_agree, criteria_draft_start

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
    representative = people[Role.REGIONAL_REPRESENTATIVE]
    in_force = {v.set_id: v for v in CriteriaVersion.objects.filter(status=CriteriaStatus.IN_FORCE, region="YH")}
    draft = criteria_draft_start(actor=representative, source=in_force["yh-lle"])
    agreed = criteria_draft_start(actor=representative, source=in_force["regional-grid"])
    criteria_agree(actor=representative, version=agreed, agreed_by="Regional board", agreed_on=timezone.localdate())
    return {"criteria_in_force": in_force["yh-lle"], "criteria_draft": draft, "criteria_agreed": agreed}


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
