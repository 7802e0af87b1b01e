"""Who sees which invoices (invoice_selectors), the alliance's list's filters and queries, and the
coordinators' things to do (invoice_todo)."""

import datetime as dt

import pytest

from domain.accounts.roles import Role
from domain.deployments import invoice_services as invoices
from domain.deployments.invoice_selectors import alliance_invoices, can_see_invoice, invoice_for, invoices_of
from domain.deployments.invoice_todo import to_do_for
from domain.deployments.models import Invoice, Payer
from domain.deployments.workflows import InvoiceStatus
from tests.conftest import person_in_role
from tests.deployments import builders
from tests.queries import assert_constant_queries, count_queries

from .helpers import agree_contract, share_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(cast):
    agree_contract(cast)
    share_visit(cast.deployment, "3")
    draft = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    issued = invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    invoices.invoice_issue(actor=cast.coordinator, invoice=issued)
    return cast, draft, Invoice.objects.get(pk=issued.pk)


def test_the_alliance_sees_every_invoice_and_figure(issued):
    cast, draft, sent = issued
    seen = invoices_of(cast.coordinator, cast.deployment)
    assert [i.pk for i in seen.invoices] == [sent.pk, draft.pk]
    assert (seen.figures, seen.can_draft, seen.evidenced, seen.invoiced, seen.to_invoice) == ("all", True, 3, 2, 1)


def test_the_payer_sees_only_issued_invoices_addressed_to_it(issued):
    cast, draft, sent = issued
    seen = invoices_of(cast.client, cast.deployment)
    assert ([i.pk for i in seen.invoices], seen.figures, seen.can_draft) == ([sent.pk], "all", False)
    assert invoice_for(cast.client, cast.deployment, sent.pk) == sent
    assert invoice_for(cast.client, cast.deployment, draft.pk) is None


def test_a_commissioner_who_does_not_pay_sees_no_invoice(issued):
    cast, _, sent = issued
    assert invoices_of(cast.commissioner, cast.deployment).invoices == []
    assert not can_see_invoice(cast.commissioner, sent)


def test_the_leader_sees_the_remuneration_of_issued_invoices_only(issued):
    cast, _, sent = issued
    seen = invoices_of(cast.leader, cast.deployment)
    assert ([i.pk for i in seen.invoices], seen.figures) == ([sent.pk], "remuneration")
    assert invoice_for(cast.leader, cast.deployment, sent.pk) is None


def test_the_alliances_list_is_its_own_and_filters(issued):
    cast, draft, sent = issued
    other = builders.deployment()
    agree_contract(other)
    share_visit(other.deployment, "1")
    invoices.invoice_draft(actor=other.coordinator, deployment=other.deployment)
    assert {i.pk for i in alliance_invoices(cast.coordinator)} == {draft.pk, sent.pk}
    assert [i.pk for i in alliance_invoices(cast.coordinator, status=InvoiceStatus.ISSUED)] == [sent.pk]
    assert list(alliance_invoices(cast.coordinator, year=2025)) == []
    assert alliance_invoices(cast.client).count() == 0
    # The factories' alliances are in one region: its representative sees both alliances' invoices.
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE)
    assert alliance_invoices(representative).count() == 3


def test_the_alliances_list_runs_a_constant_number_of_queries(issued):
    cast, _, _ = issued
    share_visit(cast.deployment, "4")

    def fetch():
        return [
            (i.number, i.organisation.name, i.deployment.client_school.urn) for i in alliance_invoices(cast.coordinator)
        ]

    assert_constant_queries(
        fetch, lambda: invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1")
    )


def test_coordinators_are_asked_to_invoice_and_to_chase(issued, frozen_clock):
    cast, draft, sent = issued
    texts = [item.text for item in to_do_for(cast.coordinator)]
    assert texts == ["Invoice the evidenced days of a deployment"]
    frozen_clock.move_to(dt.datetime(2026, 12, 22, 10, 0))
    invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment)
    items = to_do_for(cast.coordinator)
    chase = ("invoice_chase", "Chase an invoice unpaid 30 days after it was issued")
    assert [(i.code, i.text) for i in items] == [chase]
    assert to_do_for(cast.leader) == []


def test_free_support_is_not_waiting_for_an_invoice(cast):
    agree_contract(cast, payer=Payer.NOBODY, payer_name="", day_rate="0", rate="0")
    share_visit(cast.deployment, "1")
    assert to_do_for(cast.coordinator) == []


def test_things_to_do_run_a_fixed_number_of_queries(issued):
    cast, _, _ = issued
    before, _ = count_queries(lambda: to_do_for(cast.coordinator))
    other = builders.deployment(organisation=cast.deployment.organisation, coordinator=cast.coordinator)
    agree_contract(other)
    share_visit(other.deployment, "2")
    after, items = count_queries(lambda: to_do_for(cast.coordinator))
    assert items[0].text == "Invoice the evidenced days of 2 deployments"
    # One item costs one query more than many (to find the item the task opens), never the reverse.
    assert after <= before
