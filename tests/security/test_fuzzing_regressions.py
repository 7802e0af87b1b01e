"""Crafted input that once answered 500 (issue 13, "Security and privacy"): each case must now get
a page, a form error or a 404, never a server error, on SQLite and on PostgreSQL."""

import pytest
from django.core.exceptions import ValidationError
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
    # The school's question page, on the public route (no account) and the signed-in front door,
    # posts the school as its id: any digits are refused with a message, on the same page.
    for client, page in (
        (_client(), "/support/ask/school/"),
        (_client(Role.SCHOOL_CONTACT), "/home/requests/new/school/"),
    ):
        response = client.post(page, {"school": value})
        assert response.status_code == 200
        assert "govuk-error-summary" in response.content.decode()


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


@pytest.mark.parametrize("year", [str(10**30), "２０２６", "202²"])
def test_a_date_with_a_year_too_big_or_in_other_digits_is_not_a_real_date(year):
    from web.common.fields import DateInputField

    field = DateInputField("The date the support could start")
    with pytest.raises(ValidationError, match="must be a real date"):
        field.clean(["1", "2", year])


@pytest.mark.parametrize(
    "value,expected",
    [
        ("140001", 140001),
        (" 7 ", 7),
        ("²", None),
        ("٣", None),
        ("５", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("9" * 18, int("9" * 18)),
        ("9" * 19, None),
        ("1\x00", None),
    ],
)
def test_an_id_is_ascii_digits_that_fit_the_database(value, expected):
    from web.common.fields import id_from

    assert id_from(value) == expected


@pytest.mark.parametrize("value", ["²", "٣٣٣٣٣٣", "123456789", "14000a"])
def test_a_urn_field_asks_for_up_to_8_ascii_digits(value):
    from web.common.fields import UrnField

    with pytest.raises(ValidationError, match="Enter a URN, a number of up to 8 digits"):
        UrnField().clean(value)
    assert UrnField().clean(" 140001 ") == 140001


def test_every_url_reads_its_ids_through_the_id_converter():
    from django.urls.converters import IntConverter

    from tests.urls import all_url_patterns

    plain = [
        name
        for name, p in all_url_patterns()
        if any(isinstance(c, IntConverter) for c in p.pattern.converters.values())
    ]
    assert plain == [], f"use <id:...> (web/common/converters.py), not <int:...>, in: {plain}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path,query",
    [
        ("/references/forged%00token/", {}),  # a token looked up in the database
        ("/schools/", {"q": "a\x00b"}),
        ("/directory/", {"page": "\x00"}),
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(path, query):
    # PostgreSQL cannot hold NUL in text: a lookup with one raised a server error there.
    response = _client().get(path, query)
    assert response.status_code == 400
    assert "Your request could not be understood" in response.content.decode()
