"""Properties of the parsers, for any input hypothesis can think of: a file rendered from valid
values parses back to those values, in any encoding and compression; garbage never raises
anything but the import's own error."""

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain.organisations.regions import REGIONS
from domain.schools.importers import ImportFileError
from domain.schools.importers.establishments import parse_establishments
from domain.schools.importers.hubs import parse_hubs
from domain.schools.importers.links import parse_links
from domain.schools.importers.ofsted import parse_inspections
from domain.schools.importers.teaching_schools import parse_teaching_schools
from tests.importers.helpers import NAMES_HEADER, OPEN_ESTABLISHMENTS_HEADER, csv_bytes

GRADES = {"Outstanding": 1, "Good": 2, "Requires improvement": 3, "Inadequate": 4, "Special Measures": 4}
# Text that Windows-1252 can hold (so that a cp1252 file can be written), tidy of spacing.
CP1252_TEXT = (
    st.text(
        alphabet=st.characters(codec="cp1252", exclude_characters="\x00\r\n", exclude_categories=("Cc", "Zs")),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: s.strip())
    .filter(bool)
)
DATES = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2024, 8, 31))
ENCODINGS = st.sampled_from([{"encoding": "utf-8"}, {"encoding": "cp1252"}, {"bom": True}, {"gz": True}])

open_row = st.fixed_dictionaries(
    {
        "urn": st.integers(1, 99_999_999),
        "la_code": st.integers(100, 999),
        "number_of_pupils": st.none() | st.integers(0, 5000),
        "phase": st.sampled_from(["Primary", "Secondary", "Not applicable", "16 plus"]),
        "la_name": CP1252_TEXT,
        "region": st.sampled_from([name for _, name in REGIONS]),
        "rating": st.sampled_from(list(GRADES)),
        "inspected_on": DATES,
        "easting": st.integers(0, 700_000),
        "northing": st.integers(0, 1_300_000),
    }
)


def _ambiguous_as_utf8(texts, options) -> bool:
    if options.get("encoding") != "cp1252":
        return False
    raw = "".join(texts).encode("cp1252")
    try:
        return raw.decode("utf-8") != raw.decode("cp1252")
    except UnicodeDecodeError:
        return False


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(open_row, min_size=1, max_size=20, unique_by=lambda r: r["urn"]), options=ENCODINGS)
def test_open_establishments_rendered_from_values_parse_back_to_them(rows, options):
    # A Windows-1252 file whose bytes also read as UTF-8 is read as UTF-8 (the reader tries UTF-8
    # first): names such as "Â¡" cannot be told apart, and no register file holds them.
    assume(not _ambiguous_as_utf8([r["la_name"] for r in rows], options))
    cells = [
        [
            str(r["urn"]),
            f"{r['la_code']}4000",
            "" if r["number_of_pupils"] is None else str(r["number_of_pupils"]),
            r["phase"],
            r["la_name"],
            r["region"],
            r["rating"],
            r["inspected_on"].strftime("%d-%m-%Y"),
            str(r["easting"]),
            str(r["northing"]),
        ]
        for r in rows
    ]
    parsed = parse_establishments(csv_bytes(OPEN_ESTABLISHMENTS_HEADER, cells, **options))
    assert [record.urn for record in parsed.records] == [r["urn"] for r in rows]
    for record, r in zip(parsed.records, rows, strict=True):
        assert record.fields == {
            "status": "open",
            "laestab": f"{r['la_code']}4000",
            "la_code": str(r["la_code"]),
            "la_name": " ".join(r["la_name"].split()),
            "phase": r["phase"],
            "region": r["region"],
            "number_of_pupils": r["number_of_pupils"],
            "easting": r["easting"],
            "northing": r["northing"],
        }
        assert record.latest_inspection == (r["inspected_on"], GRADES[r["rating"]])


names_row = st.fixed_dictionaries(
    {
        "urn": st.integers(1, 99_999_999),
        "name": CP1252_TEXT,
        "opened_on": st.none() | DATES,
        "closed_on": st.none() | DATES,
        "town": CP1252_TEXT,
    }
)


@settings(max_examples=60)
@given(rows=st.lists(names_row, min_size=1, max_size=20, unique_by=lambda r: r["urn"]), options=ENCODINGS)
def test_establishment_names_rendered_from_values_parse_back_to_them(rows, options):
    def day(value):
        return value.strftime("%d-%m-%Y") if value else ""

    cells = [[str(r["urn"]), r["name"], day(r["opened_on"]), day(r["closed_on"]), r["town"], "LS1 1AA"] for r in rows]
    parsed = parse_establishments(csv_bytes(NAMES_HEADER, cells, **options), today=dt.date(2026, 11, 22))
    for record, r in zip(parsed.records, rows, strict=True):
        assert record.fields["name"] == " ".join(r["name"].split())
        assert record.fields["opened_on"] == r["opened_on"]
        assert record.fields["closed_on"] == r["closed_on"]
        assert (record.fields.get("status") == "closed") == (r["closed_on"] is not None)


PARSERS = [parse_establishments, parse_inspections, parse_links, parse_teaching_schools, parse_hubs]


@settings(max_examples=150)
@given(data=st.binary(max_size=400), parser=st.sampled_from(PARSERS))
def test_random_bytes_never_raise_anything_but_an_import_error(data, parser):
    try:
        parser(data)
    except ImportFileError as error:
        assert "\n" not in str(error)


HEADERS = [OPEN_ESTABLISHMENTS_HEADER, NAMES_HEADER, ["URN", "Rating", "Inspection Date"]]
HEADERS += [["URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"], ["TSH Area", "name", "website", "areas"]]
HEADERS += [["Alliance Name", "Teaching School", "URN", "Region"], ["URN", "EstablishmentName", "OpenDate", "Easting"]]


@settings(max_examples=150)
@given(
    header=st.sampled_from(HEADERS),
    cells=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=11), max_size=6),
    parser=st.sampled_from(PARSERS),
)
def test_plausible_headers_with_garbage_rows_never_crash(header, cells, parser):
    try:
        parser(csv_bytes(header, cells))
    except ImportFileError as error:
        assert "\n" not in str(error)
