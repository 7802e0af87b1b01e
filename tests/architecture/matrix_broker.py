"""URL x role matrix rows for the brokering pages (merged into test_url_matrix.MATRIX).

Aire's coordinator and the regional representative (whose region holds Aire) broker Aire's
requests and run its panel; the panel member sits on Aire's panel: they see the queue, the
meetings and the demo meeting, but do not triage requests (404) nor change a meeting's agenda
(403). Everyone else is refused the lists (403). The demo's agenda item is already decided: its
decision page sends the panel back to the meeting (302). Taking an item off the agenda and ranking
it again are POST only (405 to a GET)."""

from domain.accounts.roles import Role

ANON = "signed out"
COORDINATOR, REPRESENTATIVE, PANEL = Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE, Role.PANEL_MEMBER


def _panel(status=200, *, coordinator=None, representative=None, panel=None) -> dict:
    """The brokering roles get `status` (or their own); everyone else 403; signed out 302."""
    return {
        **dict.fromkeys(Role.values, 403),
        COORDINATOR: coordinator if coordinator is not None else status,
        REPRESENTATIVE: representative if representative is not None else status,
        PANEL: panel if panel is not None else status,
        ANON: 302,
    }


ROWS: dict = {
    "broker:queue": _panel(),
    # The local authority's referral of Larchwood, waiting for Aire's triage.
    "broker:request": _panel(panel=404),
    "broker:meetings": _panel(),
    "broker:meeting-new": _panel(panel=403),
    "broker:meeting": _panel(),
    "broker:meeting-hold": _panel(panel=403),
    "broker:meeting-cancel": _panel(panel=403),
    "broker:minutes": _panel(),
    "broker:decide": _panel(),
    "broker:item-remove": _panel(405),
    "broker:item-rank": _panel(405),
    # Why few or no leaders are eligible: the panel reads it; only its managers widen the search.
    "broker:item-search": _panel(),
}


def kwargs(world) -> dict:
    meeting, undecided = world["meeting"].pk, world["undecided_item"].pk
    return {
        "broker:request": {"request_id": world["referred"].pk},
        "broker:meeting": {"meeting_id": meeting},
        "broker:meeting-hold": {"meeting_id": meeting},
        "broker:meeting-cancel": {"meeting_id": meeting},
        "broker:minutes": {"meeting_id": meeting, "fmt": "csv"},
        "broker:decide": {"meeting_id": meeting, "item_id": undecided},
        "broker:item-remove": {"meeting_id": meeting, "item_id": undecided},
        "broker:item-rank": {"meeting_id": meeting, "item_id": undecided},
        "broker:item-search": {"meeting_id": meeting, "item_id": undecided},
    }
