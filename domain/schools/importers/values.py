"""Parsing one cell: URNs, whole numbers, percentages, DfE's "not known" codes, dates, Ofsted
grades, establishment statuses. Each parser raises `CellError` with a message that quotes the
value and says what was expected."""

import datetime as dt
import re
from decimal import Decimal

from domain.schools.models import OfstedGrade, SchoolStatus


class CellError(ValueError):
    pass


MAX_URN = 99_999_999
MAX_INT = 2_147_483_647
MAX_SMALL_INT = 32_767

# Published statistics put one of these codes in place of a number that is withheld or does not
# apply (shared/data/README.md, "Things to know"): suppressed (x, SUPP, c), not entered or not
# published (NE, NP), not applicable (z), not available (..). Each means "not known", not a
# broken file. Read in any case, with spaces trimmed; kept as DfE spells them.
NOT_KNOWN_CODES = ("x", "SUPP", "NE", "NP", "c", "z", "..")
_NOT_KNOWN = {code.lower(): code for code in NOT_KNOWN_CODES}
PERCENTAGE = re.compile(r"(\d{1,3})(?:\.(\d+))?$")

# Ofsted published no overall effectiveness grade for inspections from this date.
UNGRADED_FROM = dt.date(2024, 9, 1)

DATE_PATTERNS = {
    "dd-mm-yyyy": re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})$"),
    "dd/mm/yyyy": re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})$"),
    "yyyymmdd": re.compile(r"(\d{4})(\d{2})(\d{2})$"),
    "yyyy-mm-dd": re.compile(r"(\d{4})-(\d{2})-(\d{2})$"),
}
DAY_FIRST = {"dd-mm-yyyy", "dd/mm/yyyy"}

# Overall effectiveness as files spell it. "Satisfactory" was grade 3 until September 2012, when
# "Requires improvement" replaced it; "Special Measures" and "Serious Weaknesses" are the two
# categories of concern within grade 4 (shared/data/README.md).
GRADES = {
    "outstanding": OfstedGrade.OUTSTANDING,
    "good": OfstedGrade.GOOD,
    "requires improvement": OfstedGrade.REQUIRES_IMPROVEMENT,
    "satisfactory": OfstedGrade.REQUIRES_IMPROVEMENT,
    "inadequate": OfstedGrade.INADEQUATE,
    "special measures": OfstedGrade.INADEQUATE,
    "serious weaknesses": OfstedGrade.INADEQUATE,
    "1": OfstedGrade.OUTSTANDING,
    "2": OfstedGrade.GOOD,
    "3": OfstedGrade.REQUIRES_IMPROVEMENT,
    "4": OfstedGrade.INADEQUATE,
}
# Values that say there is no overall grade.
NO_GRADE = {"", "not judged", "no overall grade", "insufficient evidence", "not applicable", "null", "nan", "9"}

STATUSES = {
    "open": SchoolStatus.OPEN,
    "closed": SchoolStatus.CLOSED,
    "open, but proposed to close": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
    "proposed to close": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
    "proposed to open": SchoolStatus.PROPOSED_TO_OPEN,
}
# GIAS's EstablishmentStatus codes.
STATUS_CODES = {
    "1": SchoolStatus.OPEN,
    "2": SchoolStatus.CLOSED,
    "3": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
    "4": SchoolStatus.PROPOSED_TO_OPEN,
}


def text(value: str, max_length: int = 255, *, nulls: frozenset = frozenset()) -> str:
    """Whitespace tidied; cut to the column's length so that a long value never stops an import."""
    cleaned = " ".join(value.split())
    if cleaned.lower() in nulls:
        return ""
    return cleaned[:max_length]


def urn(value: str) -> int:
    cleaned = value.strip()
    if not cleaned:
        raise CellError("is empty (expected a URN, a whole number)")
    if not cleaned.isascii() or not cleaned.isdigit() or not 0 < int(cleaned) <= MAX_URN:
        raise CellError(f'"{_shown(value)}" is not a URN (expected a whole number)')
    return int(cleaned)


def whole_number(value: str, *, maximum: int = MAX_INT) -> int | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    if cleaned.endswith(".0"):  # written by spreadsheet software
        cleaned = cleaned[:-2]
    if not cleaned.isascii() or not cleaned.isdigit():
        raise CellError(f'"{_shown(value)}" is not a whole number')
    number = int(cleaned)
    if number > maximum:
        raise CellError(f'"{_shown(value)}" is too large (at most {maximum:,})')
    return number


def small_number(value: str) -> int | None:
    return whole_number(value, maximum=MAX_SMALL_INT)


def percentage(value: str) -> Decimal | None:
    """A percentage from 0 to 100, such as "28.5" or "51.80", to two decimal places."""
    cleaned = value.strip()
    if not cleaned:
        return None
    if not cleaned.isascii() or not PERCENTAGE.match(cleaned):
        raise CellError(f'"{_shown(value)}" is not a percentage (expected a number from 0 to 100)')
    number = Decimal(cleaned).quantize(Decimal("0.01"))
    if number > 100:
        raise CellError(f'"{_shown(value)}" is more than 100 per cent')
    return number


def not_known_code(value: str) -> str | None:
    """The code as DfE spells it when the cell holds one of the "not known" codes, else None."""
    return _NOT_KNOWN.get(value.strip().lower())


def number_or_code(value: str, parse=whole_number) -> tuple:
    """(number, None) for a number or a blank cell (number None); (None, code) for one of the
    "not known" codes; anything else raises `parse`'s CellError."""
    code = not_known_code(value)
    if code is not None:
        return None, code
    return parse(value), None


def date(value: str, formats: tuple[str, ...] = ("dd-mm-yyyy",)) -> dt.date | None:
    cleaned = value.strip()
    if not cleaned:
        return None
    for name in formats:
        match = DATE_PATTERNS[name].match(cleaned)
        if match:
            first, second, third = (int(part) for part in match.groups())
            day, month, year = (first, second, third) if name in DAY_FIRST else (third, second, first)
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise CellError(f'"{_shown(value)}" is not a date (expected {formats[0]})')


def date_parser(*formats: str):
    return lambda value: date(value, formats)


def grade(value: str) -> int | None:
    cleaned = " ".join(value.split()).lower()
    if cleaned in NO_GRADE:
        return None
    try:
        return int(GRADES[cleaned])
    except KeyError:
        raise CellError(
            f'"{_shown(value)}" is not an Ofsted grade (expected Outstanding, Good, Requires improvement or Inadequate)'
        ) from None


def status(value: str) -> str:
    cleaned = " ".join(value.split()).lower()
    if not cleaned:
        return ""
    found = STATUSES.get(cleaned) or STATUS_CODES.get(cleaned)
    if found is None:
        raise CellError(
            f'"{_shown(value)}" is not an establishment status '
            "(expected Open, Closed, Open, but proposed to close or Proposed to open)"
        )
    return str(found)


def _shown(value: str, limit: int = 40) -> str:
    shown = value.strip()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
