"""The web process and the worker write to one SQLite file at the same time without "database is
locked" (issue 13). The settings (config/settings/base.py) put SQLite in WAL mode with a busy
timeout, and start every transaction with BEGIN IMMEDIATE: a transaction that reads and then writes
waits its turn at its start, rather than failing at its first write when another writer committed
after its read began (SQLite cannot wait there: the snapshot it read is already out of date).

The test database is in memory, so the test adds a database alias for a file, opened with the
project's OPTIONS, and writes to it through Django's connections from two threads (each thread
has its own connection, as two processes would)."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

from tests.concurrency import SQLITE_ONLY_REASON

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason=f"{SQLITE_ONLY_REASON} its own locking")

ALIAS = "sqlite_file"
HOLD = 0.5  # seconds the first writer keeps its transaction open


@pytest.fixture
def file_database(tmp_path, django_db_blocker):
    """The alias ALIAS: a fresh SQLite file with one table, opened with the project's OPTIONS."""
    project = settings.DATABASES["default"]
    configured = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "shared.sqlite3"),
        "OPTIONS": dict(project.get("OPTIONS", {})),
    }
    both = connections.configure_settings({"default": dict(project), ALIAS: configured})
    connections.settings[ALIAS] = both[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
            cursor.execute("INSERT INTO tally (n) VALUES (0)")
        yield connections[ALIAS]
        connections[ALIAS].close()
    del connections[ALIAS]
    del connections.settings[ALIAS]


def test_the_project_asks_for_wal_a_busy_timeout_and_immediate_transactions(file_database):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options.get("transaction_mode") == "IMMEDIATE"
    assert options.get("timeout", 0) >= 5
    with file_database.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def _in_own_connection(work, failures, on_failure):
    def run():
        try:
            work(connections[ALIAS])  # this thread's own connection
        except Exception as error:  # noqa: BLE001 (any failure is what the test looks for)
            failures.append(repr(error))
            on_failure.set()
        finally:
            connections[ALIAS].close()

    return threading.Thread(target=run)


def test_a_read_then_write_waits_for_another_writer_instead_of_failing(file_database):
    first_has_written = threading.Event()
    failures = []

    def first_writer(db):  # say, the worker sending reminders
        with transaction.atomic(using=ALIAS), db.cursor() as cursor:
            cursor.execute("UPDATE tally SET n = n + 1")
            first_has_written.set()
            time.sleep(HOLD)

    def reader_then_writer(db):  # say, a page that reads a row, then writes what follows from it
        assert first_has_written.wait(10)
        with transaction.atomic(using=ALIAS), db.cursor() as cursor:
            cursor.execute("SELECT n FROM tally")
            seen = cursor.fetchone()[0]
            cursor.execute("UPDATE tally SET n = %s", [seen + 10])

    threads = [
        _in_own_connection(first_writer, failures, first_has_written),
        _in_own_connection(reader_then_writer, failures, first_has_written),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert failures == []
    with file_database.cursor() as cursor:
        cursor.execute("SELECT n FROM tally")
        assert cursor.fetchone()[0] == 11, "the second read what the first wrote, then wrote after it"
