"""Teaching school hubs, in either of the two published layouts, recognised by the header:

- 2025 (`TSH Area,name,website,areas`): TSH Area (a region code and a number, e.g. YH3), name,
  website, and the local authority districts each hub serves ("areas", separated by ";").
- 2023 (`Teaching School Hub area,Teaching School Hub name,TSH website, where available,URN,...`):
  the area as "EENEL1 - Braintree, Chelmsford, ..." (a commissioner-area code, then the districts),
  the name, the website and the lead school's URN. Its area codes are not the 2025 ones, so the
  service matches its hubs by name and districts (`domain.organisations.hub_matching`)."""

import re
from dataclasses import dataclass, field

from domain.organisations.regions import REGIONS

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

REGION_CODES = {code for code, _ in REGIONS}
AREA_CODE = re.compile(r"^([A-Z]{1,2})(\d{1,3})$")
LAYOUT_2025 = "teaching_school_hubs"
LAYOUT_2023 = "teaching_school_hubs_lead_schools"
AREA_2023 = re.compile(r"^\s*([A-Za-z]{1,8}\d{1,3})\s*-\s*(.*)$", re.S)
# A district named "Herefordshire, County of" holds a comma of its own.
_DISTRICT_TAIL = re.compile(r"^(county|city) of\b", re.I)


@dataclass(frozen=True)
class HubRow:
    row: int
    area_code: str  # the 2025 code (YH3); the 2023 layout's own label (EENEL1) is not kept
    region_code: str  # "" in the 2023 layout
    name: str
    website: str
    districts: list[str] = field(default_factory=list)
    lead_urn: int | None = None  # the 2023 layout only


@dataclass
class ParsedHubs:
    rows: list[HubRow]
    layout: str = LAYOUT_2025

    @property
    def gives_lead_schools(self) -> bool:
        return self.layout == LAYOUT_2023


def area_region(value: str) -> tuple[str, str]:
    cleaned = value.strip().upper()
    match = AREA_CODE.match(cleaned)
    if not match or match.group(1) not in REGION_CODES:
        raise values.CellError(
            f'"{value.strip()}" is not a hub area code '
            "(expected a region code such as NE, YH or L and a number, e.g. YH3)"
        )
    return cleaned, match.group(1)


def area_2023(value: str) -> tuple[str, list[str]]:
    """ "EENEL1 - Braintree, Chelmsford" -> ("EENEL1", ["Braintree", "Chelmsford"])."""
    match = AREA_2023.match(value or "")
    if not match:
        raise values.CellError(
            f'"{" ".join(value.split())[:40]}" is not a hub area '
            '(expected a code, a dash and the districts, e.g. "EENEL1 - Braintree, Chelmsford")'
        )
    districts: list[str] = []
    for part in match.group(2).split(","):
        part = values.text(part, 120)
        if not part:
            continue
        if districts and _DISTRICT_TAIL.match(part):
            districts[-1] = f"{districts[-1]}, {part}"
        else:
            districts.append(part)
    return match.group(1).upper(), districts


def lead_urn(value: str) -> int | None:
    return values.urn(value) if value.strip() else None


def parse_hubs(data: bytes, *, progress: Progress = None) -> ParsedHubs:
    sheet = Sheet.from_bytes(data)
    if sheet.has("Teaching School Hub area"):
        return _parse_2023(sheet, progress)
    return _parse_2025(sheet, progress)


def _parse_2025(sheet: Sheet, progress: Progress) -> ParsedHubs:
    sheet.require("a list of teaching school hubs", "TSH Area", "name", "areas")
    area_at, name_at, areas_at = (sheet.position(c) for c in ("TSH Area", "name", "areas"))
    website_at = sheet.position("website") if sheet.has("website") else None
    problems = Problems()
    rows: list[HubRow] = []
    seen: dict[str, int] = {}
    for row, cells in sheet.rows(progress):
        area = problems.value(row, sheet.header[area_at], area_region, cells[area_at])
        name = _name(problems, sheet, row, cells, name_at)
        if area is None or not name:
            continue
        code, region_code = area
        if _seen_before(problems, sheet, seen, code, row, area_at):
            continue
        districts = [values.text(part, 120) for part in cells[areas_at].split(";")]
        website = values.text(cells[website_at], 255) if website_at is not None else ""
        rows.append(HubRow(row, code, region_code, name, website, [d for d in districts if d]))
    return _done(problems, rows, LAYOUT_2025)


def _parse_2023(sheet: Sheet, progress: Progress) -> ParsedHubs:
    sheet.require(
        "a list of teaching school hubs with their lead schools",
        "Teaching School Hub area",
        "Teaching School Hub name",
        "URN",
    )
    area_at, name_at, urn_at = (
        sheet.position(c) for c in ("Teaching School Hub area", "Teaching School Hub name", "URN")
    )
    website_column = sheet.find("TSH website, where available", "website")
    website_at = sheet.position(website_column) if website_column else None
    problems = Problems()
    rows: list[HubRow] = []
    seen: dict[str, int] = {}
    for row, cells in sheet.rows(progress):
        area = problems.value(row, sheet.header[area_at], area_2023, cells[area_at])
        name = _name(problems, sheet, row, cells, name_at)
        urn = problems.value(row, sheet.header[urn_at], lead_urn, cells[urn_at])
        if area is None or not name:
            continue
        label, districts = area
        if _seen_before(problems, sheet, seen, label, row, area_at):
            continue
        website = values.text(cells[website_at], 255) if website_at is not None else ""
        rows.append(HubRow(row, "", "", name, website, districts, urn))
    return _done(problems, rows, LAYOUT_2023)


def _name(problems, sheet, row, cells, name_at) -> str:
    name = values.text(cells[name_at], 255)
    if not name:
        problems.add(ImportFileError("is empty (expected the name of the hub)", row=row, column=sheet.header[name_at]))
    return name


def _seen_before(problems, sheet, seen, code, row, area_at) -> bool:
    if code in seen:
        problems.add(
            ImportFileError(f"{code} appears again (first on row {seen[code]})", row=row, column=sheet.header[area_at])
        )
        return True
    seen[code] = row
    return False


def _done(problems: Problems, rows: list[HubRow], layout: str) -> ParsedHubs:
    problems.raise_if_any()
    if not rows:
        raise ImportFileError("The file has a header but no rows of hubs")
    return ParsedHubs(rows, layout)
