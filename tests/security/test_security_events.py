"""Security events in the audit trail (issue 13): sign-in failures and lockouts, refused access,
and every download of personal data, one row each with who, what and how many rows."""

import pytest
from django.test import Client
from django.urls import reverse

from domain.accounts.roles import Role
from domain.audit.models import AuditEvent
from domain.organisations.models import OrganisationKind
from tests.architecture.test_url_matrix import MATRIX, client_for, url_kwargs
from tests.conftest import person_in_role, sign_in
from tests.factories import OrganisationFactory, region

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"
ADDRESS = "203.0.113.7"


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def try_sign_in(email, password, client=None):
    client = client or Client()
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password}, REMOTE_ADDR=ADDRESS)


def test_a_failed_sign_in_is_recorded_against_the_account_with_the_address():
    person = person_in_role(Role.SYSTEM_LEADER)
    try_sign_in(person.email.upper(), "wrong-password-1")
    (event,) = events("security.sign_in.failed")
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(person.pk))
    assert event.data["email"] == person.email and event.data["address"] == ADDRESS
    assert event.actor is None


def test_a_failure_for_an_address_without_an_account_keeps_no_email():
    try_sign_in("nobody-here@example.test", "wrong-password-1")
    (event,) = events("security.sign_in.failed")
    assert event.data["email"] == "" and "nobody-here" not in str(event.data) + event.subject_label


def test_a_lockout_is_recorded():
    person = person_in_role(Role.SYSTEM_LEADER)
    client = Client()
    for _ in range(5):
        try_sign_in(person.email, "wrong-password-1", client)
    assert len(events("security.sign_in.failed")) == 5
    (locked,) = events("security.sign_in.locked_out")
    assert locked.subject_id == str(person.pk) and locked.data["address"] == ADDRESS


def test_a_signed_in_person_refused_a_page_is_recorded(client):
    leader = person_in_role(Role.SYSTEM_LEADER)
    sign_in(client, leader)
    assert client.get(reverse("regional:organisations")).status_code == 403
    (event,) = events("security.access.refused")
    assert event.actor == leader
    assert event.data["status"] == 403 and event.data["path"] == reverse("regional:organisations")


def test_another_regions_record_answers_404_and_is_recorded(client):
    representative = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=region("London")),
    )
    faraway = OrganisationFactory(region=region("North West"))
    sign_in(client, representative)
    url = reverse("regional:organisation", kwargs={"organisation_id": faraway.pk})
    assert client.get(url).status_code == 404
    (event,) = events("security.access.refused")
    assert event.actor == representative
    assert event.data["status"] == 404 and event.data["record"] == {"organisation_id": str(faraway.pk)}


def test_a_page_not_found_that_names_no_record_is_not_recorded(client):
    sign_in(client, person_in_role(Role.SYSTEM_LEADER))
    assert client.get("/no-such-page/").status_code == 404
    assert events("security.access.refused") == []


# Every download of personal data: (URL name, what the audit row says).
DOWNLOADS = [
    ("events:cpd-export", "CPD record"),
    ("events:booking-certificate", "Certificate of attendance"),
    ("events:organise-export", "Bookings for an event"),
    ("directory:download", "Directory of system leaders"),
    ("deployments:invoices-export", "Invoices"),
    ("register:export", "Register of system leaders"),
    ("broker:minutes", "Panel meeting minutes"),
    ("deployments:contract-pdf", "Contract"),
]


@pytest.mark.parametrize(("url_name", "what"), DOWNLOADS)
def test_each_download_of_personal_data_is_recorded(url_name, what, world):
    role = next(r for r, status in MATRIX[url_name].items() if status == 200 and r != "signed out")
    client = client_for(Client(), role)
    response = client.get(reverse(url_name, kwargs=url_kwargs(world).get(url_name)))
    assert response.status_code == 200
    (event,) = events("security.download")
    assert event.data["what"] == what
    assert event.actor is not None and event.actor.memberships.filter(role=role).exists()
    assert event.data["path"] == response.wsgi_request.path
    if response["Content-Type"].startswith(("text/csv", "application/vnd")):
        body = response.content.decode("utf-8-sig") if "csv" in response["Content-Type"] else ""
        if body:
            assert event.data["rows"] == len(body.strip().splitlines()) - 1
        else:
            assert isinstance(event.data["rows"], int)
    else:
        assert event.data["rows"] == 1
