"""Rate limits on public input and on actions that send e-mail (ADR 17): under the limit accepted;
over it refused on the same page with a clear message, answers kept and status 429; another
address unaffected; allowed again once the window has passed."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from domain.accounts.models import Invitation, RateLimitCounter, User
from domain.accounts.rate_limits import RateLimited, rate_limit_hit
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.commissioning.models import SupportRequest
from domain.schools.models import School
from tests.commissioning_web.requests.helpers import answers, go_through
from tests.conftest import person_in_role, sign_in
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
HOME, OTHER = "198.51.100.20", "198.51.100.99"
TOO_MANY = "You have sent too many requests. Try again in"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def errors(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(response).select(".govuk-error-summary__list li")]


def value_of(response, name) -> str:
    field = soup(response).find(attrs={"name": name})
    return field.get("value") or field.get_text() if field else ""


def refused_with_message(response) -> bool:
    return response.status_code == 429 and any(e.startswith(TOO_MANY) for e in errors(response))


# --- the limiter ---------------------------------------------------------------------------------


def test_the_limiter_counts_per_key_and_says_when_to_try_again(frozen_clock):
    frozen_clock.shift(dt.timedelta(minutes=20))  # 10:20, in the window that began at 10:00
    for _ in range(5):
        assert rate_limit_hit(action="registration", keys={"address": HOME}) is None
    refused = rate_limit_hit(action="registration", keys={"address": HOME})
    assert isinstance(refused, RateLimited)
    assert refused.message == "You have sent too many requests. Try again in 40 minutes."
    assert rate_limit_hit(action="registration", keys={"address": OTHER}) is None
    frozen_clock.shift(dt.timedelta(minutes=40))
    assert rate_limit_hit(action="registration", keys={"address": HOME}) is None


def test_a_refused_request_uses_up_no_other_allowance():
    """The school's daily allowance is not spent by a sender already over their own limit."""
    for _ in range(5):
        assert rate_limit_hit(action="support_request", keys={"address": HOME, "school": "1"}) is None
    for _ in range(30):
        assert rate_limit_hit(action="support_request", keys={"address": HOME, "school": "1"}) is not None
    assert RateLimitCounter.objects.get(scope="school").count == 5


def test_the_counters_hold_no_address_or_email_in_the_clear():
    rate_limit_hit(action="password_reset", keys={"address": HOME, "email": "pat@example.test"})
    stored = " ".join(f"{c.scope} {c.key_hash}" for c in RateLimitCounter.objects.all())
    assert HOME not in stored and "pat@example.test" not in stored


def test_a_refusal_is_a_security_event():
    for _ in range(6):
        rate_limit_hit(action="registration", keys={"address": HOME}, path="/account/register/")
    event = AuditEvent.objects.get(action="security.rate_limit.refused")
    assert event.data["limited"] == "creating an account" and event.data["address"] == HOME


# --- the public form: ask for support -----------------------------------------------------------


@pytest.fixture
def demo_school(demo_region_once, db):
    return School.objects.get(name="Goldthorpe Junior School")


CONTACT = {
    "contact_name": "Robin Ashdown",
    "contact_email": "robin@goldthorpe.demo.test",
    "contact_role": "Headteacher",
}


def ask(client, school, address, **changes):
    """Every question page, then check your answers sends (the limit is on sending)."""
    go_through(client, reverse("support:ask"), {**answers(school, **changes), **CONTACT})
    return client.post(reverse("support:ask-check"), REMOTE_ADDR=address)


def test_the_public_form_takes_five_requests_an_hour_from_one_address(demo_school, frozen_clock):
    client = Client()
    before = SupportRequest.objects.count()
    for _ in range(5):
        assert ask(client, demo_school, HOME).status_code == 302
    refused = ask(client, demo_school, HOME, description="A sixth request, with words worth keeping.")
    assert refused_with_message(refused)
    assert SupportRequest.objects.count() == before + 5
    # Nothing the person wrote is lost: check your answers still has it.
    text = soup(refused).main.get_text(" ")
    assert "A sixth request, with words worth keeping." in text and "Robin Ashdown" in text
    # Another address is not held up; and after the hour the first may send again.
    assert ask(Client(), demo_school, OTHER).status_code == 302
    frozen_clock.shift(dt.timedelta(hours=1))
    assert ask(client, demo_school, HOME).status_code == 302


def test_the_public_form_takes_twenty_requests_a_day_for_one_school(demo_school):
    for n in range(20):
        assert ask(Client(), demo_school, f"192.0.2.{n // 5 + 1}").status_code == 302
    assert refused_with_message(ask(Client(), demo_school, "192.0.2.50"))


def test_a_page_with_mistakes_does_not_count_against_the_limit(demo_school):
    client = Client(REMOTE_ADDR=HOME)
    go_through(client, reverse("support:ask"), {**answers(demo_school), **CONTACT}, until="description")
    description = reverse("support:ask-question", kwargs={"step": "description"})
    for _ in range(8):
        assert client.post(description, {"description": ""}).status_code == 200
    assert ask(client, demo_school, HOME).status_code == 302


# --- password reset ------------------------------------------------------------------------------


def reset(client, email, address):
    return client.post(reverse("accounts:password-reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_sends_three_links_an_hour_to_one_email_address(frozen_clock):
    person = person_in_role(Role.SYSTEM_LEADER)
    for n in range(3):
        assert reset(Client(), person.email, f"192.0.2.{n + 1}").status_code == 302
    refused = reset(Client(), person.email, "192.0.2.9")
    assert refused_with_message(refused)
    assert value_of(refused, "email") == person.email
    assert len(mail.outbox) == 3
    frozen_clock.shift(dt.timedelta(hours=1))
    assert reset(Client(), person.email, "192.0.2.9").status_code == 302
    assert len(mail.outbox) == 4


def test_password_reset_takes_five_requests_an_hour_from_one_address(frozen_clock):
    client = Client()
    for n in range(5):
        assert reset(client, f"someone{n}@example.test", HOME).status_code == 302
    refused = reset(client, "someone-else@example.test", HOME)
    assert refused_with_message(refused)
    assert reset(Client(), "someone-else@example.test", OTHER).status_code == 302
    frozen_clock.shift(dt.timedelta(hours=1))
    assert reset(client, "someone-else@example.test", HOME).status_code == 302


# --- registration --------------------------------------------------------------------------------


def register(client, n, address):
    return client.post(
        reverse("accounts:register"),
        {"full_name": f"Applicant Number{n}", "email": f"applicant{n}@example.test", "password": "lantern-orchard-9"},
        REMOTE_ADDR=address,
    )


def test_registration_takes_five_accounts_an_hour_from_one_address(frozen_clock):
    for n in range(5):
        assert register(Client(), n, HOME).status_code == 302
    refused = register(Client(), 5, HOME)
    assert refused_with_message(refused)
    assert value_of(refused, "full_name") == "Applicant Number5"
    assert value_of(refused, "email") == "applicant5@example.test"
    assert not User.objects.filter(email="applicant5@example.test").exists()
    assert register(Client(), 6, OTHER).status_code == 302
    frozen_clock.shift(dt.timedelta(hours=1))
    assert register(Client(), 5, HOME).status_code == 302


def resend(client, n, address):
    return client.post(
        reverse("accounts:register-resend"), {"email": f"applicant{n}@example.test"}, REMOTE_ADDR=address
    )


def test_a_new_confirmation_link_is_sent_five_times_an_hour_from_one_address(frozen_clock):
    """Each request e-mails a link (or a note that the address has an account): limited like
    creating an account."""
    for n in range(5):
        assert resend(Client(), n, HOME).status_code == 302
    sent = len(mail.outbox)
    refused = resend(Client(), 5, HOME)
    assert refused_with_message(refused)
    assert value_of(refused, "email") == "applicant5@example.test"
    assert len(mail.outbox) == sent
    assert resend(Client(), 6, OTHER).status_code == 302
    frozen_clock.shift(dt.timedelta(hours=1))
    assert resend(Client(), 5, HOME).status_code == 302


# --- sending an invitation again, chasing a reference -------------------------------------------


def banner(response) -> str:
    return " ".join(b.get_text(" ", strip=True) for b in soup(response).select(".govuk-notification-banner"))


def test_an_invitation_is_sent_again_ten_times_an_hour_by_one_person(frozen_clock, django_capture_on_commit_callbacks):
    from domain.accounts import invitations as service

    alliance = OrganisationFactory(name="Riverside Alliance")
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=alliance)
    other = person_in_role(Role.TSA_COORDINATOR, organisation=alliance)
    with django_capture_on_commit_callbacks(execute=True):
        service.invite(
            actor=coordinator,
            organisation=alliance,
            email="ola@example.test",
            full_name="Ola Newcombe",
            role="panel_member",
        )
    url = reverse("people:invitation-send", kwargs={"invitation_id": Invitation.objects.get().pk})
    client = sign_in(Client(), coordinator)
    for _ in range(10):
        assert client.post(url).status_code == 302
    sent = len(mail.outbox)
    refused = client.post(url, follow=True)
    assert TOO_MANY in banner(refused)
    assert len(mail.outbox) == sent
    # Another person sends it; and after the hour the first may again.
    assert "Invitation sent again" in banner(sign_in(Client(), other).post(url, follow=True))
    frozen_clock.shift(dt.timedelta(hours=1))
    assert "Invitation sent again" in banner(client.post(url, follow=True))


def test_a_reference_is_chased_ten_times_an_hour_by_one_person(frozen_clock):
    from tests.recruitment.helpers import make_round, send_all_requests, submitted_application, tsa_with_coordinator

    organisation, coordinator = tsa_with_coordinator(name="Riverside Alliance")
    round_ = make_round(organisation=organisation, actor=coordinator)
    request = send_all_requests(submitted_application(round_=round_))[0][0]
    url = reverse("rounds:reference-chase", kwargs={"request_id": request.pk})
    client = sign_in(Client(), coordinator)
    for _ in range(10):
        assert client.post(url).status_code == 302
    request.refresh_from_db()
    assert request.chasers_sent == 10
    refused = client.post(url, follow=True)
    assert TOO_MANY in soup(refused).main.get_text(" ", strip=True)
    request.refresh_from_db()
    assert request.chasers_sent == 10
    frozen_clock.shift(dt.timedelta(hours=1))
    client.post(url)
    request.refresh_from_db()
    assert request.chasers_sent == 11


# --- booking a place (the confirmation is e-mailed with the event's calendar file) ----------------


@pytest.mark.parametrize("fee", ["0", "100"])
def test_booking_places_is_limited_per_person_and_says_when_to_try_again(client, monkeypatch, frozen_clock, fee):
    """A free place is booked from the event's page; a place with a fee by its check page's
    "Confirm and book"."""
    from domain.accounts import rate_limits
    from domain.training.booking_checks import booking_payer
    from domain.training.models import Booking
    from tests.training import builders as b

    monkeypatch.setitem(rate_limits.LIMITS, "event_booking", (rate_limits.Limit("person", 2, dt.timedelta(hours=1)),))
    booker = b.person()
    colleagues = [b.colleague_of(booker, full_name=f"Colleague Number{n}") for n in range(3)]
    event, _ = b.published(fee=fee)
    sign_in(client, booker)
    name = "events:event-confirm" if event.fee else "events:event"
    url = reverse(name, kwargs={"event_id": event.pk})

    def book(colleague):
        payer = booking_payer(actor=booker, delegate=colleague)
        return client.post(url, {"delegate": str(colleague.pk), "fee": str(event.fee), "payer": str(payer.pk)})

    for colleague in colleagues[:2]:
        assert book(colleague).status_code == 302
    refused = book(colleagues[2])
    assert refused_with_message(refused)
    assert Booking.objects.filter(event=event).count() == 2
    frozen_clock.shift(dt.timedelta(hours=1))
    assert book(colleagues[2]).status_code == 302
