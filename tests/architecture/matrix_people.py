"""URL x role matrix rows for people (merged into test_url_matrix.MATRIX): invitations, accepting
them through the single-use link, and a regional representative's person page and second-factor
reset (issue 12, part 3)."""

from domain.accounts.roles import Role

ANON = "signed out"


def _only(*roles, status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


INVITERS = (Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE)

ROWS: dict = {
    # The coordinator invites into their alliance (the demo's alliance, in the representative's region).
    "people:invite": _only(*INVITERS),
    "people:invite-to": _only(*INVITERS),
    "people:invite-school": _only(*INVITERS),
    "people:invitations": _only(*INVITERS),
    "people:invitation-send": _only(*INVITERS, status=405),  # POST only
    # The coordinator's real invitation (matrix_world): its link opens for whoever holds it (a
    # forged one is not found, an expired or used one answers 410: tests/accounts).
    "accounts:invitation-accept": dict.fromkeys([ANON, *Role.values], 200),
    # The coordinator is a person of the representative's region.
    "regional:person": _only(Role.REGIONAL_REPRESENTATIVE),
    "regional:two-factor-reset": _only(Role.REGIONAL_REPRESENTATIVE),
}


def kwargs(world) -> dict:
    from domain.accounts.models import User

    coordinator = User.objects.get(email="coordinator@demo.test")
    return {
        "people:invite-to": {"kind": "organisation", "pk": world["alliance"].pk},
        "people:invitation-send": {"invitation_id": world["people_invitation"].pk},
        "accounts:invitation-accept": {"token": world["invitation_token"]},
        "regional:person": {"person_id": coordinator.pk},
        "regional:two-factor-reset": {"person_id": coordinator.pk},
    }
