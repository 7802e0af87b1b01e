"""The parser and checker, without the database: each refusal names its row and column."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.leaders.cadre_import.checking import check_sheet
from domain.leaders.cadre_import.columns import HEADINGS
from domain.leaders.cadre_import.context import (
    Context,
    DesignationFact,
    OrganisationFact,
    PersonFact,
    SchoolFact,
)
from domain.leaders.cadre_import.reading import read_sheet
from domain.leaders.cadre_import.values import CellRefused, date_of, role_of, source_of, specialisms_of

from .helpers import csv_bytes, row, xlsx_bytes

TODAY = dt.date(2026, 5, 1)
AIRE = OrganisationFact(1, "Aire Test Alliance")
CALDER = OrganisationFact(2, "Calder Test Hub")
THAMES = OrganisationFact(3, "Thames Test Alliance")


def context(**fields) -> Context:
    values = {
        "today": TODAY,
        "schools": {
            800001: SchoolFact(11, 800001, "Beck Primary", "Primary"),
            800002: SchoolFact(12, 800002, "Fell Secondary", "Secondary"),
            800003: SchoolFact(13, 800003, "Moor Special", "Not applicable", "Special schools"),
            800004: SchoolFact(14, 800004, "Odd School", "Not applicable"),
        },
        "in_scope": {"aire test alliance": AIRE, "aire1": AIRE, "calder test hub": CALDER},
        "elsewhere": {"thames test alliance": THAMES},
        "scope_names": ["Aire Test Alliance", "Calder Test Hub"],
    }
    values.update(fields)
    return Context(**values)


def check(rows, ctx=None):
    return check_sheet(read_sheet(csv_bytes(rows)), ctx or context())


def reasons(rows, ctx=None):
    return check(rows, ctx).reasons


def test_a_good_row_is_created_with_phases_from_the_school():
    result = check([row()])
    assert result.ok and result.counts["created"] == 1
    assert result.rows[0].row.phases == ["primary"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"School URN": "999999"}, "Row 2, column 'School URN': 999999 is not a school on the register"),
        ({"Role": "Head of maths"}, "Row 2, column 'Role': 'Head of maths' is not a system leader role"),
        (
            {"Role": "SLE", "Specialisms": "Maths; Basket weaving"},
            "Row 2, column 'Specialisms': 'Basket weaving' is not on",
        ),
        ({"Role": "SLE"}, "Row 2, column 'Specialisms': enter at least one specialism"),
        ({"Designated on": "1 June 2026"}, "Row 2, column 'Designated on': 1 June 2026 is in the future"),
        ({"Designated on": "31/02/2020"}, "Row 2, column 'Designated on': '31/02/2020' is not a real date"),
        ({"Designated on": "last spring"}, "Row 2, column 'Designated on': 'last spring' is not a date"),
        ({"Email address": "sam.example"}, "Row 2, column 'Email address': 'sam.example' is not an email address"),
        ({"Full name": '=HYPERLINK("x")'}, "Row 2, column 'Full name': a cell may not start with"),
        ({"Pen portrait": "@SUM(A1)"}, "Row 2, column 'Pen portrait': a cell may not start with"),
        ({"Pen portrait": "+44 leads"}, "Row 2, column 'Pen portrait': a cell may not start with"),
        (
            {"Associated with": "Thames Test Alliance"},
            "Row 2, column 'Associated with': Thames Test Alliance is not an alliance, hub or grouping of your region",
        ),
        (
            {"Associated with": "Nowhere Alliance"},
            "Row 2, column 'Associated with': 'Nowhere Alliance' is not an alliance",
        ),
        (
            {"Designated through": "alliance or hub"},
            "Row 2, column 'Associated with': a designation by an alliance or hub names it",
        ),
        ({"Designated through": "a friend"}, "Row 2, column 'Designated through': 'a friend' is not a way"),
        ({"Term ends": "31 August 2020"}, "Row 2, column 'Term ends': the term ended on 31 August 2020"),
        ({"School URN": "800004"}, "Row 2, column 'Phases': enter the phases"),
        ({"Pen portrait": "Leads maths."}, "Row 2, column 'Pen portrait': an LLE or SLE's pen portrait is approved"),
    ],
)
def test_each_refusal_names_the_row_and_column(values, expected):
    found = reasons([row(**values)])
    assert any(r.startswith(expected) for r in found), found


def test_a_person_already_associated_elsewhere_is_refused():
    ctx = context(people={"sam.example@school.example": PersonFact(5, "Sam Example")}, associations={5: CALDER})
    found = reasons([row(**{"Associated with": "Aire Test Alliance"})], ctx)
    assert found[0].startswith(
        "Row 2, column 'Associated with': Sam Example is already associated with Calder Test Hub"
    )


def test_two_rows_giving_one_person_two_associations_are_refused():
    found = reasons(
        [
            row(**{"Associated with": "Aire Test Alliance"}),
            row(**{"Role": "NLE", "Associated with": "Calder Test Hub"}),
        ]
    )
    assert found == [
        "Row 3, column 'Associated with': row 2 associates Sam Example with Aire Test Alliance: a leader associates "
        "with one alliance, hub or grouping at a time"
    ]


def test_the_same_person_with_another_name_or_school_is_refused():
    found = reasons([row(), row(**{"Role": "NLE", "Full name": "Samuel Other", "School URN": "800002"})])
    assert any(r.startswith("Row 3, column 'Full name': row 2 gives this email address to Sam Example") for r in found)
    assert any(r.startswith("Row 3, column 'School URN': row 2 puts Sam Example at Beck Primary") for r in found)


def test_the_same_designation_twice_is_refused():
    found = reasons([row(), row()])
    assert found[0].startswith("Row 3, column 'Role': row 2 already lists Sam Example as a local leader of education")


def test_a_coordinator_must_name_their_own_alliance():
    ctx = context(
        own_only=True,
        in_scope={"aire test alliance": AIRE},
        elsewhere={"calder test hub": CALDER},
        scope_names=["Aire Test Alliance"],
    )
    assert reasons([row()], ctx)[0] == (
        "Row 2, column 'Associated with': enter your alliance, hub or grouping (Aire Test Alliance)"
    )
    assert reasons([row(**{"Associated with": "Calder Test Hub"})], ctx)[0] == (
        "Row 2, column 'Associated with': Calder Test Hub is not yours: "
        "you can import leaders only for Aire Test Alliance"
    )


def test_an_existing_designation_is_unchanged_or_updated():
    existing = DesignationFact(
        9, "national_programme", None, "The national programme", 11, dt.date(2016, 9, 1), None, (), ("primary",)
    )
    ctx = context(
        people={"sam.example@school.example": PersonFact(5, "Sam Example")}, designations={(5, "lle"): existing}
    )
    assert check([row()], ctx).counts["unchanged"] == 1
    result = check([row(**{"Term ends": "31 August 2027"})], ctx)
    assert result.counts["updated"] == 1 and result.rows[0].changes == ["term ends 31 August 2027"]


def test_an_xlsx_formula_cell_is_refused():
    values = [
        "Sam Example",
        "sam@school.example",
        "LLE",
        "",
        "",
        "=800000+1",
        "National programme",
        "1 September 2016",
        "",
        "",
        "",
    ]
    result = check_sheet(read_sheet(xlsx_bytes([values])), context())
    assert result.reasons == ["Row 2, column 'School URN': the cell holds a formula: type the value itself"]


def test_xlsx_dates_and_numbers_are_read():
    values = ["Sam Example", "sam@school.example", "lle", "", "", 800001, "pilot", dt.datetime(2015, 3, 1), "", "", ""]
    result = check_sheet(read_sheet(xlsx_bytes([values])), context())
    assert result.ok
    assert result.rows[0].row.designated_on == dt.date(2015, 3, 1)


def test_a_file_missing_a_column_or_not_a_spreadsheet_is_refused():
    assert (
        check_sheet(read_sheet(csv_bytes([row()], headings=HEADINGS[:2])), context())
        .problems[0]
        .startswith("The first row must hold the template's headings: the file has no columns 'Role'")
    )
    assert read_sheet(b"PK\x03\x04 not really a zip").problems == [
        "The file is not a CSV or XLSX spreadsheet: save it as CSV or XLSX and upload it again"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 December 2025", dt.date(2025, 12, 7)),
        ("07/12/2025", dt.date(2025, 12, 7)),
        ("2025-12-07", dt.date(2025, 12, 7)),
        ("7 Dec 2025", dt.date(2025, 12, 7)),
    ],
)
def test_dates_as_people_type_them(text, expected):
    assert date_of(text) == expected


def test_roles_sources_and_specialisms_in_their_spellings():
    assert role_of("national leader of governance") == role_of("NLG") == "nlg"
    assert source_of("2014-15 LLE pilot") == "pilot"
    assert source_of("NCTL") == "national_programme"
    assert source_of("Teaching school alliance") == "tsa_or_hub"
    assert specialisms_of("mathematics; Design & Technology ;SEND") == ["maths", "design_technology", "send"]
    with pytest.raises(CellRefused, match="Assessment is on the list twice"):
        specialisms_of("Assessment")


CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(
        [
            "LLE",
            "sle",
            "=1+1",
            "-",
            "@x",
            "999999",
            "800001",
            "1 September 2016",
            "31/02/2020",
            "alliance",
            "pilot",
            "Maths;",
            "a@b.example",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=0, max_size=len(HEADINGS) + 2), max_size=6))
def test_no_cells_crash_the_checker(table):
    """Whatever the cells, every row is a row or a refusal; nothing raises."""
    rows = [dict(zip(HEADINGS, [("" if c is None else c) for c in cells], strict=False)) for cells in table]
    result = check_sheet(read_sheet(csv_bytes(rows)), context())
    assert len(result.rows) <= len(rows)
    for r in result.rows:
        assert r.outcome in ("created", "updated", "unchanged", "refused")
        assert (r.outcome == "refused") == bool(r.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_no_bytes_crash_the_reader(data):
    sheet = read_sheet(data)
    assert sheet.problems or sheet.rows is not None
