"""import_gias: schools upserted by URN in bulk, each layout filling only its own fields,
idempotent, all-or-nothing, recorded."""

import datetime as dt
import re

import pytest
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from domain.audit.models import AuditEvent
from domain.organisations.models import Organisation, OrganisationKind
from domain.schools.models import Inspection, RegisterImport, School
from tests.importers.helpers import NAMES_HEADER, OPEN_ESTABLISHMENTS_HEADER, run, snapshot, write

pytestmark = pytest.mark.django_db

GIAS_HEADER = [
    "URN",
    "EstablishmentName",
    "LA (code)",
    "LA (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "PhaseOfEducation (name)",
    "Trusts (code)",
    "Trusts (name)",
    "GOR (name)",
    "OfstedLastInsp",
    "OfstedRating (name)",
    "Easting",
    "Northing",
]


def gias_row(urn, name="A School", status="Open", inspected="05-11-2014", rating="Good", **extra):
    row = dict(
        zip(
            GIAS_HEADER,
            [str(urn), name, "383", "Leeds", status, "01-09-2012", "Primary", "", "", "Yorkshire and the Humber"]
            + [inspected, rating, "430000", "433000"],
            strict=True,
        )
    )
    row.update(extra)
    return [row[column] for column in GIAS_HEADER]


def open_row(urn, rating="Good", inspected="19-04-2013", region="Yorkshire and the Humber"):
    return [str(urn), "3832000", "210", "Primary", "Leeds", region, rating, inspected, "430100", "433100"]


def test_a_first_import_creates_schools_with_their_inspection_and_local_authority(tmp_path):
    path = write(
        tmp_path, "open.csv.gz", OPEN_ESTABLISHMENTS_HEADER, [open_row(107955), open_row(107956, "", "")], gz=True
    )
    out = run("import_gias", path)
    assert "Schools: 2 created, 0 updated, 0 closed, 0 unchanged." in out
    assert "In the file: 1 with an Ofsted grade, 2 with Easting/Northing." in out
    assert "Inspections: 1 created, 0 updated, 0 unchanged." in out
    assert "Local authorities: 1 created, 0 updated." in out
    school = School.objects.get(urn=107955)
    assert (school.status, school.la_code, school.la_name, school.region.name) == (
        "open",
        "383",
        "Leeds",
        "Yorkshire and the Humber",
    )
    assert (school.ofsted_grade, school.ofsted_date) == (2, dt.date(2013, 4, 19))
    assert (school.easting, school.northing, school.number_of_pupils) == (430100, 433100, 210)
    assert school.name == ""  # that layout carries no names: nothing is guessed
    inspection = Inspection.objects.get()
    assert (inspection.school, inspection.kind, inspection.overall_grade) == (school, "graded", 2)
    assert inspection.source == "open.csv.gz"
    assert School.objects.get(urn=107956).ofsted_grade is None
    leeds = Organisation.objects.get(kind=OrganisationKind.LOCAL_AUTHORITY)
    assert (leeds.code, leeds.name, leeds.region.name) == ("383", "Leeds", "Yorkshire and the Humber")

    register_import = RegisterImport.objects.get()
    assert (register_import.kind, register_import.layout, register_import.file_name) == (
        "establishments",
        "open_establishments",
        "open.csv.gz",
    )
    assert register_import.counts["schools_created"] == 2
    event = AuditEvent.objects.get(action="schools.register.imported")
    assert (event.subject_type, event.subject_id, event.to_state) == (
        "schools.registerimport",
        str(register_import.pk),
        "establishments",
    )


def test_the_same_file_twice_changes_nothing_the_second_time(tmp_path):
    path = write(tmp_path, "gias.csv", GIAS_HEADER, [gias_row(1), gias_row(2, rating="Special Measures")])
    run("import_gias", path)
    before = snapshot()
    out = run("import_gias", path)
    assert "Schools: 0 created, 0 updated, 0 closed, 2 unchanged." in out
    assert "Inspections: 0 created, 0 updated, 2 unchanged." in out
    assert "No change: the register already matched this file." in out
    after = snapshot()
    assert after["imports"] == before["imports"] + 1  # the run itself is recorded...
    assert {k: v for k, v in after.items() if k not in ("imports", "audit")} == {
        k: v for k, v in before.items() if k not in ("imports", "audit")
    }  # ...and nothing else moved


def test_a_layout_never_blanks_a_field_it_does_not_carry(tmp_path):
    run("import_gias", write(tmp_path, "gias.csv", GIAS_HEADER, [gias_row(1, name="Aire Valley Primary School")]))
    names = [["1", "Aire Valley Primary", "", "", "Leeds", "LS1 4AB"]]
    out = run("import_gias", write(tmp_path, "names.csv", NAMES_HEADER, names))
    assert "Schools: 0 created, 1 updated, 0 closed, 0 unchanged." in out
    school = School.objects.get(urn=1)
    assert (school.name, school.town, school.postcode) == ("Aire Valley Primary", "Leeds", "LS1 4AB")
    # Kept from the GIAS file, which the names file does not speak of:
    assert (school.phase, school.la_name, school.easting, school.ofsted_grade) == ("Primary", "Leeds", 430000, 2)
    assert school.opened_on is None  # the names file does carry open dates, and this one is blank


def test_closing_is_reported_and_proposed_to_close_survives_a_file_of_open_establishments(tmp_path):
    run("import_gias", write(tmp_path, "a.csv", GIAS_HEADER, [gias_row(1), gias_row(2)]))
    rows = [gias_row(1, status="Closed"), gias_row(2, status="Open, but proposed to close")]
    out = run("import_gias", write(tmp_path, "b.csv", GIAS_HEADER, rows))
    assert "Schools: 0 created, 2 updated, 1 closed, 0 unchanged." in out
    assert RegisterImport.objects.first().changes == {"closed": [1]}
    out = run(
        "import_gias", write(tmp_path, "open.csv", OPEN_ESTABLISHMENTS_HEADER, [open_row(2, "Good", "05-11-2014")])
    )
    assert School.objects.get(urn=2).status == "proposed_to_close"


def test_a_file_of_open_establishments_never_reopens_a_school_closed_on_a_recorded_date(tmp_path):
    run("import_gias", write(tmp_path, "a.csv", GIAS_HEADER, [gias_row(1), gias_row(2)]))
    names = [["1", "A School", "", "31-08-2021", "Leeds", "LS1 1AA"], ["2", "B School", "", "", "Leeds", "LS1 1AB"]]
    run("import_gias", write(tmp_path, "names.csv", NAMES_HEADER, names))
    assert School.objects.get(urn=1).status == "closed"
    rows = [open_row(1, "Good", "05-11-2014"), open_row(2, "Good", "05-11-2014")]
    run("import_gias", write(tmp_path, "open.csv", OPEN_ESTABLISHMENTS_HEADER, rows))
    assert School.objects.get(urn=1).status == "closed"
    assert School.objects.get(urn=2).status == "open"


def test_an_older_file_never_undoes_a_newer_inspection_but_adds_to_the_history(tmp_path):
    run(
        "import_gias",
        write(tmp_path, "new.csv", GIAS_HEADER, [gias_row(1, inspected="10-01-2020", rating="Outstanding")]),
    )
    run(
        "import_gias",
        write(tmp_path, "old.csv", GIAS_HEADER, [gias_row(1, inspected="05-11-2014", rating="Inadequate")]),
    )
    school = School.objects.get(urn=1)
    assert (school.ofsted_grade, school.ofsted_date) == (1, dt.date(2020, 1, 10))
    assert list(school.inspections.values_list("inspected_on", "overall_grade")) == [
        (dt.date(2020, 1, 10), 1),
        (dt.date(2014, 11, 5), 4),
    ]


def test_an_inspection_after_august_2024_without_a_grade_leaves_the_school_without_one(tmp_path):
    run("import_gias", write(tmp_path, "a.csv", GIAS_HEADER, [gias_row(1, inspected="05-11-2014", rating="Good")]))
    out = run("import_gias", write(tmp_path, "b.csv", GIAS_HEADER, [gias_row(1, inspected="02-10-2024", rating="")]))
    assert "Inspections: 1 created" in out
    school = School.objects.get(urn=1)
    assert (school.ofsted_grade, school.ofsted_date) == (None, dt.date(2024, 10, 2))
    latest = school.inspections.first()
    assert (latest.kind, latest.overall_grade) == ("ungraded", None)
    assert RegisterImport.objects.first().changes == {"new_inspection_outcome": [1]}


def test_trusts_and_a_new_la_code_without_its_name(tmp_path):
    rows = [gias_row(1, **{"Trusts (code)": "5711", "Trusts (name)": "EXAMPLE ACADEMY TRUST"}), gias_row(2)]
    out = run("import_gias", write(tmp_path, "a.csv", GIAS_HEADER, rows))
    assert "Trusts: 1 created, 0 updated." in out
    trust = Organisation.objects.get(kind=OrganisationKind.TRUST)
    assert (trust.code, trust.name) == ("5711", "EXAMPLE ACADEMY TRUST")
    # A file that gives the LA code but not the name: the old name must not stay beside the new code.
    header = ["URN", "EstablishmentName", "LA (code)"]
    run("import_gias", write(tmp_path, "b.csv", header, [["1", "A School", "839"]]))
    school = School.objects.get(urn=1)
    assert (school.la_code, school.la_name) == ("839", "")


def test_welsh_and_offshore_establishments_have_no_region_and_no_local_authority_organisation(tmp_path):
    rows = [open_row(401234, region="Wales (pseudo)"), open_row(401235, region="Not Applicable")]
    run("import_gias", write(tmp_path, "open.csv", OPEN_ESTABLISHMENTS_HEADER, rows))
    assert list(School.objects.values_list("region", flat=True)) == [None, None]
    assert not Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).exists()


def test_the_number_of_queries_does_not_grow_with_the_file(tmp_path):
    def queries(rows):
        path = write(tmp_path, f"gias{len(rows)}.csv", GIAS_HEADER, rows)
        with CaptureQueriesContext(connection) as first:
            run("import_gias", path)
        changed = [row[:1] + ["Renamed"] + row[2:] for row in rows]
        with CaptureQueriesContext(connection) as second:
            run("import_gias", write(tmp_path, f"renamed{len(rows)}.csv", GIAS_HEADER, changed))
        return len(first.captured_queries), len(second.captured_queries)

    run("import_gias", write(tmp_path, "warm-up.csv", GIAS_HEADER, [gias_row(99999)]))  # the LA exists from now
    few = queries([gias_row(urn) for urn in range(1, 11)])
    many = queries([gias_row(urn) for urn in range(1000, 1300)])
    assert few == many
    assert School.objects.filter(name="Renamed").count() == 310


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad-date.csv",
            None,
            'Row 3, column "OpenDate": "31/02/2019" is not a date (expected dd-mm-yyyy). Nothing was imported.',
        ),
        (
            "bad-urn.csv",
            "URN,EstablishmentName\r\n1,A\r\nabc,B\r\n",
            'Row 3, column "URN": "abc" is not a URN (expected a whole number). Nothing was imported.',
        ),
        (
            "truncated.csv",
            "URN,EstablishmentName,Town\r\n1,A,Leeds\r\n2,B",
            "Row 3: has 2 values where the header has 3 columns: the file looks truncated. Nothing was imported.",
        ),
        (
            "links.csv",
            "URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\r\n1,2,A,Successor,01-01-2020\r\n",
            "The columns do not match any known layout of GIAS establishment data",
        ),
        ("hubs.csv", "TSH Area,name,website,areas\r\nYH1,A,,Leeds\r\n", 'The file has no "URN" column'),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(tmp_path, name, content, message):
    run("import_gias", write(tmp_path, "first.csv", GIAS_HEADER, [gias_row(1), gias_row(2)]))
    before = snapshot()
    path = tmp_path / name
    if content is None:
        # A good row first, then a bad one: the good row must not be written either.
        path.write_bytes(
            write(tmp_path, "x.csv", GIAS_HEADER, [gias_row(3), gias_row(4, OpenDate="31/02/2019")]).read_bytes()
        )
    else:
        path.write_text(content)
    with pytest.raises(CommandError, match=re.escape(message)) as caught:
        run("import_gias", path)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert snapshot() == before


def test_a_truncated_gzip_file_changes_nothing(tmp_path):
    good = write(tmp_path, "good.csv.gz", GIAS_HEADER, [gias_row(urn) for urn in range(1, 400)], gz=True)
    bad = tmp_path / "bad.csv.gz"
    bad.write_bytes(good.read_bytes()[:-40])
    with pytest.raises(CommandError, match="The gzip file is truncated or damaged"):
        run("import_gias", bad)
    assert School.objects.count() == 0 and RegisterImport.objects.count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="There is no file at"):
        run("import_gias", tmp_path / "nowhere.csv")
