import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from domain.deployments import variation_services as variations
from domain.deployments import visit_services as visits
from domain.deployments.models import Variation, Visit
from domain.deployments.workflows import VariationStatus, VisitStatus
from domain.leaders.models import Commitment
from tests.conftest import person_in_role, sign_in
from tests.deployments import builders
from tests.deployments.visits.helpers import activate, at, shared_visit
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

FRIDAY = dt.date(2026, 12, 4)


@pytest.fixture
def active(db):
    cast = builders.deployment()
    activate(cast)
    return cast


def url(name, cast, **kwargs):
    return reverse(f"deployments:{name}", kwargs={"deployment_id": cast.deployment.pk, **kwargs})


def date_fields(day, name="visited_on"):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


NOTE = {
    "hours": "5",
    "days": "1",
    "activities": "Worked with the head on the plan",
    "findings": "Reading is the gap",
    "next_steps": "Governors meeting",
}


def test_the_leader_plans_a_visit(client, active):
    sign_in(client, active.leader)
    assert client.get(url("visit-plan", active)).status_code == 200
    response = client.post(url("visit-plan", active), date_fields(FRIDAY))
    assert response.status_code == 302
    assert Visit.objects.get().visited_on == FRIDAY


def test_a_date_outside_the_deployment_is_shown_as_an_error(client, active):
    sign_in(client, active.coordinator)
    response = client.post(url("visit-plan", active), date_fields(dt.date(2027, 4, 1)))
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "The date of the visit must be between 1 December 2026 and 22 March 2027" in content
    assert not Visit.objects.exists()


def test_an_incomplete_date_gets_the_design_system_s_message(client, active):
    sign_in(client, active.leader)
    response = client.post(url("visit-plan", active), {"visited_on-day": "4", "visited_on-month": "12"})
    assert "The date of the visit must include a year" in response.content.decode()


def test_the_client_may_not_plan_and_a_stranger_does_not_find_the_deployment(client, active):
    sign_in(client, active.client)
    assert client.get(url("visit-plan", active)).status_code == 403
    client.logout()
    sign_in(client, person_in_role("school_contact"))
    assert client.get(url("visit-list", active)).status_code == 404


def test_the_leader_saves_a_draft_then_shares_the_note(client, active, frozen_clock):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    sign_in(client, active.leader)
    note_url = url("visit-note", active, visit_id=visit.pk)
    # Before the visit: a draft only, no share button.
    page = client.get(note_url).content.decode()
    assert "Save as draft" in page and "Share with the school" not in page
    response = client.post(note_url, {"hours": "3", "activities": "Met the head", "action": "save"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.hours == Decimal("3") and visit.status == VisitStatus.PLANNED
    at(frozen_clock, FRIDAY)
    sign_in(client, active.leader)  # a new session: the last one ended while the clock moved on
    # Sharing needs every part: each missing one is its own error.
    response = client.post(note_url, {"hours": "3", "activities": "Met the head", "action": "share"})
    content = response.content.decode()
    assert "Select how many days to log" in content and "Enter what you found" in content
    response = client.post(note_url, {**NOTE, "action": "share"})
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.SHARED and visit.days == 1


def test_sharing_beyond_the_agreed_days_shows_the_refusal(client, active, frozen_clock):
    for day in (1, 2, 3):
        shared_visit(active, frozen_clock, dt.date(2026, 12, day))
    shared_visit(active, frozen_clock, FRIDAY, days="0.5")
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    sign_in(client, active.leader)
    response = client.post(url("visit-note", active, visit_id=visit.pk), {**NOTE, "action": "share"})
    assert "You have 0.5 days left of the 4 agreed. Ask for a variation to log more" in response.content.decode()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PLANNED


def test_the_client_and_the_commissioner_read_a_note_only_once_shared(client, active, frozen_clock):
    planned = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, 10))
    shared = shared_visit(active, frozen_clock, FRIDAY)
    for person in (active.client, active.commissioner):
        client.logout()
        sign_in(client, person)
        assert client.get(url("visit", active, visit_id=planned.pk)).status_code == 404
        page = client.get(url("visit", active, visit_id=shared.pk))
        assert page.status_code == 200 and "Reading is the gap" not in page.content.decode()
        assert "The plan has clear targets for reading" in page.content.decode()
        assert client.get(url("visit-note", active, visit_id=shared.pk)).status_code == 403
    client.logout()
    sign_in(client, active.coordinator)
    assert client.get(url("visit", active, visit_id=planned.pk)).status_code == 200
    assert client.get(url("visit-note", active, visit_id=planned.pk)).status_code == 403


def test_the_leader_records_a_visit_after_the_event(client, active, frozen_clock):
    at(frozen_clock, dt.date(2026, 12, 8))
    sign_in(client, active.leader)
    response = client.post(url("visit-record", active), {**date_fields(FRIDAY), **NOTE})
    assert response.status_code == 302
    assert Visit.objects.get().status == VisitStatus.SHARED
    response = client.post(url("visit-record", active), {**date_fields(dt.date(2026, 11, 20)), **NOTE})
    assert "The date of the visit must be between" in response.content.decode()
    assert Visit.objects.count() == 1


def test_a_visit_is_cancelled_with_a_reason(client, active):
    visit = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=FRIDAY)
    sign_in(client, active.coordinator)
    cancel_url = url("visit-cancel", active, visit_id=visit.pk)
    assert "Enter why the visit is cancelled" in client.post(cancel_url, {"reason": ""}).content.decode()
    assert client.post(cancel_url, {"reason": "Snow"}).status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.CANCELLED


def test_the_visits_list_runs_a_constant_number_of_queries(client, active):
    sign_in(client, active.coordinator)
    day = iter(range(1, 28))
    variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")

    def grow():
        visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, next(day)))

    grow()
    response = assert_constant_queries(lambda: client.get(url("visit-list", active)), grow)
    content = response.content.decode()
    assert content.count('class="govuk-table__row"') >= 3
    assert "Decide<span" in content


def test_the_deployment_page_shows_time_logged_with_a_warning_at_80_percent(client, active, frozen_clock):
    for day in (1, 2):
        shared_visit(active, frozen_clock, dt.date(2026, 12, day))
    sign_in(client, active.client)
    page = client.get(url("detail", active)).content.decode()
    assert "2 of 4 days" in page and "govuk-warning-text" not in page
    assert "Plan a visit" not in page  # the client reads, the leader and the alliance plan
    shared_visit(active, frozen_clock, dt.date(2026, 12, 3))
    shared_visit(active, frozen_clock, FRIDAY, days="0.5")
    sign_in(client, active.client)
    page = client.get(url("detail", active)).content.decode()
    assert "3.5 of 4 days" in page and "govuk-warning-text" in page


def test_the_leader_asks_for_more_days_and_the_alliance_approves_with_an_override(client, active):
    sign_in(client, active.leader)
    response = client.post(url("variation-request", active), {"days": "1.25", "reason": "Why"})
    assert "Enter the extra days in whole or half days" in response.content.decode()
    response = client.post(url("variation-request", active), {"days": "10", "reason": "A second phase"})
    assert response.status_code == 302
    variation = Variation.objects.get()
    assert client.get(url("variation-decide", active, variation_id=variation.pk)).status_code == 403
    client.logout()
    sign_in(client, active.coordinator)
    decide_url = url("variation-decide", active, variation_id=variation.pk)
    response = client.post(decide_url, {"decision": "approve", "reason": ""})
    assert "Give a reason to approve the extra days anyway" in response.content.decode()
    response = client.post(decide_url, {"decision": "approve", "reason": "The leader has agreed the extra time"})
    assert response.status_code == 302
    variation.refresh_from_db()
    assert variation.status == VariationStatus.APPROVED
    assert active.refresh().allowed_days == Decimal("14")
    assert Commitment.objects.filter(override_reason="The leader has agreed the extra time").exists()


def test_the_alliance_refuses_more_days_saying_why(client, active):
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    sign_in(client, active.coordinator)
    decide_url = url("variation-decide", active, variation_id=variation.pk)
    assert "Enter why the extra days are refused" in client.post(decide_url, {"decision": "refuse"}).content.decode()
    assert client.post(decide_url, {"decision": "refuse", "reason": "No budget"}).status_code == 302
    variation.refresh_from_db()
    assert variation.status == VariationStatus.REFUSED


def test_every_page_has_unique_ids_and_one_main_heading(client, active, frozen_clock):
    shared = shared_visit(active, frozen_clock, dt.date(2026, 12, 1))
    planned = visits.visit_plan(actor=active.leader, deployment=active.deployment, visited_on=dt.date(2026, 12, 10))
    variation = variations.variation_request(actor=active.leader, deployment=active.deployment, days="1", reason="Why")
    pages = {
        active.leader: [
            url("visit-list", active),
            url("visit-plan", active),
            url("visit-record", active),
            url("visit", active, visit_id=shared.pk),
            url("visit", active, visit_id=planned.pk),
            url("visit-note", active, visit_id=planned.pk),
            url("visit-cancel", active, visit_id=planned.pk),
            url("variation-request", active),
        ],
        active.coordinator: [url("variation-decide", active, variation_id=variation.pk)],
    }
    for person, urls in pages.items():
        sign_in(client, person)
        for address in urls:
            response = client.get(address)
            assert response.status_code == 200, address
            html = response.content.decode()
            ids = re.findall(r'\sid="([^"]+)"', html)
            assert len(ids) == len(set(ids)), f"{address}: duplicate ids"
            assert html.count("<h1") == 1, address
