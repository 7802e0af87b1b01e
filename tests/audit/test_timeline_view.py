"""The timeline page: who changed what, when, from what to what, and why; scoped to the reader."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from domain.accounts.roles import Role
from domain.accounts.services import membership_add, membership_change
from domain.audit.models import AuditEvent
from domain.audit.services import audit_record
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role
from tests.queries import assert_constant_queries
from web.portal.timeline import action_label

pytestmark = pytest.mark.django_db


def timeline_url(obj):
    return reverse("portal:timeline", args=[f"{obj._meta.app_label}.{obj._meta.model_name}", obj.pk])


@pytest.fixture
def alliances():
    return factories.OrganisationFactory(name="Our Alliance"), factories.OrganisationFactory(name="Their Alliance")


@pytest.fixture
def coordinator(alliances):
    return person_in_role(Role.TSA_COORDINATOR, organisation=alliances[0], full_name="Casey Coordinator")


@pytest.fixture
def representative():
    body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY)
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body, full_name="Robin Representative")


def test_a_coordinator_reads_a_membership_timeline_in_their_organisation(signed_in, alliances, coordinator):
    leader = factories.UserFactory(full_name="Lee Leader")
    membership = membership_add(actor=coordinator, user=leader, organisation=alliances[0], role=Role.SYSTEM_LEADER)
    membership_change(actor=coordinator, membership=membership, event="end", reason="Moved to another region")
    response = signed_in(coordinator).get(timeline_url(membership))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Timeline of changes" in html
    assert "Role added" in html and "Role ended" in html
    assert html.index("Role ended") < html.index("Role added")  # newest first
    assert "Before: Active. After: Ended." in html
    assert "Why: Moved to another region" in html
    assert "22 November 2026 at 10am</time>, by Casey Coordinator" in html


def test_a_coordinator_reads_their_own_organisations_timeline(signed_in, alliances, coordinator):
    with transaction.atomic():
        audit_record(
            actor=None,
            action="organisations.organisation.mou_signed",
            subject=alliances[0],
            from_state="draft",
            to_state="signed",
        )
    html = signed_in(coordinator).get(timeline_url(alliances[0])).content.decode()
    assert "Organisation mou signed" in html
    assert "by The service" in html
    assert "Before: Draft. After: Signed." in html


def test_a_step_of_a_workflow_reads_in_plain_words(signed_in, alliances, coordinator):
    """The step's own words and its states' labels, not their stored names ("triaged", "on_agenda")."""
    with transaction.atomic():
        audit_record(
            actor=coordinator,
            action="commissioning.request.schedule",
            subject=alliances[0],
            from_state="triaged",
            to_state="on_agenda",
        )
        audit_record(actor=coordinator, action="training.booking.created", subject=alliances[0], to_state="confirmed")
    response = signed_in(coordinator).get(timeline_url(alliances[0]))
    items = [li.get_text(" ", strip=True) for li in BeautifulSoup(response.content, "html.parser").select("main li")]
    assert items[1].startswith("Put on a panel's agenda")
    assert items[1].endswith("Before: Accepted for matching. After: On a panel's agenda.")
    assert items[0].startswith("Booking created") and items[0].endswith("After: Booked.")
    html = response.content.decode()
    assert "triaged" not in html and "on agenda" not in html and "Request schedule" not in html


def test_another_organisations_timeline_is_not_found(signed_in, alliances, coordinator):
    membership = factories.MembershipFactory(organisation=alliances[1], role=Role.SYSTEM_LEADER)
    client = signed_in(coordinator)
    assert client.get(timeline_url(alliances[1])).status_code == 404
    assert client.get(timeline_url(membership)).status_code == 404


def test_a_regional_representative_reads_any_timeline_in_the_region(signed_in, alliances, representative):
    client = signed_in(representative)
    assert client.get(timeline_url(alliances[1])).status_code == 200
    assert client.get(timeline_url(factories.SchoolFactory())).status_code == 200
    far = factories.OrganisationFactory(region=factories.region("London"))
    assert client.get(timeline_url(far)).status_code == 404


def test_people_without_a_staff_role_are_refused(signed_in, alliances):
    leader = person_in_role(Role.SYSTEM_LEADER, organisation=alliances[0])
    assert signed_in(leader).get(timeline_url(alliances[0])).status_code == 403


def test_bad_references_are_not_found(signed_in, representative):
    client = signed_in(representative)
    for path in (
        "/home/timeline/organisations.organisation/999999/",
        "/home/timeline/organisations.organisation/abc/",
        "/home/timeline/accounts.nosuch/1/",
    ):
        assert client.get(path).status_code == 404, path


def test_an_empty_timeline_says_so(signed_in, alliances, coordinator):
    html = signed_in(coordinator).get(timeline_url(alliances[0])).content.decode()
    assert "Nothing has been recorded for this organisation yet." in html


def test_the_home_page_links_a_coordinator_to_their_organisations_timeline(signed_in, alliances, coordinator):
    html = signed_in(coordinator).get(reverse("portal:home")).content.decode()
    assert f'href="{timeline_url(alliances[0])}"' in html


def test_the_timeline_runs_the_same_queries_however_long_it_is(signed_in, alliances, representative):
    organisation = alliances[0]
    client = signed_in(representative)
    counter = iter(range(1000))

    def grow():
        for _ in range(5):
            n = next(counter)
            AuditEvent.objects.create(
                occurred_at=timezone.now() - dt.timedelta(minutes=n),
                actor=factories.UserFactory(),
                action=f"organisations.organisation.changed_{n}",
                subject_type="organisations.organisation",
                subject_id=str(organisation.pk),
                from_state="a",
                to_state="b",
                reason="because",
            )

    grow()
    response = assert_constant_queries(lambda: client.get(timeline_url(organisation)), grow)
    assert response.content.decode().count("Why: because") == 15


def test_the_person_timeline_runs_the_same_queries_whatever_their_roles(signed_in, alliances, representative):
    person = factories.MembershipFactory(organisation=alliances[0], role=Role.SYSTEM_LEADER).user
    client = signed_in(representative)
    assert_constant_queries(
        lambda: client.get(timeline_url(person)),
        lambda: factories.MembershipFactory(user=person, organisation=factories.OrganisationFactory()),
    )


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("accounts.membership.end", "Role ended"),
        ("designation.application.submitted", "Application submitted"),
        ("deployments.notes_of_visit.added", "Notes of visit added"),
        ("commissioning.request.unschedule", "Take off the agenda"),
        ("single", "Single"),
        ("", "Change"),
    ],
)
def test_action_labels_read_well(action, label):
    assert action_label(action) == label
