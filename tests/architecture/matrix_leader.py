"""URL x role matrix rows for the leader pages (merged into test_url_matrix.MATRIX).

Every page is the designated leader's own (policies.is_designated_leader): in the demo only the
system leader (Alex) holds a designation, so every other role gets 403, and signed out people are
sent to sign in. Alex is associated with Aire (world["association"]), has a published pen portrait
and one unavailable period (matrix_world): removing it is POST only (405 to a GET)."""

from domain.accounts.roles import Role

ANON = "signed out"


def leader_only(status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), Role.SYSTEM_LEADER: status, ANON: 302}


ROWS: dict = {
    "leader:association": leader_only(),
    "leader:association-request": leader_only(),
    "leader:association-respond": leader_only(),
    "leader:memorandum": leader_only(),
    "leader:pen-portrait": leader_only(),
    "leader:pen-portrait-change": leader_only(),
    "leader:pen-portrait-withdraw": leader_only(),
    "leader:availability": leader_only(),
    "leader:availability-term": leader_only(),
    "leader:unavailable-add": leader_only(),
    "leader:unavailable-remove": leader_only(405),
}


def kwargs(world) -> dict:
    return {
        "leader:association-respond": {"association_id": world["association"].pk, "event": "end"},
        "leader:availability-term": {"term_key": "2026-autumn"},
        "leader:unavailable-remove": {"period_id": world["unavailable_period"].pk},
    }
