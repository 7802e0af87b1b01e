"""The kinds of task the demo region does not hold, each through its life on the home page:
created, shown with a link to the item itself, done through the item's service, and gone."""

import datetime as dt

import pytest
from django.urls import reverse

from domain.commissioning import offer_services
from domain.commissioning import request_services as requests
from domain.deployments import invoice_services, review_services, variation_services
from domain.deployments import visit_services as visits
from domain.deployments.models import Party, ReviewKind
from domain.training import services as training
from tests.commissioning import builders as cb
from tests.deployments import builders
from tests.deployments.concerns import helpers as review_helpers
from tests.deployments.contract.helpers import agree, proposed
from tests.deployments.payments.helpers import agree_contract, share_visit
from tests.deployments.visits.helpers import activate, at, note
from tests.training import builders as tb
from tests.training_web.delegate.test_induction import past_induction

from .tasks import goes_through

pytestmark = pytest.mark.django_db


def test_a_contract_to_agree_opens_it_and_goes_once_agreed(client):
    cast = builders.deployment()
    version = proposed(cast)
    goes_through(
        client,
        cast.client,
        "contract",
        opens=reverse("deployments:contract", args=[cast.deployment.pk]),
        do=lambda: agree(cast, version, Party.CLIENT),
    )


def test_a_note_of_visit_due_opens_the_note_says_when_and_goes_once_shared(client, frozen_clock):
    cast = builders.deployment()
    activate(cast)
    visit = visits.visit_plan(actor=cast.leader, deployment=cast.deployment, visited_on=dt.date(2026, 12, 3))
    at(frozen_clock, dt.date(2026, 12, 4))
    home = client.get(reverse("portal:home"))  # not yet signed in: asks for it
    assert home.status_code == 302
    goes_through(
        client,
        cast.leader,
        "visit_note",
        opens=reverse("deployments:visit-note", args=[cast.deployment.pk, visit.pk]),
        do=lambda: visits.visit_note_share(actor=cast.leader, visit=visit, note=note()),
    )


def test_the_due_date_is_shown_and_an_overdue_task_says_so(client, frozen_clock):
    from bs4 import BeautifulSoup

    from tests.conftest import sign_in

    cast = builders.deployment()
    activate(cast)
    visit = visits.visit_plan(actor=cast.leader, deployment=cast.deployment, visited_on=dt.date(2026, 12, 3))
    at(frozen_clock, dt.date(2026, 12, 4))
    page = BeautifulSoup(sign_in(client, cast.leader).get(reverse("portal:home")).content, "html.parser")
    task = page.select_one("[data-task=visit_note]").get_text(" ", strip=True)
    assert f"Due {visit.note_due_on.day} {visit.note_due_on:%B %Y}" in task
    assert "Overdue" not in task
    at(frozen_clock, visit.note_due_on + dt.timedelta(days=1))
    page = BeautifulSoup(sign_in(client, cast.leader).get(reverse("portal:home")).content, "html.parser")
    assert "Overdue" in page.select_one("[data-task=visit_note]").get_text(" ", strip=True)


def test_a_request_for_more_days_opens_it_and_goes_once_decided(client):
    cast = builders.deployment()
    activate(cast)
    variation = variation_services.variation_request(
        actor=cast.leader, deployment=cast.deployment, days="1", reason="R"
    )
    goes_through(
        client,
        cast.coordinator,
        "variation",
        opens=reverse("deployments:variation-decide", args=[cast.deployment.pk, variation.pk]),
        do=lambda: variation_services.variation_refuse(actor=cast.coordinator, variation=variation, reason="No"),
    )


def test_a_review_due_opens_its_form_and_goes_once_recorded(client, frozen_clock):
    cast = review_helpers.started()
    review_helpers.activate(cast)
    frozen_clock.move_to(dt.datetime(2026, 11, 30, 10, tzinfo=dt.UTC))
    goes_through(
        client,
        cast.leader,
        "review",
        opens=reverse("deployments:review-record", args=[cast.deployment.pk, str(ReviewKind.MID)]),
        do=lambda: review_services.review_record(
            actor=cast.leader,
            deployment=cast.deployment,
            kind=ReviewKind.MID,
            held_on=dt.date(2026, 11, 30),
            summary="S",
        ),
    )


def test_an_unpaid_invoice_opens_it_and_goes_once_paid(client, frozen_clock):
    cast = builders.deployment()
    agree_contract(cast)
    share_visit(cast.deployment, "1")
    invoice = invoice_services.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    invoice = invoice_services.invoice_issue(actor=cast.coordinator, invoice=invoice)
    frozen_clock.move_to(dt.datetime(2026, 12, 23, 10, tzinfo=dt.UTC))
    goes_through(
        client,
        cast.coordinator,
        "invoice_chase",
        opens=reverse("deployments:invoice", args=[cast.deployment.pk, invoice.pk]),
        do=lambda: invoice_services.invoice_pay(actor=cast.coordinator, invoice=invoice, paid_on=dt.date(2026, 12, 23)),
    )


def test_an_offer_of_another_alliances_leader_opens_it_and_goes_once_agreed(client):
    organisation, coordinator = cb.alliance_with_coordinator(name="Aire Valley Teaching School Alliance")
    pennine, pennine_coordinator = cb.alliance_with_coordinator(kind="hub", name="Pennine Teaching School Hub")
    leader = cb.available_leader(pennine)
    offer = cb.offered(organisation, coordinator, leader)
    offer_services.offer_leader_accept(actor=leader, offer=offer)
    goes_through(
        client,
        pennine_coordinator,
        "offers",
        opens=reverse("offers:detail", args=[offer.pk]),
        do=lambda: offer_services.offer_alliance_agree(actor=pennine_coordinator, offer=offer),
    )


def test_the_leader_offered_to_a_school_opens_its_request_and_goes_once_answered(client):
    organisation, coordinator = cb.alliance_with_coordinator()
    leader = cb.available_leader(organisation, days=10)
    offer = cb.offered(organisation, coordinator, leader)
    offer_services.offer_leader_accept(actor=leader, offer=offer)
    contact = offer.request.submitted_by
    goes_through(
        client,
        contact,
        "client_offers",
        opens=reverse("requests:detail", args=[offer.request_id]),
        do=lambda: offer_services.offer_client_accept(actor=contact, offer=offer),
    )


def test_a_request_from_the_public_form_opens_it_and_goes_once_confirmed(client):
    organisation, _ = cb.alliance_with_coordinator()
    school = cb.school()
    contact = cb.school_contact_of(school)
    request = requests.request_submit(
        actor=None,
        school=school,
        values=cb.values(),
        referrer_kind="client_school",
        preferred_organisation=organisation,
        route="public_form",
        contact={"contact_name": "Sam Example", "contact_email": "sam@example.org", "contact_role": "Head"},
    )
    goes_through(
        client,
        contact,
        "confirm",
        opens=reverse("requests:detail", args=[request.pk]),
        do=lambda: requests.request_confirm(actor=contact, request=request),
    )


def test_a_register_to_take_opens_it_and_goes_once_taken(client):
    organisation, coordinator = tb.alliance_with_coordinator()
    held = past_induction(organisation, coordinator)
    booking = tb.book(held, tb.designate(organisation=organisation, actor=coordinator).person, actor=coordinator)
    goes_through(
        client,
        coordinator,
        "register",
        opens=reverse("events:organise-register", args=[held.pk]),
        do=lambda: training.attendance_record(actor=coordinator, event=held, attended={booking.pk: True}),
    )
