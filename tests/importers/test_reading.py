"""Reading files as they are published: gzip or plain, UTF-8 (with or without BOM) or
Windows-1252, and refusing damaged ones with one clear line."""

import gzip

import pytest

from domain.schools.importers import ImportFileError
from domain.schools.importers.reading import Sheet
from tests.importers.helpers import csv_bytes

WELSH = "Ysgol Gymraeg Pen-y-G\xf4f"


def rows_of(data: bytes):
    sheet = Sheet.from_bytes(data)
    return sheet.header, list(sheet.rows())


def test_windows_1252_bytes_are_read_as_windows_1252():
    data = csv_bytes(["URN", "EstablishmentName"], [["401234", WELSH]], encoding="cp1252")
    assert b"G\xf4f" in data  # really the single cp1252 byte, not UTF-8
    header, rows = rows_of(data)
    assert header == ["URN", "EstablishmentName"]
    assert rows == [(2, ["401234", WELSH])]


def test_utf8_with_a_byte_order_mark_and_gzip():
    data = csv_bytes(["URN", "EstablishmentName"], [["401234", WELSH]], bom=True, gz=True)
    header, rows = rows_of(data)
    assert header[0] == "URN"  # the BOM is not part of the first column's name
    assert rows[0][1][1] == WELSH


def test_rows_are_numbered_as_a_spreadsheet_does_and_blank_lines_are_skipped():
    data = b"URN,Name\r\n1,A\r\n\r\n3,C\r\n"
    _, rows = rows_of(data)
    assert rows == [(2, ["1", "A"]), (4, ["3", "C"])]


def test_columns_are_found_by_name_whatever_their_case_and_spacing():
    sheet = Sheet.from_bytes(b" urn ,LA  (code)\r\n1,2\r\n")
    assert sheet.find("URN") == "urn"
    assert sheet.find("LA (code)") == "LA (code)"  # spacing tidied
    assert sheet.find("Postcode") is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"PK\x03\x04rest of a zip", "spreadsheet or an archive"),
        (b"\xd0\xcf\x11\xe0old excel", "spreadsheet or an archive"),
        (b"URN,Name\x00\r\n", "binary data"),
        (gzip.compress(b"URN,Name\r\n1,A\r\n" * 50, mtime=0)[:-12], "gzip file is truncated or damaged"),
        (b"\x1f\x8bnot really gzip", "gzip file is truncated or damaged"),
        (b"URN,Name\r\n\x81\x8d\x8f\x90\x9d\r\n", "not text in UTF-8 or Windows-1252"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_in_one_line(data, message):
    with pytest.raises(ImportFileError, match=message) as caught:
        rows_of(data)
    assert "\n" not in str(caught.value)


def test_a_short_last_row_reads_as_a_truncated_file():
    data = b"URN,Name,Town\r\n1,A,Leeds\r\n2,B"
    with pytest.raises(
        ImportFileError, match="Row 3: has 2 values where the header has 3 columns: the file looks truncated"
    ) as caught:
        rows_of(data)
    assert str(caught.value) == "Row 3: has 2 values where the header has 3 columns: the file looks truncated"


def test_an_unclosed_quote_reads_as_a_truncated_file():
    data = b'URN,Name\r\n1,A\r\n2,"Bee School\r\n'
    with pytest.raises(ImportFileError, match=r"Row 3: is not valid CSV \(a quoted value is never closed"):
        rows_of(data)


def test_trailing_empty_cells_beyond_the_header_are_ignored():
    _, rows = rows_of(b"URN,Name\r\n1,A,,\r\n")
    assert rows == [(2, ["1", "A"])]
