"""The import of existing leaders is all-or-nothing while it writes: a write that fails after the
first rows are in (accounts made, roles added, the audit rows, the invitations) leaves every
account, role, designation, association, pen portrait, invitation and audit row as it was, and
the stored upload still says it has not been imported, so that it can be confirmed again.

The assertions run inside the test's own transaction, before it ends: without the import's
`transaction.atomic` they see the half-written import (seen to fail that way)."""

import datetime as dt

import pytest

from domain.accounts import invitations
from domain.accounts.invitations import Invitation
from domain.accounts.models import Membership, User
from domain.audit.bulk import Audit
from domain.audit.models import AuditEvent
from domain.designation.models import Designation
from domain.leaders.cadre_import import writing
from domain.leaders.cadre_import.uploads import cadre_upload_check, cadre_upload_confirm
from domain.leaders.models import Association, CadreUpload, PenPortrait
from domain.notifications.models import Notification
from domain.organisations.models import AllianceMembership, Organisation
from tests.rollback import WriteFailed, fail_on_call

from .helpers import csv_bytes, region_world, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return region_world()


def _first_file() -> bytes:
    return csv_bytes(
        [
            row(
                **{
                    "Term ends": "31 August 2030",
                    "Associated with": "Aire Test Alliance",
                    "Pen portrait": "Leads a primary.",
                }
            ),
        ]
    )


def _second_file() -> bytes:
    """Sam's term and pen portrait change; two new people, one associated with the alliance."""
    return csv_bytes(
        [
            row(
                **{
                    "Term ends": "31 August 2031",
                    "Associated with": "Aire Test Alliance",
                    "Pen portrait": "Leads two primaries.",
                }
            ),
            row(
                **{
                    "Full name": "Robin Sample",
                    "Email address": "robin.sample@school.example",
                    "Role": "SLE",
                    "Specialisms": "Maths",
                    "School URN": "800002",
                    "Designated through": "alliance or hub",
                    "Designated on": "01/09/2024",
                    "Associated with": "Aire Test Alliance",
                    "Pen portrait": "Leads maths in a secondary school.",
                }
            ),
            row(**{"Full name": "Kit Person", "Email address": "kit.person@school.example", "School URN": "800002"}),
        ]
    )


def snapshot() -> dict:
    """Everything the import may write, as plain values."""
    return {
        "users": sorted(User.objects.values_list("email", "full_name", "password")),
        "roles": sorted(Membership.objects.values_list("user_id", "organisation_id", "role", "status")),
        "designations": sorted(
            Designation.objects.values_list("person_id", "role", "status", "ends_on", "school_id", "specialisms")
        ),
        "associations": sorted(Association.objects.values_list("leader_id", "organisation_id", "status")),
        "portraits": sorted(PenPortrait.objects.values_list("leader_id", "version", "status", "experience")),
        "alliance_members": sorted(AllianceMembership.objects.values_list("alliance_id", "school_id")),
        "organisations": sorted(Organisation.objects.values_list("kind", "name", "school_id")),
        "invitations": sorted(Invitation.objects.values_list("user_id", "membership_id", "sent_at", "times_sent")),
        "notifications": Notification.objects.count(),
        "audit": sorted(AuditEvent.objects.values_list("action", "subject_id")),
    }


# Each failure comes after earlier writes of the same import have gone through.
FAILURES = [
    # 1st call: the new accounts; 2nd: their system leader roles.
    pytest.param(writing, "insert_rows", 2, id="adding-roles-after-the-accounts"),
    # After accounts, roles, designations, the association and the pen portraits.
    pytest.param(Audit, "write", 1, id="the-audit-rows"),
    # After everything above and its audit rows.
    pytest.param(invitations, "invitations_create", 1, id="the-invitations"),
]


@pytest.mark.parametrize(("owner", "name", "call"), FAILURES)
def test_a_write_failing_part_way_keeps_nothing_and_the_upload_is_not_imported(world, monkeypatch, owner, name, call):
    actor = world["representative"]
    writing.cadre_import(actor=actor, data=_first_file(), filename="first.csv")
    sam = User.objects.get(email="sam.example@school.example")
    upload = cadre_upload_check(actor=actor, data=_second_file(), filename="second.csv")
    assert upload.checked["ok"], upload.checked["problems"]
    before = snapshot()
    seen = fail_on_call(monkeypatch, owner, name, call)

    with pytest.raises(WriteFailed, match="the disk is full"):
        cadre_upload_confirm(actor=actor, upload=upload, hold_invitations=False)

    assert len(seen) == call, "the failure did not come where the test meant it to"
    assert snapshot() == before
    assert not User.objects.filter(email__in=["robin.sample@school.example", "kit.person@school.example"]).exists()
    assert Designation.objects.get(person=sam).ends_on == dt.date(2030, 8, 31)
    assert PenPortrait.objects.get(leader=sam).experience == "Leads a primary."
    assert not AuditEvent.objects.filter(action="leaders.cadre.imported", subject_id=str(upload.pk)).exists()
    upload = CadreUpload.objects.get(pk=upload.pk)
    assert (upload.imported_at, upload.counts) == (None, {})

    # Nothing half-done stands in the way: the same upload is confirmed once the fault is gone.
    monkeypatch.undo()
    report = cadre_upload_confirm(actor=actor, upload=upload, hold_invitations=False)
    assert report.result.counts == {"created": 2, "updated": 1, "unchanged": 0, "refused": 0}
    assert Designation.objects.get(person=sam).ends_on == dt.date(2031, 8, 31)
