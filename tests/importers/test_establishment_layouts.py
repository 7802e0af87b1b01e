"""Each layout of the establishment files: recognised from its header, each row read into the
fields that layout carries (and no others), problems named by row and column."""

import datetime as dt
import re

import pytest

from domain.schools.importers import ImportFileError
from domain.schools.importers.establishments import (
    ESTABLISHMENT_NAMES,
    GIAS,
    OPEN_ESTABLISHMENTS,
    SCHOOL_DETAILS,
    parse_establishments,
)
from tests.importers.helpers import NAMES_HEADER, OPEN_ESTABLISHMENTS_HEADER, csv_bytes, shared_file

TODAY = dt.date(2026, 11, 22)
WELSH = "Ysgol Gymraeg Pen-y-G\xf4f"

# A GIAS "all establishment data" header of a newer vintage, in a different order, with fewer
# columns than the full download (a download of selected fields).
GIAS_HEADER = [
    "URN",
    "EstablishmentName",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (name)",
    "OpenDate",
    "CloseDate",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "NumberOfPupils",
    "Trusts (code)",
    "Trusts (name)",
    "OfstedLastInsp",
    "OfstedRating (name)",
    "Street",
    "Town",
    "Postcode",
    "GOR (name)",
    "DistrictAdministrative (name)",
    "Easting",
    "Northing",
]
GIAS_ROW = [
    "140134",
    "Example School",
    "207",
    "Kensington and Chelsea",
    "4320",
    "Academy converter",
    "Academies",
    "Open, but proposed to close",
    "01-09-2013",
    "31-08-2027",
    "Secondary",
    "11",
    "18",
    "1391",
    "5711",
    "EXAMPLE ACADEMY TRUST",
    "21-04-2022",
    "Serious Weaknesses",
    "Example Gardens",
    "London",
    "W8 7AF",
    "London",
    "Kensington and Chelsea",
    "524948",
    "179954",
]
SCHOOL_DETAILS_HEADER = [
    "URN",
    "Name",
    "Street",
    "City",
    "Postcode",
    "Status",
    "Rating",
    "Inspect Date",
    "Date Opened",
    "Date Closed",
    "Type",
    "Primary",
    "Secondary",
    "Post 16",
    "Age From",
    "Age To",
    "Gender",
    "Gender Post 16",
    "Religion",
    "Other URN",
    "Local Authority",
]


def parse(header, rows, **options):
    return parse_establishments(csv_bytes(header, rows, **options), today=TODAY)


def only(parsed):
    assert len(parsed.records) == 1
    return parsed.records[0]


def test_the_gias_layout_fills_every_field_it_carries():
    parsed = parse(GIAS_HEADER, [GIAS_ROW])
    assert parsed.layout == GIAS
    record = only(parsed)
    assert record.row == 2
    assert record.urn == 140134
    assert record.fields == {
        "name": "Example School",
        "la_code": "207",
        "la_name": "Kensington and Chelsea",
        "laestab": "2074320",
        "type_name": "Academy converter",
        "type_group": "Academies",
        "status": "proposed_to_close",
        "opened_on": dt.date(2013, 9, 1),
        "closed_on": dt.date(2027, 8, 31),
        "phase": "Secondary",
        "statutory_low_age": 11,
        "statutory_high_age": 18,
        "number_of_pupils": 1391,
        "trust_code": "5711",
        "trust_name": "EXAMPLE ACADEMY TRUST",
        "street": "Example Gardens",
        "town": "London",
        "postcode": "W8 7AF",
        "region": "London",
        "district_name": "Kensington and Chelsea",
        "easting": 524948,
        "northing": 179954,
    }
    # "Serious Weaknesses" is a category of concern within grade 4, inadequate.
    assert record.latest_inspection == (dt.date(2022, 4, 21), 4)
    assert (record.inspection.kind, record.inspection.overall_grade) == ("graded", 4)


def test_the_gias_layout_is_read_by_name_in_any_column_order_and_in_windows_1252():
    order = list(reversed(range(len(GIAS_HEADER))))
    header = [GIAS_HEADER[i] for i in order]
    row = [GIAS_ROW[i] for i in order]
    row[header.index("EstablishmentName")] = WELSH
    row[header.index("GOR (name)")] = "Wales (pseudo)"
    record = only(parse(header, [row], encoding="cp1252", gz=True))
    assert record.fields["name"] == WELSH
    assert record.fields["region"] is None  # Welsh establishments have no English region
    assert record.fields["la_code"] == "207"


def test_a_gias_download_of_a_few_fields_fills_only_those():
    record = only(parse(["URN", "EstablishmentName", "Postcode"], [["100000", "A School", "EC3A 5DE"]]))
    assert record.fields == {"name": "A School", "postcode": "EC3A 5DE"}
    assert record.latest_inspection is None


@pytest.mark.realdata
def test_the_real_2018_and_2024_headers_are_gias():
    for name, columns in (("2018", 133), ("2024", 139)):
        parsed = parse_establishments(
            shared_file(f"gias/edubasealldata_sample_{name}_layout.csv").read_bytes(), today=TODAY
        )
        assert (parsed.layout, parsed.columns) == (GIAS, columns)
        assert all(record.fields["name"] for record in parsed.records)


@pytest.mark.parametrize(
    ("rating", "inspected", "latest", "kind"),
    [
        ("Outstanding", "05-11-2014", (dt.date(2014, 11, 5), 1), "graded"),
        ("Special Measures", "05-11-2014", (dt.date(2014, 11, 5), 4), "graded"),
        ("", "02-10-2024", (dt.date(2024, 10, 2), None), "ungraded"),
        ("", "31-08-2024", (dt.date(2024, 8, 31), None), None),
        ("", "", None, None),
        ("Good", "", None, None),
    ],
)
def test_an_inspection_without_a_grade_is_never_given_one(rating, inspected, latest, kind):
    row = ["100000", "A School", inspected, rating]
    record = only(parse(["URN", "EstablishmentName", "OfstedLastInsp", "OfstedRating (name)"], [row]))
    assert record.latest_inspection == latest
    assert (record.inspection.kind if record.inspection else None) == kind
    if record.inspection:
        assert record.inspection.overall_grade == latest[1]


def test_the_open_establishments_layout():
    row = ["100000", "2013614", "237", "Primary", "City of London", "London", "Good", "19-04-2013", "533498", "181201"]
    parsed = parse(OPEN_ESTABLISHMENTS_HEADER, [row])
    assert parsed.layout == OPEN_ESTABLISHMENTS
    record = only(parsed)
    assert record.fields == {
        "status": "open",
        "laestab": "2013614",
        "la_code": "201",
        "la_name": "City of London",
        "phase": "Primary",
        "region": "London",
        "number_of_pupils": 237,
        "easting": 533498,
        "northing": 181201,
    }
    assert record.latest_inspection == (dt.date(2013, 4, 19), 2)


def test_the_open_establishments_layout_with_blanks_and_a_region_that_is_not_english():
    row = ["20001", "873NA", "", "Not applicable", "Cambridgeshire", "Not Applicable", "", "", "", ""]
    record = only(parse(OPEN_ESTABLISHMENTS_HEADER, [row]))
    assert record.fields["la_code"] == "873"
    assert record.fields["region"] is None
    assert record.fields["easting"] is None and record.fields["number_of_pupils"] is None
    assert record.latest_inspection is None and record.inspection is None


def test_the_school_details_layout_with_its_own_codes_and_nan():
    row = ["100000", "Sir Example's School", "nan", "London", "EC3A 5DE", "2", "Satisfactory", "20110315"]
    row += ["", "20180831", "Maintained School", "1", "0", "0", "3", "11", "Mixed", "Mixed", "nan", "", "201"]
    parsed = parse(SCHOOL_DETAILS_HEADER, [row])
    assert parsed.layout == SCHOOL_DETAILS
    record = only(parsed)
    assert record.fields == {
        "name": "Sir Example's School",
        "street": "",
        "town": "London",
        "postcode": "EC3A 5DE",
        "status": "closed",
        "opened_on": None,
        "closed_on": dt.date(2018, 8, 31),
        "type_group": "LA maintained schools",
        "statutory_low_age": 3,
        "statutory_high_age": 11,
        "religious_character": "",
        "la_code": "201",
    }
    # "Satisfactory" was grade 3 until 2012.
    assert record.latest_inspection == (dt.date(2011, 3, 15), 3)


def test_the_names_layout_closes_an_establishment_whose_close_date_has_passed():
    rows = [
        ["100004", "A Nursery School", "01-01-1900", "31-08-1992", "London", "NW5 4LP"],
        ["100005", WELSH, "01-09-1999", "31-08-2030", "Cardiff", "CF1 1AA"],
        ["100006", "An Open School", "", "", "Leeds", "LS1 1AA"],
    ]
    parsed = parse(NAMES_HEADER, rows, encoding="cp1252")
    assert parsed.layout == ESTABLISHMENT_NAMES
    closed, later, open_ = parsed.records
    assert closed.fields == {
        "name": "A Nursery School",
        "opened_on": None,  # 1 January 1900 stands for "not recorded"
        "closed_on": dt.date(1992, 8, 31),
        "town": "London",
        "postcode": "NW5 4LP",
        "status": "closed",
    }
    assert later.fields["name"] == WELSH and "status" not in later.fields
    assert "status" not in open_.fields
    assert not parsed.carries_ofsted


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            GIAS_HEADER,
            {"OpenDate": "31/02/2019"},
            'Row 2, column "OpenDate": "31/02/2019" is not a date (expected dd-mm-yyyy)',
        ),
        (GIAS_HEADER, {"URN": "12a"}, 'Row 2, column "URN": "12a" is not a URN (expected a whole number)'),
        (GIAS_HEADER, {"URN": ""}, 'Row 2, column "URN": is empty (expected a URN, a whole number)'),
        (GIAS_HEADER, {"Easting": "52k"}, 'Row 2, column "Easting": "52k" is not a whole number'),
        (
            GIAS_HEADER,
            {"StatutoryLowAge": "99999"},
            'Row 2, column "StatutoryLowAge": "99999" is too large (at most 32,767)',
        ),
        (
            GIAS_HEADER,
            {"OfstedRating (name)": "Superb"},
            'Row 2, column "OfstedRating (name)": "Superb" is not an Ofsted grade '
            "(expected Outstanding, Good, Requires improvement or Inadequate)",
        ),
        (
            GIAS_HEADER,
            {"EstablishmentStatus (name)": "Ajar"},
            'Row 2, column "EstablishmentStatus (name)": "Ajar" is not an establishment status '
            "(expected Open, Closed, Open, but proposed to close or Proposed to open)",
        ),
    ],
)
def test_a_bad_value_is_named_by_row_and_column(header, row, message):
    cells = list(GIAS_ROW)
    for column, value in row.items():
        cells[header.index(column)] = value
    with pytest.raises(ImportFileError, match=re.escape(message)) as caught:
        parse(header, [cells])
    assert str(caught.value) == message


def test_every_problem_is_counted_but_only_the_first_is_shown():
    rows = [["1", "A", "bad"], ["2", "B", "01-01-2020"], ["x", "C", "also bad"]]
    with pytest.raises(ImportFileError, match='Row 2, column "OpenDate": "bad" is not a date') as caught:
        parse(["URN", "EstablishmentName", "OpenDate"], rows)
    assert str(caught.value) == (
        'Row 2, column "OpenDate": "bad" is not a date (expected dd-mm-yyyy) (and 2 more problems in the file)'
    )


def test_a_urn_twice_in_one_file_is_refused():
    with pytest.raises(ImportFileError, match=r'Row 3, column "URN": URN 7 appears again \(first on row 2\)'):
        parse(["URN", "EstablishmentName"], [["7", "A"], ["7", "B"]])


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["URN", "LinkURN", "LinkName", "LinkType"], "do not match any known layout of GIAS establishment data"),
        (["TSH Area", "name"], 'no "URN" column, so it is not a GIAS establishment file'),
        (["Name", "Town"], 'no "URN" column'),
    ],
)
def test_a_file_of_another_kind_is_refused(header, message):
    with pytest.raises(ImportFileError, match=message):
        parse(header, [["1"] * len(header)])


def test_a_header_without_rows_is_refused():
    with pytest.raises(ImportFileError, match="no rows of establishments"):
        parse(["URN", "EstablishmentName"], [])
