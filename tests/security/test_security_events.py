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


def try_sign_in(email, password, client=None, address=ADDRESS):
    client = client or Client()
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password}, REMOTE_ADDR=address)


def test_a_failed_sign_in_is_recorded_against_the_account_with_the_address():
    person = person_in_role(Role.SYSTEM_LEADER)
    try_sign_in(person.email.upper(), "wrong-password-1")
    (event,) = events("security.sign_in.failed")
    assert (event.subject_type, event.subject_id) == ("security.user", str(person.pk))
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


# --- the regional representative's page ----------------------------------------------------------

PAGE = reverse("regional:security-events")


def rows(response) -> list[list[str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    return [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in soup.select("tbody tr")]


@pytest.fixture
def two_regions():
    home = region("Yorkshire and the Humber")
    away = region("London")
    representative = person_in_role(
        Role.REGIONAL_REPRESENTATIVE,
        organisation=OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=home),
    )
    ours = person_in_role(Role.TSA_COORDINATOR, organisation=OrganisationFactory(region=home))
    theirs = person_in_role(Role.TSA_COORDINATOR, organisation=OrganisationFactory(region=away))
    return representative, ours, theirs


def test_the_representative_sees_the_security_events_of_their_region_only(client, two_regions):
    representative, ours, theirs = two_regions
    try_sign_in(ours.email, "wrong-password-1")
    try_sign_in(theirs.email, "wrong-password-1")
    try_sign_in("nobody-here@example.test", "wrong-password-1")
    sign_in(client, representative)
    found = rows(client.get(PAGE))
    assert len(found) == 1
    assert found[0][1:] == ["Sign-in failed", ours.email, f"From address {ADDRESS}"]


def test_the_page_filters_by_kind_person_and_dates(client, two_regions, frozen_clock):
    import datetime as dt

    representative, ours, _ = two_regions
    other = person_in_role(Role.PANEL_MEMBER, organisation=ours.memberships.first().organisation)
    try_sign_in(ours.email, "wrong-password-1")
    frozen_clock.shift(dt.timedelta(days=2))
    try_sign_in(other.email, "wrong-password-1")
    sign_in(client, representative)
    client.get(reverse("regional:organisation", kwargs={"organisation_id": 999999}))  # a refused record
    assert len(rows(client.get(PAGE))) == 3
    assert [r[1] for r in rows(client.get(PAGE, {"kind": "security.access.refused"}))] == ["Access refused"]
    assert [r[2] for r in rows(client.get(PAGE, {"email": ours.email.upper()}))] == [ours.email]
    first_day = {"since-day": "22", "since-month": "11", "since-year": "2026"}
    last_day = {"until-day": "22", "until-month": "11", "until-year": "2026"}
    assert [r[2] for r in rows(client.get(PAGE, {**first_day, **last_day}))] == [ours.email]
    assert len(rows(client.get(PAGE, {"since-day": "23", "since-month": "11", "since-year": "2026"}))) == 2


def test_a_wrong_filter_is_explained_and_changes_nothing(client, two_regions):
    representative, _, _ = two_regions
    sign_in(client, representative)
    response = client.get(
        PAGE, {"email": "not-an-address", "since-day": "31", "since-month": "2", "since-year": "2026"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter an email address in the correct format" in text
    assert "The first day must be a real date" in text


def test_the_page_is_paginated_and_runs_the_same_queries_however_many_events(client, two_regions):
    from tests.queries import assert_constant_queries

    representative, ours, _ = two_regions
    sign_in(client, representative)
    try_sign_in(ours.email, "wrong-password-1")

    def grow():
        for n in range(13):
            try_sign_in(ours.email, f"wrong-password-{n}", address=f"192.0.2.{n + 1}")

    response = assert_constant_queries(lambda: client.get(PAGE), grow)
    assert len(rows(response)) == 25
    assert len(rows(client.get(PAGE, {"page": 2}))) == 2


def test_the_regional_admin_links_to_the_page(client, two_regions):
    sign_in(client, two_regions[0])
    assert f'href="{PAGE}"' in client.get(reverse("regional:organisations")).content.decode()
