"""Signing out is a POST from a button in the header (issue 13): a link, an image or another
site's page cannot sign a person out behind their back, and a GET changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from domain.accounts.roles import Role
from tests.conftest import person_in_role, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client):
    return sign_in(client, person_in_role(Role.SYSTEM_LEADER))


def _still_signed_in(client) -> bool:
    return client.get(reverse("portal:home")).status_code == 200


def test_asking_for_the_sign_out_address_signs_nobody_out(leader_client):
    response = leader_client.get(reverse("accounts:sign-out"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Sign out?"
    form = page.select_one("main form[method=post]")
    assert form["action"] == reverse("accounts:sign-out")
    assert form.select_one("button").get_text(strip=True) == "Sign out"
    assert _still_signed_in(leader_client)


def test_the_header_signs_out_with_a_post_form(leader_client):
    page = BeautifulSoup(leader_client.get(reverse("portal:home")).content, "html.parser")
    assert not page.select(f'a[href="{reverse("accounts:sign-out")}"]'), "no link signs a person out"
    form = page.select_one(f'.app-account-bar form[action="{reverse("accounts:sign-out")}"]')
    assert form is not None and form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert form.select_one("button").get_text(strip=True) == "Sign out"


def test_the_button_signs_the_person_out(leader_client):
    response = leader_client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302 and response.url == reverse("public:start")
    assert not _still_signed_in(leader_client)


def test_another_sites_form_cannot_sign_a_person_out():
    client = Client(enforce_csrf_checks=True)
    sign_in(client, person_in_role(Role.SYSTEM_LEADER))
    assert client.post(reverse("accounts:sign-out")).status_code == 403
    assert _still_signed_in(client)


def test_a_signed_out_visitor_asking_to_sign_out_goes_to_the_start_page(client):
    response = client.get(reverse("accounts:sign-out"))
    assert response.status_code == 302 and response.url == reverse("public:start")
