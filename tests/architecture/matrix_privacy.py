"""URL x role matrix rows for a person's rights under UK GDPR (merged into
test_url_matrix.MATRIX): a regional representative of the person's region downloads everything
held about them, and erases them (issue 13, 4b and 4c). The person is the demo's coordinator, a
person of the representative's region; the erasure page is the check page (a GET erases nothing)."""

from domain.accounts.roles import Role

ANON = "signed out"


def _only(*roles, status=200) -> dict:
    return {**dict.fromkeys(Role.values, 403), **dict.fromkeys(roles, status), ANON: 302}


ROWS: dict = {
    "regional:personal-data": _only(Role.REGIONAL_REPRESENTATIVE),
    "regional:erase": _only(Role.REGIONAL_REPRESENTATIVE),
}


def kwargs(world) -> dict:
    from domain.accounts.models import User

    coordinator = User.objects.get(email="coordinator@demo.test")
    return {
        "regional:personal-data": {"person_id": coordinator.pk},
        "regional:erase": {"person_id": coordinator.pk},
    }
