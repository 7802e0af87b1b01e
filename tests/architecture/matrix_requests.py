"""URL x role matrix rows for the requests pages (merged into test_url_matrix.MATRIX).

The world's `request` was made by the school contact for their school, is brokered by the
coordinator's alliance (in the representative's region) and was offered to the system leader;
`public_request` came through the public form for another school, waiting for confirmation.
Anyone signed in may ask for support; another person's request answers 404, and so does an action
the person may not take on a request they can see."""

from domain.accounts.roles import Role

ANON = "signed out"


def signed_in(status=200) -> dict:
    return {**dict.fromkeys(Role.values, status), ANON: 302}


ROWS: dict = {
    "requests:list": signed_in(),
    "requests:new": signed_in(302),  # the way in: to the first question not answered
    "requests:question": signed_in(),
    "requests:check": signed_in(302),  # nothing to check yet: back to the first question
    "requests:detail": {
        **signed_in(404),
        Role.SCHOOL_CONTACT: 200,
        Role.TSA_COORDINATOR: 200,
        Role.PANEL_MEMBER: 200,  # the brokering alliance's panel (the school consented to share with it)
        Role.REGIONAL_REPRESENTATIVE: 200,
        Role.SYSTEM_LEADER: 200,
    },
    "requests:submitted": {**signed_in(404), Role.SCHOOL_CONTACT: 200},  # the person who sent it
    "requests:withdraw": {**signed_in(404), Role.SCHOOL_CONTACT: 200},  # the client or referrer
    # Confirmed by a contact at the school (none among the roles) or the brokering alliance.
    "requests:confirm": {**signed_in(404), Role.TSA_COORDINATOR: 200, Role.REGIONAL_REPRESENTATIVE: 200},
    # The school answers the offer, or its brokering alliance records the school's answer for it.
    "requests:offer-answer": {
        **signed_in(404),
        Role.SCHOOL_CONTACT: 200,
        Role.TSA_COORDINATOR: 200,
        Role.REGIONAL_REPRESENTATIVE: 200,
    },
}


def kwargs(world) -> dict:
    request_id = {"request_id": world["request"].pk}
    return {
        "requests:question": {"step": "school"},
        "requests:detail": request_id,
        "requests:submitted": request_id,
        "requests:withdraw": request_id,
        "requests:confirm": {"request_id": world["public_request"].pk},
        # matrix_world_records: an offer the leader accepted, waiting for the school's answer.
        "requests:offer-answer": {"request_id": world["waiting_offer"].request_id},
    }
