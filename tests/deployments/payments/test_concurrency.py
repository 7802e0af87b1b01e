"""Simultaneous drafts cannot invoice the same evidenced days twice, nor take the same number:
invoice_draft locks the deployment and the alliance. Each attempt runs in its own thread, on its
own connection and in its own transaction, released together by a barrier. PostgreSQL only (as
tests/leaders/test_concurrency.py): SQLite lets one writer at a time, so there is no race there."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from domain.deployments import invoice_services as invoices
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import Invoice
from tests.deployments import builders

from .helpers import agree_contract, share_visit

N = 6

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent transactions"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def _migrated_data_only(django_db_blocker):
    """Starts from an emptied database that serialized rollback fills with what the migrations made,
    and puts that back afterwards (as tests/leaders/test_concurrency.py)."""
    from django.core.management import call_command

    def empty_then_migrated(restore: bool) -> None:
        with django_db_blocker.unblock():
            for alias in connections:
                call_command(
                    "flush", database=alias, interactive=False, verbosity=0, reset_sequences=False,
                    inhibit_post_migrate=True,
                )  # fmt: skip
                contents = getattr(connections[alias], "_test_serialized_contents", None)
                if restore and contents is not None:
                    connections[alias].creation.deserialize_db_from_string(contents)

    empty_then_migrated(restore=False)
    yield
    empty_then_migrated(restore=True)


@pytest.fixture
def transactional_db(_migrated_data_only, django_db_serialized_rollback, transactional_db):
    """pytest-django's transactional database, starting from (and ending with) the migrated data."""


def race(attempts):
    barrier = threading.Barrier(len(attempts))
    successes, refusals, errors = [], [], []
    lock = threading.Lock()

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            result = attempt()
            with lock:
                successes.append(result)
        except DeploymentRefused as refusal:
            with lock:
                refusals.append(str(refusal))
        except BaseException as error:  # an IntegrityError escaping, a deadlock...
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an attempt never finished"
    return successes, refusals, errors


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
