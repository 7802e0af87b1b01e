"""Racing attempts for the PostgreSQL concurrency tests (tests/leaders/test_concurrency.py,
tests/deployments/payments/test_concurrency.py). Each attempt runs in its own thread, on its own
database connection and in its own transaction, released together by a barrier. SQLite lets one
writer at a time, so there is no race to lose there: the modules skip themselves on it.

A module uses it with

    pytestmark = POSTGRESQL_ONLY
    from tests.concurrency import _migrated_data_only, transactional_db  # noqa: F401 (fixtures)
"""

import threading

import pytest
from django.db import connection, connections

# Every skip of a test that only PostgreSQL can run starts its reason with this (and every skip of
# one that only SQLite can run with SQLITE_ONLY_REASON): CI's check of the PostgreSQL step
# (scripts/check-test-report) fails the step if any such test was skipped there.
POSTGRESQL_ONLY_REASON = "PostgreSQL only:"
SQLITE_ONLY_REASON = "SQLite only:"

# Not the django_db marker: its autouse fixture would restore the serialized data before
# `_migrated_data_only` empties the database, and a transactional test run before this one (whose
# flush made the content types again with new keys) would then break that restore. Requesting the
# `transactional_db` below puts the emptying first.
POSTGRESQL_ONLY = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason=f"{POSTGRESQL_ONLY_REASON} needs its concurrent transactions"
    ),
    pytest.mark.usefixtures("transactional_db"),
]


@pytest.fixture
def _migrated_data_only(django_db_blocker):
    """As tests/browser/conftest.py: starts from an emptied database that serialized rollback fills
    with what the migrations made (the regions), and puts that back afterwards, so that the tests
    after these still find the regions."""
    from django.core.management import call_command

    def empty_then_migrated(restore: bool) -> None:
        with django_db_blocker.unblock():
            for alias in connections:
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    verbosity=0,
                    reset_sequences=False,
                    inhibit_post_migrate=True,
                )
                contents = getattr(connections[alias], "_test_serialized_contents", None)
                if restore and contents is not None:
                    connections[alias].creation.deserialize_db_from_string(contents)

    empty_then_migrated(restore=False)
    yield
    empty_then_migrated(restore=True)


@pytest.fixture
def transactional_db(_migrated_data_only, django_db_serialized_rollback, transactional_db):
    """pytest-django's transactional database, starting from (and ending with) the migrated data."""


def race(attempts, *, refusal: type[Exception]):
    """Runs each callable in its own thread at the same moment; returns (successes, refusals (the
    messages of `refusal`), other errors)."""
    barrier = threading.Barrier(len(attempts))
    successes, refusals, errors = [], [], []
    lock = threading.Lock()

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            result = attempt()
            with lock:
                successes.append(result)
        except refusal as refused:
            with lock:
                refusals.append(str(refused))
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
