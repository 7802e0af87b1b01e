"""Backup and restore exactly as docs/operations.md tells an operator: `scripts/backup FILE` and
`scripts/restore FILE`, with the database in DATABASE_URL.

PostgreSQL (skipped on SQLite, like the suite's other PostgreSQL-only tests): the demo region in a
database of the test's own (named after the worker's test database, so two xdist workers never
share one; dropped afterwards), backed up, then restored twice: over the same database after later
changes, and into a new database after the old one was dropped. Each time every table's rows,
every sequence, index and constraint match the backup's, and the service serves from it.

SQLite (everywhere): a backup taken while the service holds committed rows in the -wal file and a
request is half-way through writing, then a restore over a database whose service was killed with
its -wal and -shm left behind."""

import hashlib
import os
import re
import sqlite3
import subprocess
import urllib.parse
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from demo.region import DEMO_PASSWORD, build_demo_region
from domain.accounts.models import User
from tests import factories
from tests.concurrency import POSTGRESQL_ONLY_REASON, _migrated_data_only, transactional_db  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup"
RESTORE = ROOT / "scripts" / "restore"

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason=f"{POSTGRESQL_ONLY_REASON} backs up with pg_dump and pg_restore"
)


def run(script: Path, file: Path, database_url: str) -> subprocess.CompletedProcess:
    """The documented command, with DATABASE_URL naming the database as the service's does."""
    env = {**os.environ, "DATABASE_URL": database_url}
    ran = subprocess.run([str(script), str(file)], env=env, capture_output=True, text=True, timeout=300)
    assert ran.returncode == 0, f"{script.name} failed:\n{ran.stdout}\n{ran.stderr}"
    return ran


# PostgreSQL ------------------------------------------------------------------------------------


def server(settings_dict: dict) -> psycopg.Connection:
    """A connection to the server's maintenance database, to create and drop databases."""
    return psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    )


def database_url(settings_dict: dict, name: str) -> str:
    quote = urllib.parse.quote
    credentials = quote(settings_dict["USER"] or "", safe="")
    if settings_dict["PASSWORD"]:
        credentials += ":" + quote(settings_dict["PASSWORD"], safe="")
    return f"postgres://{credentials}@{settings_dict['HOST']}:{settings_dict['PORT']}/{name}"


@pytest.fixture
def own_database(transactional_db, django_db_blocker):  # noqa: F811 (the fixture imported above)
    """A database of the test's own, made from the migrated test database; the default connection
    uses it while the test runs. Yields its DATABASE_URL; drops it afterwards, whatever happened.
    (As the suite's other PostgreSQL-only tests, tests/concurrency.py, it asks for the transactional
    database: that makes the test database exist, and leaves it as it was.)"""
    settings_dict = connections["default"].settings_dict
    test_database = settings_dict["NAME"]  # test_s2s, or test_s2s_gw0 under xdist
    name = f"{test_database}_backup"
    with django_db_blocker.unblock():
        connections.close_all()
        with server(settings_dict) as postgres:
            postgres.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            try:
                postgres.execute(f'CREATE DATABASE "{name}" TEMPLATE "{test_database}"')
                migrated = True
            except psycopg.errors.ObjectInUse:  # another connection to the test database lingers
                postgres.execute(f'CREATE DATABASE "{name}"')
                migrated = False
        settings_dict["NAME"] = name
        try:
            if not migrated:
                call_command("migrate", verbosity=0)
            yield database_url(settings_dict, name)
        finally:
            connections.close_all()
            settings_dict["NAME"] = test_database
            with server(settings_dict) as postgres:
                postgres.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def without_casts(definition: str) -> str:
    """A definition without its casts and brackets. PostgreSQL prints a restored condition's casts
    otherwise than the migration's, the same condition: `(ARRAY['a'::character varying])::text[]`
    comes back as `ARRAY[('a'::character varying)::text]`."""
    return re.sub(r"::[a-z ]+(\[\])?|[()]", "", definition)


def postgresql_contents() -> dict:
    """Every table's row count and a checksum of its rows; every sequence's value; every index
    and constraint as PostgreSQL defines them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [table for (table,) in cursor.fetchall()]
        rows = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            rows[table] = cursor.fetchone()
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        sequences = dict(cursor.fetchall())
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'")
        indexes = {name: without_casts(definition) for name, definition in cursor.fetchall()}
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE connamespace = 'public'::regnamespace"
        )
        constraints = {(table, name, without_casts(definition)) for table, name, definition in cursor.fetchall()}
    connections.close_all()
    return {"rows": rows, "sequences": sequences, "indexes": indexes, "constraints": constraints}


def differences(after: dict, before: dict) -> dict:
    """What differs, part by part (rows, sequences, indexes, constraints), for a readable failure."""
    found = {}
    for part, was in before.items():
        now = after[part]
        if isinstance(was, dict):
            changed = {
                key: (was.get(key), now.get(key)) for key in was.keys() | now.keys() if was.get(key) != now.get(key)
            }
        else:
            changed = {"lost": was - now, "gained": now - was} if was != now else {}
        if changed:
            found[part] = changed
    return found


def assert_the_service_serves(highest_user_id: int) -> None:
    client = Client()
    assert client.get(reverse("public:start")).status_code == 200
    # A demo person signs in with their password (the restored hash) and reaches their home page.
    signed_in = client.post(
        reverse("accounts:sign-in"), {"username": "system.leader@demo.test", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302, "the demo person could not sign in"
    home = client.get(reverse("portal:home"))
    assert home.status_code == 200
    assert "Alex Fernleigh" in home.content.decode()
    # New records take new keys: the sequences came back with the rows.
    assert factories.UserFactory().pk > highest_user_id


@POSTGRESQL_ONLY
def test_a_postgresql_backup_restores_every_row_over_later_changes_and_into_a_new_database(own_database, tmp_path):
    build_demo_region()
    highest_user_id = max(User.objects.values_list("pk", flat=True))
    backed_up = postgresql_contents()
    assert backed_up["rows"]["accounts_user"][0] > 10  # the demo region is there
    assert sum(count for count, _ in backed_up["rows"].values()) > 500
    dump = tmp_path / "s2s.dump"

    run(BACKUP, dump, own_database)

    # The service went on after the backup: rows changed, added and deleted, a table lost.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE schools_school SET name = name || ' (changed)'")
        cursor.execute("DELETE FROM django_session")
        cursor.execute("DROP TABLE audit_auditevent CASCADE")
    factories.UserFactory()
    connections.close_all()
    assert differences(postgresql_contents(), backed_up)

    run(RESTORE, dump, own_database)
    assert differences(postgresql_contents(), backed_up) == {}

    # The database is lost: a new, empty one of the same name, then the same restore.
    name = connection.settings_dict["NAME"]
    with server(connection.settings_dict) as postgres:
        postgres.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        postgres.execute(f'CREATE DATABASE "{name}"')
    run(RESTORE, dump, own_database)
    assert differences(postgresql_contents(), backed_up) == {}

    assert_the_service_serves(highest_user_id)


# SQLite ----------------------------------------------------------------------------------------


def sqlite_contents(path: Path) -> dict:
    """Every table's schema, row count and a checksum of its rows."""
    database = sqlite3.connect(path)
    try:
        tables = database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        contents = {}
        for table, sql in tables:
            rows = sorted(repr(row) for row in database.execute(f'SELECT * FROM "{table}"'))
            contents[table] = (sql, len(rows), hashlib.md5("\n".join(rows).encode()).hexdigest())
        assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        database.close()
    return contents


def a_running_service(path: Path) -> sqlite3.Connection:
    """A database as the service keeps it (config/settings/base.py: WAL, synchronous NORMAL), with
    checkpoints held back so committed rows stay in the -wal file, as they do between checkpoints."""
    service = sqlite3.connect(path, isolation_level=None)
    service.execute("PRAGMA journal_mode=WAL")
    service.execute("PRAGMA synchronous=NORMAL")
    service.execute("PRAGMA wal_autocheckpoint=0")
    service.executescript(
        """
        CREATE TABLE school (id INTEGER PRIMARY KEY, name TEXT NOT NULL, grade INTEGER);
        CREATE TABLE person (id INTEGER PRIMARY KEY, school_id INTEGER REFERENCES school (id),
                             email TEXT UNIQUE NOT NULL, upload BLOB);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
        """
    )
    service.execute("BEGIN")
    service.executemany(
        "INSERT INTO school (name, grade) VALUES (?, ?)", [(f"École {n} Primary — Leeds", n % 4) for n in range(2000)]
    )
    service.executemany(
        "INSERT INTO person (school_id, email, upload) VALUES (?, ?, ?)",
        [(n % 2000 + 1, f"person{n}@demo.test", bytes(range(n % 256)) * 4) for n in range(800)],
    )
    service.execute("COMMIT")
    return service


def copy(source: Path, to: Path) -> None:
    """cp, as another process would: closing a file of the database in this process would drop the
    SQLite locks this process holds on it (POSIX locks belong to the process)."""
    subprocess.run(["cp", str(source), str(to)], check=True)


def test_a_sqlite_backup_taken_while_the_service_writes_restores_exactly(tmp_path):
    path = tmp_path / "db.sqlite3"
    url = f"sqlite:///{path}"
    backup = tmp_path / "backups" / "s2s.sqlite3"
    backup.parent.mkdir()
    service = a_running_service(path)
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    # The committed rows are in the -wal file: a plain copy of db.sqlite3 would miss them.
    assert wal.stat().st_size > 0
    copy(path, tmp_path / "plain-copy.sqlite3")
    assert "school" not in sqlite_contents(tmp_path / "plain-copy.sqlite3")
    committed = sqlite_contents(path)

    # A request is half-way through writing while the backup runs.
    request = sqlite3.connect(path, isolation_level=None, timeout=0)
    request.execute("BEGIN IMMEDIATE")
    request.execute("INSERT INTO audit (what) VALUES ('written during the backup')")
    run(BACKUP, backup, url)
    request.execute("COMMIT")
    request.close()

    assert sqlite_contents(backup) == committed
    assert oct(backup.stat().st_mode & 0o777) == "0o600"  # only the operator reads it

    # The service went on, then was killed: later changes sit in the -wal file left behind.
    service.execute("UPDATE school SET name = name || ' (changed)'")
    service.execute("DELETE FROM person WHERE id % 2 = 0")
    service.execute("INSERT INTO audit (what) VALUES ('after the backup')")
    copy(wal, tmp_path / "left-behind-wal")
    copy(shm, tmp_path / "left-behind-shm")
    service.close()
    copy(tmp_path / "left-behind-wal", wal)
    copy(tmp_path / "left-behind-shm", shm)
    assert wal.stat().st_size > 0
    # (Read on a copy: opening the database itself would replay the -wal file and remove it.)
    (tmp_path / "killed").mkdir()
    for file in (path, wal, shm):
        copy(file, tmp_path / "killed" / file.name)
    assert sqlite_contents(tmp_path / "killed" / path.name) != committed

    run(RESTORE, backup, url)

    assert not wal.exists() and not shm.exists()
    assert sqlite_contents(path) == committed
    # What it replaced is kept beside it, -wal and all.
    replaced = sqlite_contents(tmp_path / "db.sqlite3.before-restore")
    assert replaced["audit"][1] == 2
