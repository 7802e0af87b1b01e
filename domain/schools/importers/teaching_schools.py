"""The school-to-school support directory's list of teaching schools and their alliances:
Alliance Name, Teaching School, URN, Region (and Local Authority, RSC, Type, Phase, ...)."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from domain.organisations.regions import canonical_region_name

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet


@dataclass(frozen=True)
class TeachingSchoolRow:
    row: int
    alliance_name: str
    alliance_code: str
    school_name: str
    urn: int
    region: str | None


@dataclass
class ParsedTeachingSchools:
    rows: list[TeachingSchoolRow]

    @property
    def alliance_codes(self) -> list[str]:
        return list(dict.fromkeys(row.alliance_code for row in self.rows))


def normalised_name(name: str) -> str:
    """Lower case, accents and apostrophes dropped, "&" read as "and", punctuation and spacing ignored."""
    plain = re.sub(r"['\u2018\u2019`]", "", name)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    plain = plain.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def alliance_code(name: str) -> str:
    """A stable code (at most 40 characters) for an alliance, from its normalised name, so that
    re-importing the directory finds the same organisation."""
    normal = normalised_name(name)
    slug = normal.replace(" ", "-")[:26].strip("-")
    digest = hashlib.sha1(normal.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"tsa-{slug}-{digest}"


def parse_teaching_schools(data: bytes, *, progress: Progress = None) -> ParsedTeachingSchools:
    sheet = Sheet.from_bytes(data)
    sheet.require("a list of teaching schools", "Alliance Name", "URN", "Teaching School")
    alliance_at, school_at, urn_at = (sheet.position(c) for c in ("Alliance Name", "Teaching School", "URN"))
    region_at = sheet.position("Region") if sheet.has("Region") else None
    problems = Problems()
    rows: list[TeachingSchoolRow] = []
    seen: dict[tuple, int] = {}
    for row, cells in sheet.rows(progress):
        urn = problems.value(row, sheet.header[urn_at], values.urn, cells[urn_at])
        alliance = values.text(cells[alliance_at], 255)
        if not alliance or not normalised_name(alliance):
            problems.add(
                ImportFileError("is empty (expected the name of the alliance)", row=row, column="Alliance Name")
            )
            continue
        if urn is None:
            continue
        code = alliance_code(alliance)
        if (code, urn) in seen:
            problems.add(
                ImportFileError(
                    f"URN {urn} appears again in the same alliance (first on row {seen[(code, urn)]})",
                    row=row,
                    column=sheet.header[urn_at],
                )
            )
            continue
        seen[(code, urn)] = row
        region = canonical_region_name(cells[region_at]) if region_at is not None else None
        rows.append(TeachingSchoolRow(row, alliance, code, values.text(cells[school_at], 255), urn, region))
    problems.raise_if_any()
    if not rows:
        raise ImportFileError("The file has a header but no rows of teaching schools")
    return ParsedTeachingSchools(rows)
