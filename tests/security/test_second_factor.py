"""A person who has set up an authenticator app must give a code from it before any signed-in
page opens, whatever their role: not only the staff roles that must have one (issue 13)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from domain.accounts.policies import anyone
from domain.accounts.roles import Role
from tests import factories

from .matrix_walk import person, urls_answering, view_of

pytestmark = pytest.mark.django_db


def _guarded_pages(world):
    """The system leader's signed-in pages (not the public ones, nor the pages where the second
    factor is set up or given)."""
    pages = []
    for name, path in urls_answering(world, Role.SYSTEM_LEADER):
        view = view_of(path)
        if view.policy is anyone or name.startswith("accounts:two-factor"):
            continue
        pages.append((name, path))
    return pages


def test_a_leader_with_an_app_must_give_the_code_before_any_signed_in_page(world):
    leader = person(Role.SYSTEM_LEADER)
    device = factories.totp_device(leader)
    pages = _guarded_pages(world)
    assert "deployments:contract-pdf" in dict(pages), "downloads go through the same decorator"
    assert "deployments:detail" in dict(pages)

    password_only = Client()
    password_only.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    opened = {
        name: response.status_code
        for name, path in pages
        if (response := password_only.get(path)).status_code != 302 or response.url != reverse("accounts:two-factor")
    }
    assert opened == {}, "these pages opened without the code from the app"

    verified = Client()
    verified.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    session = verified.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    refused = {name: status for name, path in pages if (status := verified.get(path).status_code) != 200}
    assert refused == {}, "with the code given, these pages should open"


def test_signing_in_with_the_password_alone_leaves_the_navigation_closed(world, client):
    leader = person(Role.SYSTEM_LEADER)
    factories.totp_device(leader)
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("accounts:two-factor"))
    assert page.status_code == 200
    assert reverse("deployments:list") not in page.content.decode()


def test_a_leader_without_an_app_still_signs_in_with_the_password(world, client):
    client.force_login(person(Role.SYSTEM_LEADER), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("portal:home")).status_code == 200
