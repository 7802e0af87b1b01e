"""Fixtures shared by the whole suite: a frozen clock, people in each role, signed-in clients."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django_otp import DEVICE_ID_SESSION_KEY

from domain.accounts.roles import Role
from domain.organisations.models import OrganisationKind

from . import factories

FROZEN_AT = dt.datetime(2026, 11, 22, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London"))

# The organisation kind each role is held in, for the role fixtures.
ROLE_ORGANISATION = {
    Role.REGIONAL_REPRESENTATIVE: OrganisationKind.REGIONAL_BODY,
    Role.TSA_COORDINATOR: OrganisationKind.TSA,
    Role.PANEL_MEMBER: OrganisationKind.TSA,
    Role.SYSTEM_LEADER: OrganisationKind.SCHOOL,
    Role.SCHOOL_CONTACT: OrganisationKind.SCHOOL,
    Role.COMMISSIONER: OrganisationKind.LOCAL_AUTHORITY,
    Role.DEPARTMENT_OFFICIAL: OrganisationKind.DEPARTMENT,
}


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """The clock is frozen by default (10am, 22 November 2026); browser tests let it tick."""
    ticking = request.node.get_closest_marker("browser") is not None
    with time_machine.travel(FROZEN_AT, tick=ticking) as traveller:
        yield traveller


def person_in_role(role, organisation=None, **user_fields):
    user = factories.UserFactory(**user_fields)
    organisation = organisation or factories.OrganisationFactory(kind=ROLE_ORGANISATION[role])
    factories.MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def sign_in(client, user):
    """Signs the person in as the sign-in pages would, second factor included where they have one."""
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    if user.needs_two_factor():
        device = factories.totp_device(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def signed_in(client):
    """signed_in(user) -> the test client, signed in as that person."""
    return lambda user: sign_in(client, user)


@pytest.fixture(scope="module")
def demo_region_once(django_db_setup, django_db_blocker):
    """The demo region (demo.region), built once for a test module inside a transaction that is
    rolled back when the module's tests are done. Each test runs in its own transaction within it
    (pytest-django's `db`), so a test's changes are undone before the next one and nothing leaks to
    other modules on the same worker. Not for tests that need real commits (transactional_db,
    live_server)."""
    from django.db import transaction

    from demo.region import build_demo_region

    with django_db_blocker.unblock(), time_machine.travel(FROZEN_AT, tick=False), transaction.atomic():
        build_demo_region()
        yield
        transaction.set_rollback(True)
