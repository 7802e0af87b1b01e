"""Every import of the register is all-or-nothing while it WRITES, not only while it reads: a
failure after the first rows are written (a write that fails part way, the audit row that cannot
be written) leaves the register as it was, with no record of the import and no audit row.

Each test makes one write fail after earlier writes of the same import have gone through, then
compares the register with a snapshot taken before. pytest-django runs each test in a
transaction, but these assertions run inside it, before it ends: without the import's own
`transaction.atomic` they see the half-written register (each was seen to fail that way)."""

import pytest

from domain.organisations import services as organisation_services
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from domain.schools import services as school_services
from domain.schools.models import Inspection, RegisterImport, School, SchoolLink
from tests.factories import SchoolFactory
from tests.importers.helpers import LINKS_HEADER, OFSTED_HEADER, run, snapshot, write

pytestmark = pytest.mark.django_db

GIAS_HEADER = ["URN", "EstablishmentName", "GOR (name)", "Diocese (code)", "Diocese (name)", "NumberOfPupils"]
TEACHING_HEADER = ["Alliance Name", "Teaching School", "URN", "Region", "Local Authority"]
HUBS_HEADER = ["TSH Area", "name", "website", "areas"]


class WriteFailed(RuntimeError):
    """What the broken write raises: no test catches it by accident."""


def fail_after(monkeypatch, owner, name: str, *, calls: int = 0, when=lambda *args, **kwargs: True):
    """Replaces `owner.name` so that its calls for which `when(...)` holds go through `calls`
    times, then raise WriteFailed. Returns the list of calls seen, to show the failure came late."""
    original = getattr(owner, name)
    seen = []

    def failing(*args, **kwargs):
        if when(*args, **kwargs):
            seen.append(args)
            if len(seen) > calls:
                raise WriteFailed("the disk is full")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, failing)
    return seen


def of_model(model):
    return lambda target, *args, **kwargs: target is model


# GIAS establishments (and the local authorities, trusts and dioceses they name) ---------------


@pytest.fixture
def gias_file(tmp_path):
    SchoolFactory(urn=100000, name="Old Name Primary")
    rows = [
        ["100000", "New Name Primary", "Yorkshire and the Humber", "CE07", "Diocese of Leeds", "210"],
        ["100001", "Brand New Academy", "Yorkshire and the Humber", "CE07", "Diocese of Leeds", "120"],
        ["100002", "Another New School", "North East", "RC02", "Diocese of Hexham and Newcastle", "90"],
    ]
    return write(tmp_path, "gias.csv", GIAS_HEADER, rows)


def test_establishments_failing_after_the_new_schools_are_inserted_keep_nothing(monkeypatch, gias_file):
    before = snapshot()
    # The new schools are inserted first; updating the changed one fails.
    seen = fail_after(monkeypatch, school_services, "update_rows", when=of_model(School))
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_gias", gias_file)
    assert seen, "the import never reached the update"
    assert snapshot() == before
    assert not School.objects.filter(urn__in=[100001, 100002]).exists()
    assert School.objects.get(urn=100000).name == "Old Name Primary"


def test_establishments_failing_at_their_audit_row_keep_no_school_diocese_or_record(monkeypatch, gias_file):
    before = snapshot()
    # By then: schools inserted and updated, local authorities, dioceses and the import's record written.
    seen = fail_after(monkeypatch, school_services, "audit_record")
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_gias", gias_file)
    assert seen
    assert snapshot() == before
    assert not Organisation.objects.filter(kind=OrganisationKind.DIOCESE).exists()
    assert not RegisterImport.objects.exists()


def test_establishments_failing_while_the_dioceses_are_written_keep_nothing(monkeypatch, gias_file):
    before = snapshot()
    # The dioceses come last, after every school is written: their write fails.
    seen = fail_after(monkeypatch, organisation_services, "_upsert", when=lambda kind, wanted: kind == "diocese")
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_gias", gias_file)
    assert seen
    assert snapshot() == before


# Ofsted's inspection outcomes -----------------------------------------------------------------


@pytest.fixture
def ofsted_file(tmp_path):
    SchoolFactory(urn=100000, ofsted_grade=None, ofsted_date=None)
    SchoolFactory(urn=100001, ofsted_grade=3, ofsted_date=None)
    rows = [
        ["100000", "Satisfactory", "20080926"],
        ["100000", "Outstanding", "20130418"],
        ["100001", "Good", "20150101"],
    ]
    return write(tmp_path, "ofsted.csv", OFSTED_HEADER, rows)


@pytest.mark.parametrize(
    ("owner", "name", "when"),
    [
        pytest.param(school_services, "update_rows", of_model(School), id="moving-the-schools-latest-grade"),
        pytest.param(school_services, "audit_record", lambda *a, **k: True, id="the-audit-row"),
    ],
)
def test_inspections_failing_after_they_are_inserted_keep_nothing(monkeypatch, ofsted_file, owner, name, when):
    before = snapshot()
    seen = fail_after(monkeypatch, owner, name, when=when)
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_ofsted", ofsted_file)
    assert seen
    assert snapshot() == before
    assert not Inspection.objects.exists()
    assert set(School.objects.values_list("urn", "ofsted_grade")) == {(100000, None), (100001, 3)}


# GIAS links ----------------------------------------------------------------------------------


@pytest.fixture
def links_file(tmp_path):
    SchoolLink.objects.create(urn=100, linked_urn=200, link_type="Successor", linked_name="Old name")
    rows = [
        ["100", "200", "Renamed School", "Successor", "01-09-2015"],
        ["200", "100", "First School", "Predecessor", "01-09-2015"],
        ["300", "100", "Third School", "Predecessor", "01-09-2016"],
    ]
    return write(tmp_path, "links.csv", LINKS_HEADER, rows)


@pytest.mark.parametrize(
    ("name", "when"),
    [
        pytest.param("update_rows", of_model(SchoolLink), id="updating-a-changed-link"),
        pytest.param("audit_record", lambda *a, **k: True, id="the-audit-row"),
    ],
)
def test_links_failing_after_the_new_links_are_inserted_keep_nothing(monkeypatch, links_file, name, when):
    before = snapshot()
    seen = fail_after(monkeypatch, school_services, name, when=when)
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_gias_links", links_file)
    assert seen
    assert snapshot() == before
    assert list(SchoolLink.objects.values_list("urn", "linked_urn", "linked_name")) == [(100, 200, "Old name")]


# Teaching schools and their alliances -----------------------------------------------------------


@pytest.fixture
def teaching_file(tmp_path):
    SchoolFactory(urn=112474)
    SchoolFactory(urn=136360)
    rows = [
        ["Derby Teaching Schools Alliance", "First", "112474", "East Midlands", "Derby"],
        ["Derby Teaching Schools Alliance", "Second", "136360", "East Midlands", "Derby"],
        ["Far Away Alliance", "Elsewhere", "999002", "Yorkshire and Humber", "York"],
    ]
    return write(tmp_path, "ts.csv", TEACHING_HEADER, rows)


def test_teaching_schools_failing_at_their_memberships_keep_no_alliance(monkeypatch, teaching_file):
    before = snapshot()
    # The alliances are written first; their memberships fail.
    seen = fail_after(monkeypatch, AllianceMembership.objects, "bulk_create")
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_teaching_schools", teaching_file)
    assert seen
    assert snapshot() == before
    assert not Organisation.objects.filter(kind=OrganisationKind.TSA).exists()


def test_teaching_schools_failing_at_their_audit_row_keep_nothing(monkeypatch, teaching_file):
    before = snapshot()
    seen = fail_after(monkeypatch, school_services, "audit_record")
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_teaching_schools", teaching_file)
    assert seen
    assert snapshot() == before
    assert not AllianceMembership.objects.exists()


# Teaching school hubs ---------------------------------------------------------------------------


@pytest.fixture
def hubs_file(tmp_path):
    run("import_hubs", write(tmp_path, "hubs.csv", HUBS_HEADER, [["YH3", "A Hub", "", "Leeds"]]))
    rows = [["YH3", "A Hub", "www.example.test/", "Leeds;Bradford"], ["L1", "A London Hub", "", "Camden"]]
    return write(tmp_path, "hubs2.csv", HUBS_HEADER, rows)


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        pytest.param(Organisation.objects, "bulk_update", id="updating-a-known-hub"),
        pytest.param(school_services, "audit_record", id="the-audit-row"),
    ],
)
def test_hubs_failing_after_the_new_hubs_are_created_keep_nothing(monkeypatch, hubs_file, owner, name):
    before = snapshot()
    seen = fail_after(monkeypatch, owner, name)
    with pytest.raises(WriteFailed, match="the disk is full"):
        run("import_hubs", hubs_file)
    assert seen
    assert snapshot() == before
    hubs = Organisation.objects.filter(kind=OrganisationKind.HUB)
    assert list(hubs.values_list("code", "website", "districts")) == [("YH3", "", ["Leeds"])]
