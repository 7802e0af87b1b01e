"""Reading one cell's words into what the register stores: a role, a designating source,
specialisms, phases, a date, an e-mail address, a URN. Pure: no database. Each reader returns
the value, or raises `CellRefused` with a message a person can act on (without the row and
column, which the checker adds)."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from domain.designation.models import DesignatingSource, DesignationRole
from domain.designation.specialisms import PHASES, SPECIALISMS


class CellRefused(ValueError):
    """The cell cannot be read; the message says why."""


def words(text) -> str:
    """'  Design & Technology ' -> 'design and technology': lower case, '&' as 'and', words only."""
    text = str(text or "").lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


# Roles ----------------------------------------------------------------------------------------

ROLES: dict[str, str] = {}
for _role in DesignationRole:
    ROLES[words(_role.value)] = _role.value
    ROLES[words(_role.label)] = _role.value
    ROLES[words(_role.value) + "s"] = _role.value


def role_of(text) -> str:
    value = ROLES.get(words(text))
    if value is None:
        raise CellRefused(f"{_shown(text)} is not a system leader role: write LLE, SLE, NLE or NLG")
    return value


# Designating source ---------------------------------------------------------------------------


def source_of(text) -> str:
    """Seed 001: designations through the 2014 to 2015 LLE pilot and by the national programme
    stay valid; since 2017 alliances and hubs designate. Accepts the obvious spellings."""
    said = set(words(text).split())
    if "pilot" in said:
        return DesignatingSource.PILOT
    if said & {"national", "nctl", "dfe", "ncsl"}:
        return DesignatingSource.NATIONAL_PROGRAMME
    if said & {"alliance", "hub", "tsa", "tsas", "teaching", "grouping", "school", "schools"}:
        return DesignatingSource.TSA_OR_HUB
    raise CellRefused(
        f"{_shown(text)} is not a way a leader was designated: write 2014 to 2015 pilot, national programme, "
        "or alliance or hub"
    )


# Specialisms and phases --------------------------------------------------------------------------

# Other names people write for a specialism on the list (seed 003's list, by its labels).
SPECIALISM_ALIASES = {
    "mathematics": "maths",
    "math": "maths",
    "sen": "send",
    "send": "send",
    "special educational needs and disabilities": "send",
    "pe": "pe",
    "ict": "ict",
    "computing": "ict",
    "mfl": "mfl",
    "languages": "mfl",
    "pshe": "pshe",
    "re": "re",
    "itt": "itt",
    "nqt": "nqt_development",
    "nqt development": "nqt_development",
    "dt": "design_technology",
    "d and t": "design_technology",
    "eyfs": "early_years",
    "most able": "most_able",
    "more able": "most_able",
    "cpd": "cpd_leadership",
    "sbm": "business_management",
    "school business management": "business_management",
    "curriculum": "curriculum_leadership",
    "behaviour": "behaviour",
}
SPECIALISM_BY_WORDS: dict[str, str] = {words(s.label): s.code for s in SPECIALISMS}
SPECIALISM_BY_WORDS.update({words(s.code): s.code for s in SPECIALISMS})
SPECIALISM_BY_WORDS.update(SPECIALISM_ALIASES)

PHASE_BY_WORDS: dict[str, str] = {words(label): code for code, label in PHASES}
PHASE_BY_WORDS.update({words(code): code for code, _ in PHASES})
PHASE_BY_WORDS.update(
    {
        "post 16": "post_16",
        "16 19": "post_16",
        "16 plus": "post_16",
        "sixth form": "post_16",
        "all through": "all_through",
        "allthrough": "all_through",
        "ap": "alternative_provision",
        "pru": "alternative_provision",
        "nursery": "early_years",
        "eyfs": "early_years",
    }
)


def _items(text) -> list[str]:
    """A list separated by semicolons (or one to a line in the cell)."""
    return [item.strip() for item in re.split(r"[;\n]", str(text or "")) if item.strip()]


def specialisms_of(text) -> list[str]:
    codes = []
    for item in _items(text):
        key = words(item)
        if key == "assessment":
            raise CellRefused(
                "Assessment is on the list twice: write Assessment (leadership) or Assessment (teaching and learning)"
            )
        code = SPECIALISM_BY_WORDS.get(key)
        if code is None:
            raise CellRefused(f"{_shown(item)} is not on the list of SLE specialisms")
        if code not in codes:
            codes.append(code)
    return codes


def phases_of(text) -> list[str]:
    codes = []
    for item in _items(text):
        code = PHASE_BY_WORDS.get(words(item))
        if code is None:
            raise CellRefused(
                f"{_shown(item)} is not a phase: write early years, primary, secondary, 16 to 19, special, "
                "alternative provision or all-through"
            )
        if code not in codes:
            codes.append(code)
    return codes


def phases_of_school(phase: str, type_group: str = "") -> list[str]:
    """The phases a leader works in, from their school's phase on the register (GIAS's names).
    GIAS gives a special school the phase "Not applicable": its type ("Special schools", or
    "Community special school" where a file gives no type group) says it is special."""
    phase_words, group = words(phase), words(type_group)
    if "special" in group:
        return ["special"]
    if "alternative" in group or "pupil referral" in group:
        return ["alternative_provision"]
    if "all through" in phase_words:
        return ["all_through"]
    if "nursery" in phase_words:
        return ["early_years"]
    if "16 plus" in phase_words:
        return ["post_16"]
    if "primary" in phase_words:
        return ["primary"]
    if "secondary" in phase_words:
        return ["secondary"]
    return []


# Dates, e-mail addresses, URNs -----------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
DATE_HELP = "write a date such as 7 December 2024, 07/12/2024 or 2024-12-07"


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def date_of(value) -> dt.date:
    """7 December 2026, 7 Dec 2026, 07/12/2026 (day first, as in England), 7-12-2026, 2026-12-07,
    or a spreadsheet's own date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?", text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", text):
            return dt.date(_year(m[3]), int(m[2]), int(m[1]))
        if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\.?,?[ -](\d{4})", text):
            month = MONTHS.get(m[2].lower())
            if month is not None:
                return dt.date(int(m[3]), month, int(m[1]))
    except (ValueError, OverflowError):
        raise CellRefused(f"{_shown(text)} is not a real date: {DATE_HELP}") from None
    raise CellRefused(f"{_shown(text)} is not a date: {DATE_HELP}" if text else f"Enter the date: {DATE_HELP}")


def email_of(text) -> str:
    email = str(text or "").strip().lower()
    if not email:
        raise CellRefused("Enter the leader's email address")
    try:
        validate_email(email)
    except ValidationError:
        raise CellRefused(f"{_shown(email)} is not an email address: write it like name@school.org.uk") from None
    if len(email) > 254:
        raise CellRefused("The email address must be 254 characters or fewer")
    return email


def urn_of(value) -> int:
    """A school's unique reference number: digits (a spreadsheet may hold 100000 as 100000.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value if value is not None else "").strip()
    if not text:
        raise CellRefused("Enter the URN of the leader's school")
    if not re.fullmatch(r"\d{5,7}", text):
        raise CellRefused(f"{_shown(text)} is not a URN: a URN is 6 digits, such as 100000")
    return int(text)


def _shown(text) -> str:
    """A cell's words quoted back to the person, cut short when long."""
    text = " ".join(str(text if text is not None else "").split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
