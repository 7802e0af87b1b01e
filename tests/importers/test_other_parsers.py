"""Parsing Ofsted outcomes, GIAS links, teaching schools and hubs."""

import datetime as dt
import re

import pytest

from domain.schools.importers import ImportFileError
from domain.schools.importers.hubs import parse_hubs
from domain.schools.importers.links import parse_links
from domain.schools.importers.ofsted import parse_inspections
from domain.schools.importers.teaching_schools import alliance_code, normalised_name, parse_teaching_schools
from tests.importers.helpers import LINKS_HEADER, OFSTED_HEADER, csv_bytes

TEACHING_HEADER = ["Alliance Name", "Teaching School", "URN", "Region", "Local Authority"]
HUBS_HEADER = ["TSH Area", "name", "website", "areas"]


def test_ofsted_outcomes_give_each_inspection_with_its_kind():
    rows = [
        ["100000", "Outstanding", "20130418"],
        ["100000", "Satisfactory", "20080926"],
        ["100000", "", "20241002"],  # no overall grade from September 2024
        ["100001", "", "20190101"],  # no grade before then: says nothing, skipped
        ["100002", "Good", "20150101"],
        ["100002", "Requires Improvement", "20150101"],  # the same inspection again: the later row counts
    ]
    parsed = parse_inspections(csv_bytes(OFSTED_HEADER, rows, gz=True))
    assert (parsed.row_count, parsed.without_grade, parsed.repeated) == (6, 1, 1)
    assert [(r.urn, r.inspected_on, r.kind, r.overall_grade) for r in parsed.rows] == [
        (100000, dt.date(2013, 4, 18), "graded", 1),
        (100000, dt.date(2008, 9, 26), "graded", 3),
        (100000, dt.date(2024, 10, 2), "ungraded", None),
        (100002, dt.date(2015, 1, 1), "graded", 3),
    ]


def test_ofsted_management_information_columns_are_read_too():
    data = csv_bytes(["URN", "Overall effectiveness", "Inspection start date"], [["100000", "2", "18/04/2013"]])
    (row,) = parse_inspections(data).rows
    assert (row.inspected_on, row.overall_grade) == (dt.date(2013, 4, 18), 2)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["10000x", "Good", "20130418"], 'Row 2, column "URN": "10000x" is not a URN (expected a whole number)'),
        (
            ["100000", "Good", "20131318"],
            'Row 2, column "Inspection Date": "20131318" is not a date (expected yyyymmdd)',
        ),
        (["100000", "Good", ""], 'Row 2, column "Inspection Date": is empty (expected the date of the inspection)'),
        (["100000", "Great", "20130418"], 'Row 2, column "Rating": "Great" is not an Ofsted grade'),
    ],
)
def test_ofsted_problems_are_named_by_row_and_column(row, message):
    with pytest.raises(ImportFileError, match=re.escape(message)) as caught:
        parse_inspections(csv_bytes(OFSTED_HEADER, [row]))
    assert str(caught.value).startswith(message)


def test_a_file_without_inspection_dates_is_not_an_ofsted_file():
    with pytest.raises(ImportFileError, match='no "Inspection Date" column, so it is not a file of Ofsted'):
        parse_inspections(csv_bytes(["URN", "Rating"], [["1", "Good"]]))


def test_links_in_windows_1252():
    rows = [
        ["109401", "148296", "North Star 82\xb0", "Successor", "31-12-2020"],
        ["148296", "109401", "", "Predecessor", ""],
    ]
    parsed = parse_links(csv_bytes(LINKS_HEADER, rows, encoding="cp1252"))
    first, second = parsed.rows
    assert (first.urn, first.linked_urn, first.linked_name, first.link_type) == (
        109401,
        148296,
        "North Star 82\xb0",
        "Successor",
    )
    assert first.established_on == dt.date(2020, 12, 31)
    assert second.established_on is None


def test_a_link_with_a_bad_date_is_named():
    with pytest.raises(
        ImportFileError, match='Row 2, column "LinkEstablishedDate": "2020-12-31" is not a date'
    ) as caught:
        parse_links(csv_bytes(LINKS_HEADER, [["1", "2", "", "Successor", "2020-12-31"]]))
    assert str(caught.value) == 'Row 2, column "LinkEstablishedDate": "2020-12-31" is not a date (expected dd-mm-yyyy)'


def test_alliance_codes_are_stable_short_and_ignore_spelling_differences():
    code = alliance_code("Derby Teaching Schools Alliance")
    assert code == alliance_code("  derby teaching schools   ALLIANCE. ")
    assert alliance_code("Learn & Lead Alliance") == alliance_code("Learn and Lead Alliance")
    assert code != alliance_code("Derby Teaching School Alliance")
    assert code.startswith("tsa-derby-teaching-schools")
    assert len(alliance_code("A" * 300)) <= 40
    assert normalised_name("St Mary’s Café & Co.") == normalised_name("St Mary's Cafe and Co") == "st marys cafe and co"


def test_teaching_schools_group_by_alliance():
    rows = [
        ["Derby Alliance", "School A", "112474", "East Midlands", "Derby"],
        ["Derby Alliance", "School B", "136360", "East Midlands", "Derby"],
        ["Leeds Alliance", "School C", "107955", "Yorkshire and Humber", "Leeds"],
    ]
    parsed = parse_teaching_schools(csv_bytes(TEACHING_HEADER, rows))
    assert len(parsed.alliance_codes) == 2
    assert [row.region for row in parsed.rows] == ["East Midlands", "East Midlands", "Yorkshire and the Humber"]


def test_a_teaching_school_without_an_alliance_is_named():
    with pytest.raises(ImportFileError, match='Row 2, column "Alliance Name": is empty') as caught:
        parse_teaching_schools(csv_bytes(TEACHING_HEADER, [["", "School A", "112474", "East Midlands", "Derby"]]))
    assert str(caught.value) == 'Row 2, column "Alliance Name": is empty (expected the name of the alliance)'


def test_hubs_with_their_region_and_districts():
    rows = [
        ["YH3", "A Hub", "www.example.test/", "Leeds; Bradford ;"],
        ["L10", "A London Hub", "", "Camden"],
    ]
    leeds, london = parse_hubs(csv_bytes(HUBS_HEADER, rows)).rows
    assert (leeds.area_code, leeds.region_code, leeds.districts) == ("YH3", "YH", ["Leeds", "Bradford"])
    assert (london.region_code, london.website) == ("L", "")


@pytest.mark.parametrize("area", ["XX1", "YH", "Y H3", "NEE1"])
def test_a_hub_area_that_names_no_region_is_refused(area):
    with pytest.raises(ImportFileError, match=re.escape(f'"{area}" is not a hub area code')) as caught:
        parse_hubs(csv_bytes(HUBS_HEADER, [[area, "A Hub", "", "Leeds"]]))
    assert str(caught.value).startswith(f'Row 2, column "TSH Area": "{area}" is not a hub area code')


def test_the_same_hub_area_twice_is_refused():
    rows = [["YH3", "A Hub", "", "Leeds"], ["YH3", "B Hub", "", "York"]]
    with pytest.raises(ImportFileError, match=r'Row 3, column "TSH Area": YH3 appears again \(first on row 2\)'):
        parse_hubs(csv_bytes(HUBS_HEADER, rows))
