"""Downloads of a list as CSV or XLSX (openpyxl): the same headings and rows in either format."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _safe(value):
    """A cell a spreadsheet will not run as a formula (CSV injection), as text or a number."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def spreadsheet_response(
    *, fmt: str, filename: str, headings: Sequence[str], rows: Iterable[Sequence], sheet_title: str = "Sheet 1"
) -> HttpResponse:
    """`fmt` is "csv" or "xlsx" (anything else: 404); `filename` has no extension."""
    if fmt not in FORMATS:
        raise Http404
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headings)
        written = 0
        for row in rows:
            writer.writerow([_safe(v) for v in row])
            written += 1
        response.write("\ufeff" + buffer.getvalue())  # the byte-order mark tells Excel it is UTF-8
        response.rows_written = written  # for the download's audit row (web/common/downloads.py)
        return response
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_title[:31])
    sheet.append(headings)
    written = 0
    for row in rows:
        sheet.append([_safe(v) for v in row])
        written += 1
    output = io.BytesIO()
    book.save(output)
    response.write(output.getvalue())
    response.rows_written = written
    return response
