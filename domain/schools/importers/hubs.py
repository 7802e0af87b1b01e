"""Teaching school hubs: TSH Area (a region code and a number, e.g. YH3), name, website, and the
local authority districts each hub serves ("areas", separated by ";")."""

import re
from dataclasses import dataclass, field

from domain.organisations.regions import REGIONS

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

REGION_CODES = {code for code, _ in REGIONS}
AREA_CODE = re.compile(r"^([A-Z]{1,2})(\d{1,3})$")


@dataclass(frozen=True)
class HubRow:
    row: int
    area_code: str
    region_code: str
    name: str
    website: str
    districts: list[str] = field(default_factory=list)


@dataclass
class ParsedHubs:
    rows: list[HubRow]


def area_region(value: str) -> tuple[str, str]:
    cleaned = value.strip().upper()
    match = AREA_CODE.match(cleaned)
    if not match or match.group(1) not in REGION_CODES:
        raise values.CellError(
            f'"{value.strip()}" is not a hub area code '
            "(expected a region code such as NE, YH or L and a number, e.g. YH3)"
        )
    return cleaned, match.group(1)


def parse_hubs(data: bytes, *, progress: Progress = None) -> ParsedHubs:
    sheet = Sheet.from_bytes(data)
    sheet.require("a list of teaching school hubs", "TSH Area", "name", "areas")
    area_at, name_at, areas_at = (sheet.position(c) for c in ("TSH Area", "name", "areas"))
    website_at = sheet.position("website") if sheet.has("website") else None
    problems = Problems()
    rows: list[HubRow] = []
    seen: dict[str, int] = {}
    for row, cells in sheet.rows(progress):
        area = problems.value(row, sheet.header[area_at], area_region, cells[area_at])
        name = values.text(cells[name_at], 255)
        if not name:
            problems.add(
                ImportFileError("is empty (expected the name of the hub)", row=row, column=sheet.header[name_at])
            )
        if area is None or not name:
            continue
        code, region_code = area
        if code in seen:
            problems.add(
                ImportFileError(
                    f"{code} appears again (first on row {seen[code]})", row=row, column=sheet.header[area_at]
                )
            )
            continue
        seen[code] = row
        districts = [values.text(part, 120) for part in cells[areas_at].split(";")]
        website = values.text(cells[website_at], 255) if website_at is not None else ""
        rows.append(HubRow(row, code, region_code, name, website, [d for d in districts if d]))
    problems.raise_if_any()
    if not rows:
        raise ImportFileError("The file has a header but no rows of hubs")
    return ParsedHubs(rows)
