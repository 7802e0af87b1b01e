"""Signing in with an e-mail address, a password and, for staff roles, a second factor."""

from binascii import unhexlify

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from tests.conftest import person_in_role
from tests.factories import totp_device

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def code_for(device: TOTPDevice) -> str:
    return f"{totp(unhexlify(device.key), step=device.step, t0=device.t0, digits=device.digits):06d}"


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".govuk-error-summary__list li")]


def sign_in(client, user, password=PASSWORD, **extra):
    return client.post(reverse("accounts:sign-in"), {"username": user.email, "password": password, **extra})


def test_a_system_leader_signs_in_with_a_password_alone(client):
    leader = person_in_role(Role.SYSTEM_LEADER)
    response = sign_in(client, leader)
    assert response.status_code == 302 and response.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


def test_the_email_address_is_not_case_sensitive(client):
    person_in_role(Role.SYSTEM_LEADER, email="pat@example.test")
    response = client.post(reverse("accounts:sign-in"), {"username": "Pat@Example.TEST", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "", "password": ""}, "Enter your email address"),
        (
            {"username": "not-an-address", "password": "x"},
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"username": "nobody@example.test", "password": "wrong"}, "Enter a correct email address and password"),
    ],
)
def test_a_refused_sign_in_says_why(client, data, message):
    response = client.post(reverse("accounts:sign-in"), data)
    assert response.status_code == 200
    assert message in error_summary(response)
    assert "_auth_user_id" not in client.session


def test_a_coordinator_must_set_up_an_authenticator_app_before_anything_else(client, frozen_clock):
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    response = sign_in(client, coordinator)
    assert response.url == reverse("accounts:two-factor")
    assert client.get(reverse("accounts:two-factor")).url == reverse("accounts:two-factor-setup")
    # Until the second factor is given, signed-in pages send the person back to it.
    assert client.get(reverse("portal:home")).url == reverse("accounts:two-factor")

    page = client.get(reverse("accounts:two-factor-setup"))
    assert b"<svg" in page.content
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    wrong = client.post(reverse("accounts:two-factor-setup"), {"otp_token": "000000"})
    assert "The code is wrong or has expired. Enter the latest code from your app" in error_summary(wrong)
    # Straight after a wrong code, guessing again is slowed down.
    too_soon = client.post(reverse("accounts:two-factor-setup"), {"otp_token": code_for(device)})
    assert "You entered a wrong code too many times. Wait a minute, then enter the latest code" in error_summary(
        too_soon
    )
    frozen_clock.shift(5)

    response = client.post(reverse("accounts:two-factor-setup"), {"otp_token": code_for(device)})
    assert response.url == reverse("portal:home")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("portal:home")).status_code == 200
    assert AuditEvent.objects.filter(action="accounts.two_factor.confirmed", subject_id=str(coordinator.pk)).exists()


def test_a_coordinator_with_an_app_gives_its_code(client, frozen_clock):
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    device = totp_device(coordinator)
    sign_in(client, coordinator)
    response = client.post(reverse("accounts:two-factor"), {"otp_token": "12 34"})
    assert "Enter the code as 6 numbers, like 123456" in error_summary(response)
    response = client.post(reverse("accounts:two-factor"), {"otp_token": code_for(device)})
    assert response.url == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


@pytest.mark.parametrize("spaced", ["{0} {1}", " {0} {1} ", "{0}-{1}", "{0}  {1}"])
def test_a_code_is_accepted_as_the_app_shows_it_in_two_groups_of_three(client, frozen_clock, spaced):
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    device = totp_device(coordinator)
    sign_in(client, coordinator)
    code = code_for(device)
    response = client.post(reverse("accounts:two-factor"), {"otp_token": spaced.format(code[:3], code[3:])})
    assert response.status_code == 302, error_summary(response)
    assert response.url == reverse("portal:home")


def test_a_code_of_too_many_numbers_is_refused_as_six_numbers_are_asked_for(client, frozen_clock):
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    totp_device(coordinator)
    sign_in(client, coordinator)
    response = client.post(reverse("accounts:two-factor"), {"otp_token": "123 4567"})
    assert "Enter the code as 6 numbers, like 123456" in error_summary(response)
    response = client.post(reverse("accounts:two-factor"), {"otp_token": "1" * 200})
    assert "Enter the code as 6 numbers, like 123456" in error_summary(response)


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client):
    leader = person_in_role(Role.SYSTEM_LEADER)
    response = client.post(
        reverse("accounts:sign-in") + "?next=/account/", {"username": leader.email, "password": PASSWORD}
    )
    assert response.url == "/account/"
    client.logout()
    response = client.post(
        reverse("accounts:sign-in") + "?next=https://evil.example/", {"username": leader.email, "password": PASSWORD}
    )
    assert response.url == reverse("portal:home")


def test_five_wrong_passwords_lock_the_account(client):
    leader = person_in_role(Role.SYSTEM_LEADER)
    for _ in range(4):
        assert sign_in(client, leader, password="wrong").status_code == 200
    response = sign_in(client, leader, password="wrong")
    assert response.status_code == 429
    assert b"Too many attempts to sign in" in response.content
    # Even the right password is refused while locked.
    assert sign_in(client, leader).status_code == 429
    assert "_auth_user_id" not in client.session


def test_signing_out(client, signed_in):
    leader = person_in_role(Role.SYSTEM_LEADER)
    signed_in(leader)
    response = client.post(reverse("accounts:sign-out"))
    assert response.url == reverse("public:start")
    assert client.get(reverse("portal:home")).status_code == 302


def test_until_the_second_factor_is_given_the_navigation_offers_only_signing_out(client):
    coordinator = person_in_role(Role.TSA_COORDINATOR)
    totp_device(coordinator)
    sign_in(client, coordinator)
    page = BeautifulSoup(client.get(reverse("accounts:two-factor")).content, "html.parser")
    assert not page.select(".govuk-service-navigation__list .govuk-service-navigation__link")
    assert [e.get_text(strip=True) for e in page.select(".app-account-bar a, .app-account-bar button")] == ["Sign out"]


def test_a_signed_in_regional_representative_sees_the_regional_admin_in_the_navigation(client, signed_in):
    signed_in(person_in_role(Role.REGIONAL_REPRESENTATIVE))
    page = BeautifulSoup(client.get(reverse("portal:home")).content, "html.parser")
    links = [
        a.get_text(strip=True) for a in page.select(".govuk-service-navigation__list .govuk-service-navigation__link")
    ]
    assert links == ["Home", "Support requests", "Deployments", "Leaders", "Recruitment", "Events"]
    account = [e.get_text(strip=True) for e in page.select(".app-account-bar a, .app-account-bar button")]
    assert account == ["Regional admin", "Your account", "Sign out"]
