"""No copy of a page with personal data is kept by the browser or a shared cache (issue 13): every
answer to a signed-in person, and every page under the private addresses, says
`Cache-Control: no-store, private`. The public pages keep their caching for signed-out visitors.

Every URL, as every role of three organisations, is checked in the URL x role matrix
(tests/architecture/test_url_matrix.py): each answer to a signed-in person must not be stored."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts.roles import Role
from tests.architecture.test_url_matrix import ANON

from .caching import not_stored
from .matrix_walk import person, urls_answering

pytestmark = pytest.mark.django_db

PRIVATE_PREFIXES = (
    "/home/",
    "/regional/",
    "/recruitment/manage/",
    "/recruitment/selection/",
    "/references/",
    "/account/",
)


def _client_for(role) -> Client:
    client = Client()
    user = person(role)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def test_a_signed_in_persons_redirects_and_refusals_are_not_stored(world):
    client = _client_for(Role.SYSTEM_LEADER)
    for path in (reverse("regional:organisations"), reverse("accounts:sign-in"), "/home/no-such-page/"):
        assert not_stored(client.get(path)), path


def test_private_addresses_are_not_stored_even_for_a_signed_out_visitor(world):
    client = Client()
    answers = [(name, path) for status in (200, 302, 404) for name, path in urls_answering(world, ANON, status)]
    private = [(name, path) for name, path in answers if path.startswith(PRIVATE_PREFIXES)]
    assert any(name == "references:answer" for name, _ in private)
    assert any(name == "accounts:sign-in" for name, _ in private)
    stored = {name: client.get(path).get("Cache-Control", "(none)") for name, path in private}
    assert {name: header for name, header in stored.items() if "no-store" not in header} == {}


@pytest.mark.parametrize("name", ["public:start", "public:school-search", "directory:search"])
def test_public_pages_for_signed_out_visitors_keep_their_caching(world, name):
    response = Client().get(reverse(name))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
