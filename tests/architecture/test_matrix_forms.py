"""The matrix's check that a refused POST changed nothing (matrix_forms.writes_recorded): it takes
the database's fingerprint again only after a statement that may have changed it, so it must see
every such statement, and let through only the session and the security events."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from domain.audit.security_events import ACCESS_REFUSED, security_event_record
from domain.organisations.models import Region
from tests.architecture.matrix_forms import changed_tables, fingerprint, writes_recorded

pytestmark = pytest.mark.django_db


def test_every_kind_of_write_is_recorded():
    with writes_recorded() as writes:
        region = Region.objects.create(name="Somewhere", code="ZZ")
    assert len(writes) == 1
    with writes_recorded() as writes:
        Region.objects.filter(pk=region.pk).update(name="Elsewhere")
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {Region._meta.db_table} WHERE id = %s", [region.pk])  # noqa: S608
    assert len(writes) == 2


def test_reading_signing_in_and_a_security_event_are_not_changes():
    before = fingerprint()
    with writes_recorded() as writes:
        list(Region.objects.all())
        session = SessionStore()
        session["seen"] = True
        session.save()
        security_event_record(action=ACCESS_REFUSED, subject_type="page", subject_id="x")
    assert writes == []
    assert changed_tables(before, fingerprint()) == []
