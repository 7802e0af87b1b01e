"""The ONS Postcode Directory (ONSPD), or its National Statistics Postcode Lookup (NSPL), in their
published CSV layout: one row per postcode, `pcds` (the postcode written with one space),
`oseast1m` and `osnrth1m` (its grid point in metres). Only these three columns are read.

What ONS documents, and this reads as it says: a postcode without a grid reference has the two
grid columns blank (the Channel Islands and the Isle of Man), and is skipped; Northern Ireland's
postcodes (BT) are on the Irish Grid, not the British one, and are skipped too. Terminated
postcodes are kept: an old letterhead still locates a school."""

import re
from dataclasses import dataclass
from functools import partial

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")
# Metres on the British National Grid: 0-700 km east, 0-1,300 km north.
MAX_EASTING, MAX_NORTHING = 700_000, 1_300_000


@dataclass
class ParsedPostcodes:
    rows: list[tuple[str, int, int]]  # (postcode, easting, northing)
    row_count: int
    without_grid: int = 0
    northern_ireland: int = 0


def _grid(maximum: int):
    return partial(values.whole_number, maximum=maximum)


def parse_postcodes(data: bytes, *, progress: Progress = None) -> ParsedPostcodes:
    sheet = Sheet.from_bytes(data)
    sheet.require("an ONS postcode directory", "pcds", "oseast1m", "osnrth1m")
    at = [sheet.position(c) for c in ("pcds", "oseast1m", "osnrth1m")]
    problems = Problems()
    parsed = ParsedPostcodes(rows=[], row_count=0)
    seen = set()
    for row, cells in sheet.rows(progress):
        parsed.row_count += 1
        postcode = " ".join(cells[at[0]].upper().split())
        if not _POSTCODE.match(postcode):
            problems.add(ImportFileError(f"“{postcode[:12]}” is not a postcode", row=row, column="pcds"))
            continue
        if postcode.startswith("BT"):
            parsed.northern_ireland += 1
            continue
        easting = problems.value(row, "oseast1m", _grid(MAX_EASTING), cells[at[1]])
        northing = problems.value(row, "osnrth1m", _grid(MAX_NORTHING), cells[at[2]])
        if not cells[at[1]].strip() or not cells[at[2]].strip():
            parsed.without_grid += 1
            continue
        if easting is None or northing is None:
            continue
        if postcode in seen:
            problems.add(ImportFileError(f"{postcode} is listed twice", row=row, column="pcds"))
            continue
        seen.add(postcode)
        parsed.rows.append((postcode, easting, northing))
    problems.raise_if_any()
    if not parsed.row_count:
        raise ImportFileError("has no postcodes: it holds only the header row")
    return parsed
