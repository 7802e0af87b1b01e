"""Creating an account to apply (domain/accounts/registration.py, web/accounts/registration.py):
an inactive account, a single-use link that confirms the e-mail and expires after 2 days, and an
address that already has an account not revealed."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.models import User
from domain.accounts.registration import (
    RegistrationInvalid,
    email_confirmation_token,
    registration_confirm,
    registration_start,
    safe_next,
)
from domain.audit.models import AuditEvent
from tests.recruitment.helpers import make_round

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-unusual-passphrase"
EMAIL = "new.applicant@example.test"


def register(client, capture, **fields):
    data = {"full_name": "Pat Example", "email": EMAIL, "password": PASSWORD, **fields}
    with capture(execute=True):
        return client.post(reverse("accounts:register") + f"?next={fields.pop('next', '')}", data)


def link_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/account/register/confirm/\S+)", message.body).group(1)


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


# Services -----------------------------------------------------------------------------------


def test_registering_makes_an_inactive_account_and_emails_a_link(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration_start(email="New.Applicant@Example.test", full_name=" Pat  Example ", password=PASSWORD)
    user = User.objects.get(email=EMAIL)
    assert not user.is_active and user.full_name == "Pat Example" and user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(action="accounts.user.registered", subject_id=str(user.pk)).exists()
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    assert mailoutbox[0].subject == "Confirm your email address"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"email": "not-an-address"}, "email", "Enter an email address in the correct format"),
        ({"password": "short"}, "password", "This password is too short"),
        ({"password": "password123456"}, "password", "This password is too common"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(fields, field, message, mailoutbox):
    values = {"email": EMAIL, "full_name": "Pat Example", "password": PASSWORD, **fields}
    with pytest.raises(RegistrationInvalid, match=message) as refused:
        registration_start(**values)
    assert field in refused.value.errors
    assert not User.objects.filter(email=EMAIL).exists() and mailoutbox == []


def test_confirming_activates_the_account_once(django_capture_on_commit_callbacks):
    registration_start(email=EMAIL, full_name="Pat Example", password=PASSWORD)
    user = User.objects.get(email=EMAIL)
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), email_confirmation_token.make_token(user)
    confirmed = registration_confirm(uidb64=uid, token=token)
    assert confirmed == user and User.objects.get(pk=user.pk).is_active
    assert registration_confirm(uidb64=uid, token=token) is None  # used: the hash includes is_active


def test_an_existing_account_is_emailed_instead_and_left_unchanged(mailoutbox, django_capture_on_commit_callbacks):
    existing = User.objects.create_user(email=EMAIL, full_name="Already Here", password="their-own-password-1")
    with django_capture_on_commit_callbacks(execute=True):
        registration_start(email=EMAIL, full_name="Someone Else", password=PASSWORD)
    existing.refresh_from_db()
    assert existing.full_name == "Already Here" and existing.check_password("their-own-password-1")
    assert User.objects.filter(email=EMAIL).count() == 1
    assert [m.subject for m in mailoutbox] == ["You already have an account"]
    assert "/account/password-reset/" in mailoutbox[0].body


def test_registering_again_before_confirming_sends_a_new_link_and_keeps_the_password(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration_start(email=EMAIL, full_name="Pat Example", password=PASSWORD)
        registration_start(email=EMAIL, full_name="Pat Example", password="an-attackers-passphrase")
    assert User.objects.get(email=EMAIL).check_password(PASSWORD)
    assert [m.subject for m in mailoutbox] == ["Confirm your email address"] * 2


@pytest.mark.parametrize(
    ("candidate", "kept"),
    [
        ("/recruitment/rounds/3/apply/", True),
        ("https://evil.example/steal", False),
        ("//evil.example/steal", False),
        ("javascript:alert(1)", False),
    ],
)
def test_only_a_path_in_this_service_is_kept_as_next(candidate, kept):
    assert (safe_next(candidate) == candidate) is kept


# Pages --------------------------------------------------------------------------------------


def test_the_page_shows_the_password_rules(client):
    page = text(client.get(reverse("accounts:register")))
    assert "at least 12 characters" in page


def test_a_person_registers_confirms_and_reaches_the_rounds_application(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = make_round(title="Leeds LLE round")
    start = reverse("recruitment:application-start", kwargs={"round_id": round_.pk})
    response = register(client, django_capture_on_commit_callbacks, next=start)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:register-sent"))
    assert EMAIL in text(client.get(response.url))
    link = link_in(mailoutbox[0])
    assert "next=" in link
    # Opening the link does not use it (a mail scanner may open it): the button does.
    assert "Confirm and continue" in text(client.get(link))
    assert not User.objects.get(email=EMAIL).is_active
    response = client.post(link)
    assert response.status_code == 302 and response.url == start
    assert "The need it answers" in text(client.get(start))


def test_a_used_link_is_refused_with_a_new_link_offered(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    client.post(link)
    client.logout()
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "This link has expired or has already been used" in text(response)
        assert reverse("accounts:register-resend") in response.content.decode()
    assert AuditEvent.objects.filter(action="accounts.user.email_confirmed").count() == 1


def test_an_expired_link_is_refused(client, mailoutbox, django_capture_on_commit_callbacks, frozen_clock):
    register(client, django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    frozen_clock.shift(dt.timedelta(days=2, minutes=1))
    assert client.post(link).status_code == 410
    assert not User.objects.get(email=EMAIL).is_active


def test_a_forged_link_is_refused(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    forged = re.sub(r"/confirm/([^/]+)/([^/]+)/", r"/confirm/\1/1-forged/", link)
    assert client.post(forged).status_code == 410
    assert client.post("/account/register/confirm/Zm9yZ2Vk/x-y/").status_code == 410
    assert not User.objects.get(email=EMAIL).is_active


def test_another_site_in_next_is_dropped(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks, next="https://evil.example/")
    link = link_in(mailoutbox[0])
    assert "evil" not in link
    response = client.post(link + "?next=https://evil.example/")
    assert response.status_code == 302 and response.url == reverse("portal:home")


def test_an_address_with_an_account_gets_the_same_page(client, mailoutbox, django_capture_on_commit_callbacks):
    User.objects.create_user(email=EMAIL, full_name="Already Here", password="their-own-password-1")
    response = register(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:register-sent"))
    assert [m.subject for m in mailoutbox] == ["You already have an account"]


def test_bad_input_shows_each_fields_message(client):
    response = client.post(reverse("accounts:register"), {"full_name": "", "email": "nope", "password": "short"})
    page = text(response)
    assert response.status_code == 200
    assert "Enter your full name" in page and "Enter an email address in the correct format" in page
    assert "This password is too short" in page
    assert not User.objects.exists()


def test_an_unconfirmed_account_cannot_sign_in_and_is_told_why(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    response = client.post(reverse("accounts:sign-in"), {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 200
    assert "Confirm your email address first" in text(response)
    assert reverse("accounts:register-resend") in response.content.decode()
    # The wrong password says nothing of the account.
    response = client.post(reverse("accounts:sign-in"), {"username": EMAIL, "password": "wrong-password-here"})
    assert "Confirm your email address" not in text(response)


def test_a_new_link_can_be_asked_for(client, mailoutbox, django_capture_on_commit_callbacks):
    register(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:register-resend"), {"email": EMAIL})
        client.post(reverse("accounts:register-resend"), {"email": "nobody@example.test"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[EMAIL], [EMAIL]]
