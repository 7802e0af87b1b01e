"""The address a request came from is always one the database's address columns accept: a signed-in
test client has none of its own, and PostgreSQL refuses anything but an address there."""

from ipaddress import ip_address

import pytest
from django.test import RequestFactory

from domain.accounts.roles import Role
from tests.conftest import person_in_role, sign_in
from web.common.client_address import NOT_KNOWN, client_address


def test_a_request_without_an_address_gets_one_the_database_accepts():
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert ip_address(client_address(request))


@pytest.mark.django_db
def test_signing_in_without_an_address_is_recorded(client):
    """django-axes records each sign-in with the client's address (an inet column on PostgreSQL)."""
    from axes.models import AccessLog

    sign_in(client, person_in_role(Role.SYSTEM_LEADER))
    assert AccessLog.objects.get().ip_address == NOT_KNOWN
    assert client.get("/home/").status_code == 200
