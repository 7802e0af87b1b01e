"""Signing out everywhere, and resetting a forgotten password through a single-use link."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from tests.conftest import person_in_role, sign_in

pytestmark = pytest.mark.django_db


def test_signing_out_everywhere_ends_other_sessions_but_keeps_this_one():
    leader = person_in_role(Role.SYSTEM_LEADER)
    here, elsewhere = sign_in(Client(), leader), sign_in(Client(), leader)
    assert elsewhere.get(reverse("portal:home")).status_code == 200

    response = here.post(reverse("accounts:sign-out-everywhere"))
    assert response.url == reverse("accounts:account")
    assert here.get(reverse("portal:home")).status_code == 200
    assert elsewhere.get(reverse("portal:home")).status_code == 302
    assert AuditEvent.objects.filter(action="accounts.user.signed_out_everywhere").count() == 1


def test_signing_out_everywhere_needs_a_post():
    leader = person_in_role(Role.SYSTEM_LEADER)
    client = sign_in(Client(), leader)
    assert client.get(reverse("accounts:sign-out-everywhere")).status_code == 405


def _reset_link(email_body: str) -> str:
    return re.search(r"https?://[^/]+(/account/password-reset/[^/\s]+/[^/\s]+/)", email_body).group(1)


def test_a_password_reset_link_works_once(client):
    leader = person_in_role(Role.SYSTEM_LEADER, email="reset.me@example.test")
    response = client.post(reverse("accounts:password-reset"), {"email": "reset.me@example.test"})
    assert response.url == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reset.me@example.test"]
    link = _reset_link(mail.outbox[0].body)

    form_page = client.get(link, follow=True)
    assert b"Choose a new password" in form_page.content
    set_password_url = form_page.redirect_chain[-1][0]
    mismatch = client.post(
        set_password_url, {"new_password1": "a-long-new-password-1", "new_password2": "different-one-2"}
    )
    assert b"The passwords do not match" in mismatch.content
    done = client.post(
        set_password_url, {"new_password1": "a-long-new-password-1", "new_password2": "a-long-new-password-1"}
    )
    assert done.url == reverse("accounts:password-reset-complete")
    leader.refresh_from_db()
    assert leader.check_password("a-long-new-password-1")

    again = Client().get(link, follow=True)
    assert b"This link has expired or has already been used" in again.content


def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.test"})
    assert response.url == reverse("accounts:password-reset-sent")
    assert mail.outbox == []


def test_a_forged_reset_link_is_refused(client):
    response = client.get(reverse("accounts:password-reset-confirm", kwargs={"uidb64": "MQ", "token": "forged"}))
    assert b"This link has expired or has already been used" in response.content


def test_the_reset_link_goes_to_the_services_own_address_whatever_host_the_request_named(client, settings):
    """The link is built from SERVICE_BASE_URL, never from the Host header of the request that asked
    for it: a request naming another host cannot send a person a link to it."""
    settings.SERVICE_BASE_URL = "https://school-to-school-support.example/"
    settings.ALLOWED_HOSTS = ["testserver", "elsewhere.example"]
    person_in_role(Role.SYSTEM_LEADER, email="reset.me@example.test")
    client.post(reverse("accounts:password-reset"), {"email": "reset.me@example.test"}, HTTP_HOST="elsewhere.example")
    body = mail.outbox[0].body
    assert "https://school-to-school-support.example/account/password-reset/" in body
    assert "elsewhere.example" not in body
    assert "Someone asked to reset the password of your School-to-school support account." in body
