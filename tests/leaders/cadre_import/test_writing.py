"""The import on the database: created, re-run unchanged, updated when a fact changes, and
all-or-nothing."""

import datetime as dt
from unittest import mock

import pytest

from domain.accounts.invitations import Invitation
from domain.accounts.models import Membership, User
from domain.audit.models import AuditEvent
from domain.designation.models import Designation
from domain.leaders.cadre_import import writing
from domain.leaders.cadre_import.writing import CadreImportRefused, cadre_import, check_file
from domain.leaders.models import Association, PenPortrait
from domain.organisations.models import AllianceMembership, Organisation

from .helpers import csv_bytes, region_world, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return region_world()


def _file():
    return csv_bytes(
        [
            row(),
            row(
                **{
                    "Full name": "Robin Sample",
                    "Email address": "Robin.Sample@school.example",
                    "Role": "Specialist leader of education",
                    "Specialisms": "Maths; special educational needs",
                    "School URN": "800002",
                    "Designated through": "alliance or hub",
                    "Designated on": "01/09/2024",
                    "Associated with": "Aire Test Alliance",
                    "Pen portrait": "Leads maths in a secondary school.",
                }
            ),
            row(
                **{
                    "Full name": "Robin Sample",
                    "Email address": "robin.sample@school.example",
                    "Role": "NLE",
                    "School URN": "800002",
                    "Designated through": "2014 to 2015 pilot",
                    "Designated on": "2015-03-01",
                    "Term ends": "31 August 2030",
                }
            ),
        ]
    )


def test_an_import_creates_accounts_roles_designations_associations_and_portraits(world):
    report = cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv")
    assert report.result.counts == {"created": 3, "updated": 0, "unchanged": 0, "refused": 0}
    robin = User.objects.get(email="robin.sample@school.example")
    assert not robin.has_usable_password()
    sle = Designation.objects.get(person=robin, role="sle")
    assert (sle.source, sle.organisation, sle.specialisms) == ("tsa_or_hub", world["alliance"], ["maths", "send"])
    assert sle.phases == ["secondary"]  # from the school's phase
    assert sle.ends_on == dt.date(2027, 8, 31)  # the role's term
    nle = Designation.objects.get(person=robin, role="nle")
    assert (nle.source, nle.organisation, nle.ends_on) == ("pilot", None, dt.date(2030, 8, 31))
    association = Association.objects.get(leader=robin)
    assert (association.status, association.organisation, association.origin) == ("active", world["alliance"], "import")
    portrait = PenPortrait.objects.get(leader=robin)
    assert (portrait.status, portrait.experience) == ("submitted", "Leads maths in a secondary school.")
    school_org = Organisation.objects.get(school=world["second"])
    assert Membership.objects.filter(user=robin, organisation=school_org, role="system_leader").count() == 1
    assert AllianceMembership.objects.filter(alliance=world["alliance"], school=world["second"]).exists()
    assert Invitation.objects.filter(user=robin).count() == 1
    assert AuditEvent.objects.filter(action="leaders.cadre.imported").count() == 1
    assert AuditEvent.objects.get(action="leaders.cadre.imported").data["created"] == 3
    assert AuditEvent.objects.filter(action="designation.designation.created").count() == 3
    assert AuditEvent.objects.filter(action="leaders.association.created").count() == 1


def test_the_same_file_twice_changes_nothing(world):
    cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv")
    counts = (
        User.objects.count(),
        Designation.objects.count(),
        Association.objects.count(),
        PenPortrait.objects.count(),
    )
    again = cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv")
    assert again.result.counts == {"created": 0, "updated": 0, "unchanged": 3, "refused": 0}
    assert counts == (
        User.objects.count(),
        Designation.objects.count(),
        Association.objects.count(),
        PenPortrait.objects.count(),
    )
    assert Invitation.objects.count() == 2  # nobody invited twice


def test_a_changed_pen_portrait_and_term_end_update_the_rows(world):
    cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv")
    changed = _file().replace(b"Leads maths in a secondary school.", b"Leads maths and science.")
    changed = changed.replace(b"31 August 2030", b"31 August 2031")
    result = check_file(actor=world["representative"], data=changed)
    assert result.counts == {"created": 0, "updated": 2, "unchanged": 1, "refused": 0}
    cadre_import(actor=world["representative"], data=changed, filename="leaders.csv")
    robin = User.objects.get(email="robin.sample@school.example")
    assert Designation.objects.get(person=robin, role="nle").ends_on == dt.date(2031, 8, 31)
    assert PenPortrait.objects.get(leader=robin).experience == "Leads maths and science."


def test_a_failure_part_way_through_the_write_leaves_nothing(world):
    before = (User.objects.count(), Designation.objects.count(), AuditEvent.objects.count())
    with (
        mock.patch.object(writing, "_portraits", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError, match="disk full"),
    ):
        cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv")
    assert (User.objects.count(), Designation.objects.count(), AuditEvent.objects.count()) == before
    assert not Membership.objects.filter(role="system_leader").exists()


def test_a_refused_row_writes_nothing(world):
    bad = _file() + b"Kim Other,kim@school.example,LLE,,,999999,National programme,1 September 2016,,,\r\n"
    with pytest.raises(
        CadreImportRefused, match="Row 5, column 'School URN': 999999 is not a school on the register"
    ) as refused:
        cadre_import(actor=world["representative"], data=bad, filename="leaders.csv")
    assert "Row 5, column 'School URN': 999999 is not a school on the register" in refused.value.result.reasons
    assert not User.objects.filter(email__endswith="school.example").exists()


def test_held_invitations_are_not_sent(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cadre_import(actor=world["representative"], data=_file(), filename="leaders.csv", hold_invitations=True)
    assert Invitation.objects.count() == 2
    assert mailoutbox == []


def test_a_coordinator_imports_their_own_alliances_leaders(world):
    data = csv_bytes(
        [row(**{"Associated with": "AIRE1", "Designated through": "Alliance", "Designated on": "1 September 2024"})]
    )
    report = cadre_import(actor=world["coordinator"], data=data, filename="leaders.csv")
    assert report.result.counts["created"] == 1
    assert Association.objects.get().organisation == world["alliance"]


def test_a_special_school_named_by_its_type_alone_gives_the_special_phase(world):
    """GIAS gives a special school the phase "Not applicable"; a file with no type group names the
    type alone ("Community special school"), which still says the school is special."""
    from tests import factories

    factories.SchoolFactory(
        urn=800009, name="Moor Special", phase="Not applicable", type_group="", type_name="Community special school"
    )
    result = check_file(actor=world["representative"], data=csv_bytes([row(**{"School URN": "800009"})]))
    assert result.ok, result.reasons
    assert result.rows[0].row.phases == ["special"]
