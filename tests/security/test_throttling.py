"""Sign-in throttling (ADR 17): guessing is slowed per address and per account, and nobody can
lock a known person out from an address that is not theirs."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import reverse

from domain.accounts.roles import Role
from tests.conftest import person_in_role

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
ATTACKER = "203.0.113.7"
VICTIM_HOME = "198.51.100.20"


def attempt(client, email, password, address, **headers):
    return client.post(
        reverse("accounts:sign-in"), {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response.url == reverse("portal:home")


def test_an_attackers_five_failures_lock_only_the_attackers_address_for_that_account():
    victim = person_in_role(Role.SYSTEM_LEADER)
    attacker = Client()
    for _ in range(4):
        assert attempt(attacker, victim.email, "wrong-password-1", ATTACKER).status_code == 200
    assert attempt(attacker, victim.email, "wrong-password-1", ATTACKER).status_code == 429
    # Even the right password is refused from the attacker's address...
    assert attempt(attacker, victim.email, PASSWORD, ATTACKER).status_code == 429
    # ...but the person signs in from their own address, straight away and again later.
    assert signed_in(attempt(Client(), victim.email, PASSWORD, VICTIM_HOME))
    assert signed_in(attempt(Client(), victim.email, PASSWORD, VICTIM_HOME))


def test_a_spoofed_forwarded_for_header_does_not_lock_another_address():
    """Without the proxy setting the header is ignored: the attacker cannot name the victim's address."""
    victim = person_in_role(Role.SYSTEM_LEADER)
    attacker = Client()
    for _ in range(6):
        attempt(attacker, victim.email, "wrong-password-1", ATTACKER, HTTP_X_FORWARDED_FOR=VICTIM_HOME)
    assert signed_in(attempt(Client(), victim.email, PASSWORD, VICTIM_HOME))


def test_twenty_guesses_over_five_accounts_from_one_address_are_stopped():
    people = [person_in_role(Role.SYSTEM_LEADER) for _ in range(6)]
    attacker = Client()
    statuses = []
    for guess in range(4):
        for person in people[:5]:
            statuses.append(attempt(attacker, person.email, f"wrong-password-{guess}", ATTACKER).status_code)
    assert statuses[:19] == [200] * 19
    assert statuses[19] == 429
    # The address is stopped for every account, even a sixth with its right password.
    assert attempt(attacker, people[5].email, PASSWORD, ATTACKER).status_code == 429
    # Others are not: each person still signs in from their own address.
    assert all(signed_in(attempt(Client(), p.email, PASSWORD, VICTIM_HOME)) for p in people)


def test_the_address_lock_ends_after_thirty_minutes(frozen_clock):
    people = [person_in_role(Role.SYSTEM_LEADER) for _ in range(5)]
    attacker = Client()
    for guess in range(4):
        for person in people:
            attempt(attacker, person.email, f"wrong-password-{guess}", ATTACKER)
    assert attempt(attacker, people[0].email, PASSWORD, ATTACKER).status_code == 429
    frozen_clock.shift(dt.timedelta(minutes=31))
    assert signed_in(attempt(attacker, people[0].email, PASSWORD, ATTACKER))


def test_the_lockout_page_answers_429_and_says_what_to_do():
    victim = person_in_role(Role.SYSTEM_LEADER)
    client = Client()
    for _ in range(5):
        response = attempt(client, victim.email, "wrong-password-1", ATTACKER)
    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == "Too many attempts to sign in"
    text = page.get_text(" ", strip=True)
    assert "Wait 30 minutes" in text
    assert "reset your password" in text
    assert page.find("a", href=reverse("accounts:password-reset"))


def test_many_addresses_guessing_one_account_are_slowed_but_the_person_still_signs_in(frozen_clock):
    """Failures for one account from many addresses bring a one-minute wait between tries from
    addresses the person has not signed in from; their own known address is never held up."""
    victim = person_in_role(Role.SYSTEM_LEADER)
    assert signed_in(attempt(Client(), victim.email, PASSWORD, VICTIM_HOME))  # a known-good address
    for n in range(10):
        assert attempt(Client(), victim.email, "wrong-password-1", f"192.0.2.{n + 1}").status_code == 200
    # The eleventh address must wait: a clear message, 429, and the password is not even tried.
    slowed = attempt(Client(), victim.email, PASSWORD, "192.0.2.99")
    assert slowed.status_code == 429
    text = BeautifulSoup(slowed.content, "html.parser").get_text(" ", strip=True)
    assert "Wait a minute" in text
    # The person, from their usual address, signs in at once.
    assert signed_in(attempt(Client(), victim.email, PASSWORD, VICTIM_HOME))


def test_the_slow_down_lets_the_right_password_through_after_a_minute(frozen_clock):
    victim = person_in_role(Role.SYSTEM_LEADER)
    for n in range(10):
        attempt(Client(), victim.email, "wrong-password-1", f"192.0.2.{n + 1}")
    new_address = "192.0.2.200"
    assert attempt(Client(), victim.email, PASSWORD, new_address).status_code == 429
    frozen_clock.shift(dt.timedelta(seconds=61))
    assert signed_in(attempt(Client(), victim.email, PASSWORD, new_address))


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_address_the_proxy_saw_is_the_one_counted():
    victim = person_in_role(Role.SYSTEM_LEADER)
    proxy = "10.0.0.1"
    attacker = Client()
    for _ in range(5):
        attempt(attacker, victim.email, "wrong-password-1", proxy, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert attempt(attacker, victim.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    # Everyone comes through the same proxy, yet the person is not locked out.
    assert signed_in(attempt(Client(), victim.email, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=VICTIM_HOME))


def test_signing_in_to_ones_own_account_does_not_wipe_the_addresss_failures():
    """Otherwise an attacker with an account of their own would sign in to it every 19 guesses."""
    people = [person_in_role(Role.SYSTEM_LEADER) for _ in range(5)]
    own = person_in_role(Role.SYSTEM_LEADER)
    attacker = Client()
    guesses = [(p, f"wrong-password-{g}") for g in range(4) for p in people][:19]
    for person, password in guesses:
        assert attempt(attacker, person.email, password, ATTACKER).status_code == 200
    assert signed_in(attempt(attacker, own.email, PASSWORD, ATTACKER))
    attacker.logout()
    assert attempt(attacker, people[0].email, "wrong-password-9", ATTACKER).status_code == 429
