"""URL x role matrix rows for the offers pages (merged into test_url_matrix.MATRIX).

world["offer"] is the demo's offer to the system leader (Alex), waiting for them (with_leader),
of a request the coordinator's alliance (Aire) brokers for the school contact's school. Alex's own
alliance is Aire, so no other alliance must agree.

- The list is for everyone signed in (each sees their own offers, or none).
- An offer answers 404 to whoever may not see it (selectors.offer_for): the commissioner. The
  leader, the brokering alliance's coordinator and panel member (consent covers "the alliance and
  its panel"), the region's representative and the client school's contact see it.
- Answering: a step on an offer the person may see but which is not theirs to take answers 403
  (the coordinator, representative and client cannot accept for the leader); an offer they may
  not see still answers 404."""

from domain.accounts.roles import Role

ANON = "signed out"

SEES_THE_OFFER = (
    Role.SYSTEM_LEADER,
    Role.TSA_COORDINATOR,
    Role.PANEL_MEMBER,
    Role.REGIONAL_REPRESENTATIVE,
    Role.SCHOOL_CONTACT,
)


def _row(default, **by_role) -> dict:
    return {**dict.fromkeys(Role.values, default), **by_role, ANON: 302}


ROWS: dict = {
    "offers:list": _row(200),
    "offers:detail": _row(404, **dict.fromkeys(SEES_THE_OFFER, 200)),
    "offers:answer": _row(
        404,
        **{
            Role.SYSTEM_LEADER: 200,
            Role.TSA_COORDINATOR: 403,
            Role.PANEL_MEMBER: 403,
            Role.REGIONAL_REPRESENTATIVE: 403,
            Role.SCHOOL_CONTACT: 403,
        },
    ),
}


def kwargs(world) -> dict:
    offer = world["offer"].pk
    return {
        "offers:detail": {"offer_id": offer},
        "offers:answer": {"offer_id": offer, "event": "accept"},
    }
