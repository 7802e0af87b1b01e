"""Simultaneous drafts cannot invoice the same evidenced days twice, nor take the same number:
invoice_draft locks the deployment and the alliance. Each attempt runs in its own thread, on its
own connection and in its own transaction, released together by a barrier. PostgreSQL only (as
tests/leaders/test_concurrency.py): SQLite lets one writer at a time, so there is no race there."""

from decimal import Decimal

from domain.deployments import invoice_services as invoices
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Invoice
from tests.concurrency import POSTGRESQL_ONLY, _migrated_data_only, transactional_db  # noqa: F401 (fixtures)
from tests.concurrency import race as racing
from tests.deployments import builders

from .helpers import agree_contract, share_visit

N = 6

pytestmark = POSTGRESQL_ONLY


def race(attempts):
    return racing(attempts, refusal=DeploymentRefused)


def test_simultaneous_drafts_take_each_evidenced_day_once_with_distinct_numbers():
    cast = builders.deployment()
    agree_contract(cast)
    share_visit(cast.deployment, "2")

    successes, refusals, errors = race(
        [lambda: invoices.invoice_draft(actor=cast.coordinator, deployment=cast.deployment, days="1") for _ in range(N)]
    )

    assert errors == []
    assert len(successes) == 2
    assert len(refusals) == N - 2
    assert all("more days than the notes of visit evidence" in r for r in refusals), refusals
    drafted = list(Invoice.objects.filter(deployment=cast.deployment))
    assert sum(i.days for i in drafted) == Decimal("2")
    assert sorted(i.number for i in drafted) == ["INV-2026-0001", "INV-2026-0002"]
