"""A lost phone: a regional representative resets a person's second factor (ADR 7)."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts import services
from domain.accounts.invitation_policies import can_reset_two_factor
from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.organisations.models import OrganisationKind
from tests.conftest import person_in_role, sign_in
from tests.factories import OrganisationFactory, region, totp_device

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def representative():
    body = OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, name="Yorkshire and the Humber board")
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


@pytest.fixture
def coordinator():
    person = person_in_role(Role.TSA_COORDINATOR, organisation=OrganisationFactory(name="Riverside Alliance"))
    totp_device(person)
    return person


def test_the_reset_deletes_devices_signs_out_everywhere_records_and_emails(
    representative, coordinator, django_capture_on_commit_callbacks
):
    salt = coordinator.session_salt
    with django_capture_on_commit_callbacks(execute=True):
        services.two_factor_reset(actor=representative, user=coordinator, reason="Phone lost on a school visit")
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    coordinator.refresh_from_db()
    assert coordinator.session_salt != salt
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")
    assert (event.actor, event.subject_id, event.reason, event.to_state) == (
        representative,
        str(coordinator.pk),
        "Phone lost on a school visit",
        "none",
    )
    assert AuditEvent.objects.get(action="accounts.user.signed_out_everywhere").actor == representative
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert "set up an authenticator app again" in message.body and "Phone lost on a school visit" in message.body


def test_a_reset_needs_a_reason(representative, coordinator):
    with pytest.raises(services.TwoFactorResetRefused, match="Enter why"):
        services.two_factor_reset(actor=representative, user=coordinator, reason="  ")
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_only_a_representative_of_the_person_s_region_may_reset(representative, coordinator):
    faraway = person_in_role(Role.TSA_COORDINATOR, organisation=OrganisationFactory(region=region("London")))
    assert can_reset_two_factor(representative, coordinator)
    assert not can_reset_two_factor(representative, faraway)
    assert not can_reset_two_factor(representative, representative)
    colleague = person_in_role(Role.TSA_COORDINATOR, organisation=coordinator.memberships.get().organisation)
    assert not can_reset_two_factor(colleague, coordinator)
    with pytest.raises(services.TwoFactorResetRefused, match="You cannot reset this person's second factor"):
        services.two_factor_reset(actor=colleague, user=coordinator, reason="Asked by phone")
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_signed_in_session_ends_and_the_next_sign_in_sets_up_a_new_app(
    client, client_factory, representative, coordinator
):
    theirs = sign_in(client_factory(), coordinator)
    assert theirs.get(reverse("portal:home")).status_code == 200
    services.two_factor_reset(actor=representative, user=coordinator, reason="Phone stolen")
    assert theirs.get(reverse("portal:home")).status_code == 302  # signed out
    response = client.post(reverse("accounts:sign-in"), {"username": coordinator.email, "password": PASSWORD})
    assert response.url == reverse("accounts:two-factor")
    assert client.get(reverse("accounts:two-factor")).url == reverse("accounts:two-factor-setup")
    assert client.get(reverse("portal:home")).url == reverse("accounts:two-factor")
    assert client.get(reverse("accounts:two-factor-setup")).status_code == 200


# The pages --------------------------------------------------------------------------------


def test_the_representative_resets_from_the_person_s_page(
    client, representative, coordinator, django_capture_on_commit_callbacks
):
    sign_in(client, representative)
    organisation = coordinator.memberships.get().organisation
    page = client.get(reverse("regional:organisation", kwargs={"organisation_id": organisation.pk})).content.decode()
    person_url = reverse("regional:person", kwargs={"person_id": coordinator.pk})
    assert person_url in page
    person_page = client.get(person_url).content.decode()
    reset_url = reverse("regional:two-factor-reset", kwargs={"person_id": coordinator.pk})
    assert reset_url in person_page and "Set up" in person_page
    refused = client.post(reset_url, {"reason": ""})
    assert "Enter why you are resetting their second factor" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reset_url, {"reason": "Rang from the school office; checked against the register"})
    assert response.status_code == 302 and response.url == person_url
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert "Not set up" in client.get(person_url).content.decode()
    assert client.get(reverse("portal:home")).status_code == 200  # the representative stays signed in


def test_a_person_of_another_region_answers_404(client, representative):
    faraway = person_in_role(Role.TSA_COORDINATOR, organisation=OrganisationFactory(region=region("London")))
    totp_device(faraway)
    sign_in(client, representative)
    assert client.get(reverse("regional:person", kwargs={"person_id": faraway.pk})).status_code == 404
    url = reverse("regional:two-factor-reset", kwargs={"person_id": faraway.pk})
    assert client.post(url, {"reason": "x"}).status_code == 404
    assert TOTPDevice.objects.filter(user=faraway).exists()
    assert mail.outbox == []


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
