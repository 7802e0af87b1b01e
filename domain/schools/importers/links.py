"""The GIAS links file: URN, LinkURN, LinkName, LinkType, LinkEstablishedDate (dd-mm-yyyy).
A school that converts to an academy gets a new URN; the link joins the two."""

import datetime as dt
from dataclasses import dataclass

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

COLUMNS = ("URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate")


@dataclass(frozen=True)
class LinkRow:
    row: int
    urn: int
    linked_urn: int
    linked_name: str
    link_type: str
    established_on: dt.date | None


@dataclass
class ParsedLinks:
    rows: list[LinkRow]
    row_count: int
    repeated: int = 0


def parse_links(data: bytes, *, progress: Progress = None) -> ParsedLinks:
    sheet = Sheet.from_bytes(data)
    sheet.require("a GIAS links file", "URN", "LinkURN", "LinkType")
    urn_at, linked_at, type_at = (sheet.position(c) for c in ("URN", "LinkURN", "LinkType"))
    name_at = sheet.position("LinkName") if sheet.has("LinkName") else None
    date_at = sheet.position("LinkEstablishedDate") if sheet.has("LinkEstablishedDate") else None
    problems = Problems()
    found: dict[tuple, LinkRow] = {}
    row_count = repeated = 0
    for row, cells in sheet.rows(progress):
        row_count += 1
        urn = problems.value(row, sheet.header[urn_at], values.urn, cells[urn_at])
        linked = problems.value(row, sheet.header[linked_at], values.urn, cells[linked_at])
        link_type = values.text(cells[type_at], 80)
        if not link_type:
            problems.add(
                ImportFileError("is empty (expected a link type such as Predecessor)", row=row, column="LinkType")
            )
        established_on = None
        if date_at is not None:
            established_on = problems.value(row, sheet.header[date_at], values.date, cells[date_at])
        if urn is None or linked is None or not link_type:
            continue
        key = (urn, linked, link_type)
        if key in found:
            repeated += 1
        name = values.text(cells[name_at], 255) if name_at is not None else ""
        found[key] = LinkRow(row, urn, linked, name, link_type, established_on)
    problems.raise_if_any()
    if not row_count:
        raise ImportFileError("The file has a header but no rows of links")
    return ParsedLinks(list(found.values()), row_count, repeated)
