"""Ofsted's published inspection outcomes: one row per inspection, several per school.

Columns (by name): "URN", the overall grade ("Rating" or "Overall effectiveness") and the date
("Inspection Date", yyyymmdd, or "Inspection start date", dd/mm/yyyy). Ofsted gives no overall
grade for inspections from 1 September 2024: an empty grade from then on is an ungraded
inspection. An empty grade before then says nothing about the inspection: the row is skipped
and counted."""

import datetime as dt
from dataclasses import dataclass

from domain.schools.models import InspectionKind

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

URN_COLUMNS = ("URN",)
GRADE_COLUMNS = ("Rating", "Overall effectiveness")
DATE_COLUMNS = ("Inspection Date", "Inspection start date")
DATE_FORMATS = ("yyyymmdd", "dd/mm/yyyy", "dd-mm-yyyy", "yyyy-mm-dd")


@dataclass(frozen=True)
class InspectionRow:
    row: int
    urn: int
    inspected_on: dt.date
    kind: str
    overall_grade: int | None


@dataclass
class ParsedInspections:
    rows: list[InspectionRow]
    row_count: int
    # Rows with no grade for an inspection before September 2024.
    without_grade: int = 0
    # Rows repeating a URN, date and kind seen earlier in the file (the later row counts).
    repeated: int = 0


def parse_inspections(data: bytes, *, progress: Progress = None) -> ParsedInspections:
    sheet = Sheet.from_bytes(data)
    what = "a file of Ofsted inspection outcomes"
    sheet.require(what, URN_COLUMNS, GRADE_COLUMNS, DATE_COLUMNS)
    urn_column, grade_column, date_column = (sheet.find(*c) for c in (URN_COLUMNS, GRADE_COLUMNS, DATE_COLUMNS))
    at = [sheet.position(c) for c in (urn_column, grade_column, date_column)]
    problems = Problems()
    found: dict[tuple, InspectionRow] = {}
    row_count = without_grade = repeated = 0
    for row, cells in sheet.rows(progress):
        row_count += 1
        urn = problems.value(row, urn_column, values.urn, cells[at[0]])
        grade = problems.value(row, grade_column, values.grade, cells[at[1]])
        inspected_on = problems.value(row, date_column, lambda v: values.date(v, DATE_FORMATS), cells[at[2]])
        if urn is None or inspected_on is None:
            if urn is not None and not cells[at[2]].strip():
                problems.add(
                    ImportFileError("is empty (expected the date of the inspection)", row=row, column=date_column)
                )
            continue
        if grade is not None:
            kind = InspectionKind.GRADED
        elif inspected_on >= values.UNGRADED_FROM:
            kind = InspectionKind.UNGRADED
        else:
            without_grade += 1
            continue
        key = (urn, inspected_on, str(kind))
        if key in found:
            repeated += 1
        found[key] = InspectionRow(row, urn, inspected_on, str(kind), grade)
    problems.raise_if_any()
    if not row_count:
        raise ImportFileError("The file has a header but no rows of inspections")
    return ParsedInspections(list(found.values()), row_count, without_grade, repeated)
