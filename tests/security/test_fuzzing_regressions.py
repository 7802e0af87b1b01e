"""Crafted input that once answered 500 (issue 13, "Security and privacy"): each case must now get
a page, a form error or a 404, never a server error, on SQLite and on PostgreSQL."""

import pytest
from django.test import Client

from domain.accounts.roles import Role
from tests.architecture.test_url_matrix import ANON, client_for, world  # noqa: F401 (the fixture)

SUPERSCRIPT_TWO = "²"  # str.isdigit() says yes, int() says no
ARABIC_THREE = "٣"  # int() reads 3, which no URN or id is
TOO_BIG = "99999999999999999999"  # a digit string beyond the database's bigint


def _client(role=ANON):
    return client_for(Client(raise_request_exception=False), role)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, ARABIC_THREE, TOO_BIG, f"{SUPERSCRIPT_TWO}1"])
@pytest.mark.parametrize(
    "path,field",
    [("/directory/", "q"), ("/directory/", "school"), ("/schools/", "q")],
)
def test_search_boxes_take_any_digits(path, field, value):
    response = _client().get(path, {field: value})
    assert response.status_code == 200


@pytest.mark.parametrize("value", [SUPERSCRIPT_TWO, ARABIC_THREE, TOO_BIG])
def test_a_posted_school_takes_any_digits(world, value):  # noqa: F811
    # The public form (no account) and the signed-in front door post the school as its URN.
    assert _client().post("/support/ask/", {"school": value}).status_code == 200
    assert _client(Role.SCHOOL_CONTACT).post("/home/requests/new/", {"school": value}).status_code == 200


@pytest.mark.parametrize(
    "path,role",
    [
        (f"/home/deployments/{TOO_BIG}/", Role.SYSTEM_LEADER),
        (f"/schools/{TOO_BIG}/", ANON),
        (f"/directory/leaders/{TOO_BIG}/", ANON),
        (f"/directory/organisations/{TOO_BIG}/", ANON),
        (f"/home/requests/{TOO_BIG}/", Role.SCHOOL_CONTACT),
        (f"/regional/organisations/{TOO_BIG}/", Role.REGIONAL_REPRESENTATIVE),
    ],
)
def test_an_id_too_big_for_the_database_is_not_found(world, path, role):  # noqa: F811
    assert _client(role).get(path).status_code == 404
