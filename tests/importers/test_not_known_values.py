"""DfE's codes for a value withheld or not applicable (`x`, `SUPP`, `NE`, `NP`, `c`, `z`, `..`)
in a numeric column mean "not known", not a broken file: they are read as no value and counted
per column; anything else that is not a number is still refused with its row and column.
(shared/data/README.md, "Things to know".)"""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from domain.schools.importers import ImportFileError, values
from domain.schools.importers.establishments import parse_establishments
from domain.schools.models import RegisterImport, School
from tests.importers.helpers import OPEN_ESTABLISHMENTS_HEADER, csv_bytes, run, snapshot, write

TODAY = dt.date(2026, 11, 22)
CODES = ["x", "SUPP", "NE", "NP", "c", "z", ".."]
NUMBERS_HEADER = [
    "URN",
    "EstablishmentName",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "SchoolCapacity",
    "NumberOfPupils",
    "PercentageFSM",
    "Easting",
    "Northing",
    "OpenDate",
]


def parse(header, rows):
    return parse_establishments(csv_bytes(header, rows), today=TODAY)


# The value parser -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "code"),
    [
        ("x", "x"),
        ("X", "x"),
        ("SUPP", "SUPP"),
        ("supp", "SUPP"),
        (" Supp ", "SUPP"),
        ("NE", "NE"),
        ("ne", "NE"),
        ("NP", "NP"),
        ("np", "NP"),
        ("c", "c"),
        ("C", "c"),
        ("z", "z"),
        ("Z", "z"),
        ("..", ".."),
        ("\t.. ", ".."),
    ],
)
def test_each_code_is_known_in_any_case_and_spacing(cell, code):
    assert values.not_known_code(cell) == code
    assert values.number_or_code(cell) == (None, code)
    assert values.number_or_code(cell, values.percentage) == (None, code)


@pytest.mark.parametrize("cell", ["", "   ", "12", "xx", "x1", "...", ".", "-", "n/a", "supplied", "nan", "null"])
def test_other_values_are_not_codes(cell):
    assert values.not_known_code(cell) is None


@pytest.mark.parametrize(("cell", "number"), [("", None), (" ", None), ("12", 12), (" 1391 ", 1391), ("0", 0)])
def test_numbers_and_blanks_read_as_before(cell, number):
    assert values.number_or_code(cell) == (number, None)


@pytest.mark.parametrize("cell", ["twelve", "x1", "1 2", "-3", "...", "n/a", "12.5"])
def test_anything_else_is_still_refused(cell):
    with pytest.raises(values.CellError, match=f'^"{re.escape(cell)}" is not a whole number'):
        values.number_or_code(cell)


@pytest.mark.parametrize(
    ("cell", "number"),
    [("30", Decimal("30")), ("28.5", Decimal("28.5")), ("51.80", Decimal("51.8")), ("0", Decimal(0)), ("", None)],
)
def test_a_percentage(cell, number):
    assert values.percentage(cell) == number


@pytest.mark.parametrize("cell", ["100.5", "-1", "1e2", "nan", "inf", "twelve", "12%"])
def test_not_a_percentage(cell):
    with pytest.raises(values.CellError, match=f'^"{re.escape(cell)}" is (not a percentage|more than 100 per cent)'):
        values.percentage(cell)


# Parsing a file --------------------------------------------------------------------------------


def test_codes_in_every_numeric_column_of_the_gias_layout_are_not_known_and_counted():
    rows = [
        ["100001", "A", "x", "SUPP", "NE", "NP", "c", "z", "..", ""],
        ["100002", "B", "4", "11", "supp", "X", " z ", "C", "ne", "01-09-2013"],
        ["100003", "C", "", "", "", "", "", "", "", ""],
        ["100004", "D", "3", "11", "315", "225", "24.4", "523827", "180762", ""],
    ]
    parsed = parse(NUMBERS_HEADER, rows)
    assert [r.urn for r in parsed.records] == [100001, 100002, 100003, 100004]
    first = parsed.records[0].fields
    for name in (
        "statutory_low_age",
        "statutory_high_age",
        "capacity",
        "number_of_pupils",
        "percentage_fsm",
        "easting",
        "northing",
    ):
        assert first[name] is None
    assert parsed.records[3].fields["capacity"] == 315
    assert parsed.records[3].fields["percentage_fsm"] == Decimal("24.4")
    assert parsed.not_known == {
        "StatutoryLowAge": {"x": 1},
        "StatutoryHighAge": {"SUPP": 1},
        "SchoolCapacity": {"NE": 1, "SUPP": 1},
        "NumberOfPupils": {"NP": 1, "x": 1},
        "PercentageFSM": {"c": 1, "z": 1},
        "Easting": {"z": 1, "c": 1},
        "Northing": {"..": 1, "NE": 1},
    }


def test_codes_in_the_open_establishments_and_school_details_layouts():
    row = ["100000", "2013614", "SUPP", "Primary", "City of London", "London", "Good", "19-04-2013", "x", ".."]
    parsed = parse(OPEN_ESTABLISHMENTS_HEADER, [row])
    assert parsed.not_known == {"num_pupils": {"SUPP": 1}, "easting": {"x": 1}, "northing": {"..": 1}}
    record = parsed.records[0]
    assert (record.fields["number_of_pupils"], record.fields["easting"], record.fields["northing"]) == (None,) * 3

    header = ["URN", "Name", "Street", "City", "Postcode", "Status", "Rating", "Inspect Date"]
    header += ["Date Opened", "Date Closed", "Type", "Age From", "Age To", "Religion", "Local Authority"]
    cells = ["100000", "A School", "nan", "London", "EC3A 5DE", "1", "nan", "nan", "nan", "nan"]
    cells += ["Academy", "z", "NP", "nan", "201"]
    parsed = parse(header, [cells])
    assert parsed.not_known == {"Age From": {"z": 1}, "Age To": {"NP": 1}}


def test_a_file_without_codes_counts_none():
    parsed = parse(NUMBERS_HEADER, [["100004", "D", "3", "11", "315", "225", "24.4", "523827", "180762", ""]])
    assert parsed.not_known == {}


@pytest.mark.parametrize(
    ("header", "row", "where"),
    [
        (NUMBERS_HEADER, ["100001", "A", "x", "SUPP", "NE", "twelve", "c", "z", "..", ""], (2, "NumberOfPupils")),
        (NUMBERS_HEADER, ["100001", "A", "x", "SUPP", "NE", "12", "c", "n/a", "..", ""], (2, "Easting")),
        (NUMBERS_HEADER, ["100001", "A", "x", "SUPP", "NE", "12", "101", "z", "..", ""], (2, "PercentageFSM")),
        (NUMBERS_HEADER, ["x", "A", "x", "SUPP", "NE", "12", "c", "z", "..", ""], (2, "URN")),
        (NUMBERS_HEADER, ["SUPP", "A", "", "", "", "", "", "", "", ""], (2, "URN")),
        (NUMBERS_HEADER, ["100001", "A", "x", "SUPP", "NE", "12", "c", "z", "..", "x"], (2, "OpenDate")),
        (NUMBERS_HEADER, ["100001", "A", "x", "SUPP", "NE", "12", "c", "z", ".."], (2, None)),
    ],
)
def test_a_broken_file_is_still_refused_with_row_and_column(header, row, where):
    with pytest.raises(ImportFileError, match=r"^Row 2[,:]") as refused:
        parse(header, [row])
    assert (refused.value.row, refused.value.column) == where


def test_a_file_without_a_urn_column_is_still_refused():
    with pytest.raises(ImportFileError, match='no "URN" column'):
        parse(NUMBERS_HEADER[1:], [["A", "x", "SUPP", "NE", "12", "c", "z", "..", ""]])


# Importing -----------------------------------------------------------------------------------


def summary_lines(out: str) -> dict[str, str]:
    """{"NumberOfPupils": "2 not known (x 1, SUPP 1)", ...} from the command's printed summary."""
    return dict(re.findall(r"^  (.+?): (\d[\d,]* not known \(.*\))$", out, flags=re.MULTILINE))


@pytest.mark.django_db
def test_the_command_imports_every_row_and_prints_the_codes_it_met(tmp_path):
    rows = [
        ["100001", "A", "x", "SUPP", "NE", "NP", "c", "z", "..", ""],
        ["100002", "B", "4", "11", "supp", "X", " z ", "C", "ne", "01-09-2013"],
        ["100003", "C", "4", "11", "", "x", "", "", "", ""],
    ]
    out = run("import_gias", write(tmp_path, "gias.csv", NUMBERS_HEADER, rows))
    assert School.objects.count() == 3
    assert "Schools: 3 created" in out
    assert summary_lines(out) == {
        "StatutoryLowAge": "1 not known (x 1)",
        "StatutoryHighAge": "1 not known (SUPP 1)",
        "SchoolCapacity": "2 not known (SUPP 1, NE 1)",
        "NumberOfPupils": "3 not known (x 2, NP 1)",
        "PercentageFSM": "2 not known (c 1, z 1)",
        "Easting": "2 not known (c 1, z 1)",
        "Northing": "2 not known (NE 1, .. 1)",
    }
    assert "Not known (withheld or not applicable): 13 values in 7 columns." in out
    counts = RegisterImport.objects.get().counts
    assert counts["not_known"]["NumberOfPupils"] == {"x": 2, "NP": 1}
    assert sum(sum(by_code.values()) for by_code in counts["not_known"].values()) == 13
    assert School.objects.get(urn=100002).number_of_pupils is None

    again = run("import_gias", tmp_path / "gias.csv")
    assert "No change: the register already matched this file." in again


@pytest.mark.django_db
def test_a_code_replaces_a_known_value_with_not_known(tmp_path):
    run(
        "import_gias",
        write(tmp_path, "a.csv", NUMBERS_HEADER, [["100001", "A", "4", "11", "315", "225", "24.4", "1", "2", ""]]),
    )
    assert School.objects.get().percentage_fsm == Decimal("24.4")
    run(
        "import_gias",
        write(tmp_path, "b.csv", NUMBERS_HEADER, [["100001", "A", "4", "11", "x", "SUPP", "c", "1", "2", ""]]),
    )
    school = School.objects.get()
    assert (school.capacity, school.number_of_pupils, school.percentage_fsm) == (None, None, None)


@pytest.mark.django_db
def test_a_refused_file_with_codes_writes_nothing(tmp_path):
    from django.core.management.base import CommandError

    before = snapshot()
    rows = [
        ["100001", "A", "x", "SUPP", "NE", "NP", "c", "z", "..", ""],
        ["100002", "B", "x", "", "", "lots", "", "", "", ""],
    ]
    with pytest.raises(CommandError, match=r'Row 3, column "NumberOfPupils": "lots" is not a whole number'):
        run("import_gias", write(tmp_path, "bad.csv", NUMBERS_HEADER, rows))
    assert snapshot() == before


def placed_counts(header: list[str], rows: list[list[str]], columns: list[str]) -> dict[str, dict[str, int]]:
    """What a test placed: {column: {code: n}} for the codes in those columns."""
    placed: dict[str, Counter] = {}
    for row in rows:
        for column in columns:
            code = values.not_known_code(row[header.index(column)])
            if code:
                placed.setdefault(column, Counter())[code] += 1
    return {column: dict(counter) for column, counter in placed.items()}
