"""Where a postcode is, for "near a postcode" searches: a point on the British National Grid and
how it was found.

A search near "LS6 3QS" must work though no school has that postcode. In order:
1. the postcode itself, from the optional postcode file (`Postcode`, loaded by `import_postcodes`
   from the ONS Postcode Directory: docs/postcodes.md);
2. the schools that have that postcode in the register (their mean grid point);
3. the centre of its sector ("LS6 3"), the mean grid point of the register's schools in it, or of
   the postcode file's postcodes there when it is loaded;
4. the centre of its district ("LS6"), the same way.
A sector or district typed alone starts at 3 or 4. Every step is one aggregate query on an indexed
prefix, so a search costs at most four queries, at any size of register."""

import re
from dataclasses import dataclass

from django.db.models import Avg

from .models import Postcode, School

# A postcode's outward code ("LS6", "EC1A"); the school search reads partial postcodes with it too
# (selectors.postcode_condition). A whole postcode is the outward code, then the inward code (a
# digit and two letters). BS 7666.
OUTWARD_CODE = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_WHOLE = re.compile(rf"^({OUTWARD_CODE}) ?([0-9][A-Z]{{2}})$")
_SECTOR = re.compile(rf"^({OUTWARD_CODE}) ([0-9])$")
_DISTRICT = re.compile(rf"^({OUTWARD_CODE})$")

POSTCODE, SECTOR, DISTRICT = "postcode", "sector", "district"


@dataclass(frozen=True)
class PostcodeText:
    """A postcode, sector or district a person typed, tidied ("ls63qs" is "LS6 3QS")."""

    outward: str
    inward: str = ""  # "3QS" for a whole postcode, "3" for a sector, "" for a district

    @property
    def whole(self) -> str:
        return f"{self.outward} {self.inward}".strip()

    @property
    def sector(self) -> str | None:
        return f"{self.outward} {self.inward[0]}" if self.inward else None


def read_postcode(text: str) -> PostcodeText | None:
    """The postcode, sector or district in the text, or None when it reads as none of them.
    Without a space, a short code is a district: "LS14" is the district LS14, not sector 4 of LS1
    (a sector is typed with its space, "LS1 4")."""
    text = " ".join((text or "").upper().split())
    if match := _WHOLE.match(text):
        return PostcodeText(match[1], match[2])
    if match := _SECTOR.match(text):
        return PostcodeText(match[1], match[2])
    if match := _DISTRICT.match(text):
        return PostcodeText(match[1])
    return None


@dataclass(frozen=True)
class Place:
    """A point to search near, and what it is, in words a person reads after "near"."""

    easting: float
    northing: float
    label: str  # "LS6 3QS", "LS6 3" or "LS6"
    precision: str  # POSTCODE, SECTOR or DISTRICT
    from_register: bool  # True when the point is the mean of the register's schools
    asked: str = ""  # what the person asked for, tidied: "LS6 3QS" when the label is "LS6 3"

    @property
    def description(self) -> str:
        if self.precision == POSTCODE:
            return "the postcode" if not self.from_register else "where the schools with that postcode are"
        return f"the centre of that postcode {self.precision}"


def _mean(model, prefix: str, exact: bool) -> tuple[float, float] | None:
    rows = model.objects.filter(easting__isnull=False, northing__isnull=False)
    if model is Postcode:
        # Stored in capitals as published: a case-sensitive match uses the index PostgreSQL keeps
        # for LIKE on this column, over the 2.7 million rows of a whole postcode file.
        rows = rows.filter(postcode=prefix) if exact else rows.filter(postcode__startswith=prefix)
    else:
        rows = rows.filter(postcode__iexact=prefix) if exact else rows.filter(postcode__istartswith=prefix)
    found = rows.aggregate(e=Avg("easting"), n=Avg("northing"))
    return None if found["e"] is None else (found["e"], found["n"])


def _area_prefix(outward: str, digit: str = "") -> str:
    # "LS6 " finds LS6's postcodes and not LS60's; "LS6 3" finds the sector's.
    return f"{outward} {digit}"


def place_for(postcode: PostcodeText) -> Place | None:
    """Where the postcode, sector or district is, or None when neither the postcode file nor the
    register holds anything in that district."""
    have_file = Postcode.objects.exists()
    if postcode.inward and len(postcode.inward) == 3:
        for model, from_register in ((Postcode, False), (School, True)):
            if model is Postcode and not have_file:
                continue
            found = _mean(model, postcode.whole, exact=True)
            if found:
                return Place(found[0], found[1], postcode.whole, POSTCODE, from_register, postcode.whole)
    source = Postcode if have_file else School
    steps = []
    if postcode.sector:
        steps.append((_area_prefix(postcode.outward, postcode.inward[0]), postcode.sector, SECTOR))
    steps.append((_area_prefix(postcode.outward), postcode.outward, DISTRICT))
    for prefix, label, precision in steps:
        found = _mean(source, prefix, exact=False)
        if found:
            return Place(found[0], found[1], label, precision, source is School, postcode.whole)
    return None
