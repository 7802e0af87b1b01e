"""Reading an uploaded CSV or XLSX file into rows of cells, by column. Pure: no database.

Whatever the bytes, `read_sheet` returns a `Sheet`: rows, or the problems with the file as a
whole (not a spreadsheet, no heading row, a column missing). It never raises on bad input."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from .columns import BY_KEY, COLUMNS, column_for_heading

MAX_ROWS = 20_000
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Cell:
    value: object  # str, int, float, date or datetime; None when empty
    formula: bool = False  # an XLSX formula cell


@dataclass
class RawRow:
    number: int  # the row's number in the spreadsheet (the heading row is row 1)
    cells: dict[str, Cell]

    def text(self, key: str) -> str:
        cell = self.cells.get(key)
        if cell is None or cell.value is None:
            return ""
        return str(cell.value).strip()


@dataclass
class Sheet:
    rows: list[RawRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # the keys found, in the file's order


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table_from_xlsx(data: bytes) -> list[list[Cell]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        sheet = book.worksheets[0]
        table = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                cells.append(Cell(value, getattr(cell, "data_type", None) == "f"))
            table.append(cells)
            if len(table) > MAX_ROWS + 1:
                break
        return table
    finally:
        book.close()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _table_from_csv(data: bytes) -> list[list[Cell]]:
    text = _decode(data)
    if "\x00" in text:
        raise ValueError("binary")
    table = []
    for row in csv.reader(io.StringIO(text, newline="")):
        table.append([Cell(value) for value in row])
        if len(table) > MAX_ROWS + 1:
            break
    return table


NOT_A_SPREADSHEET = "The file is not a CSV or XLSX spreadsheet: save it as CSV or XLSX and upload it again"


def read_sheet(data: bytes) -> Sheet:
    """The rows of the first sheet of an XLSX file, or of a CSV file (UTF-8 or Windows-1252)."""
    sheet = Sheet()
    try:
        table = _table_from_xlsx(data) if data[:4] == XLSX_MAGIC else _table_from_csv(data)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, TypeError, IndexError, csv.Error):
        sheet.problems.append(NOT_A_SPREADSHEET)
        return sheet
    except Exception:  # openpyxl raises its own kinds for a damaged file  # noqa: BLE001
        sheet.problems.append(NOT_A_SPREADSHEET)
        return sheet
    heading_at = next((i for i, row in enumerate(table) if any(not _is_empty(c.value) for c in row)), None)
    if heading_at is None:
        sheet.problems.append("The file is empty: fill in the template, one row for each designation")
        return sheet
    if len(table) - heading_at - 1 > MAX_ROWS:
        sheet.problems.append(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files")
        return sheet
    positions: dict[str, int] = {}
    for index, cell in enumerate(table[heading_at]):
        key = column_for_heading(cell.value) if isinstance(cell.value, str) else None
        if key is None:
            continue  # a column of the region's own: not read
        if key in positions:
            sheet.problems.append(f"The column '{BY_KEY[key].heading}' appears twice: keep one of them")
        positions.setdefault(key, index)
    missing = [c.heading for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        sheet.problems.append(
            f"The first row must hold the template's headings: the file has no column {names}"
            if len(missing) == 1
            else f"The first row must hold the template's headings: the file has no columns {names}"
        )
    if sheet.problems:
        return sheet
    sheet.columns = list(positions)
    for offset, row in enumerate(table[heading_at + 1 :], start=heading_at + 2):
        cells = {key: row[index] if index < len(row) else Cell(None) for key, index in positions.items()}
        if all(_is_empty(cell.value) for cell in cells.values()):
            continue
        sheet.rows.append(RawRow(number=offset, cells=cells))
    if not sheet.rows:
        sheet.problems.append("The file has headings but no leaders: add one row for each designation")
    return sheet
