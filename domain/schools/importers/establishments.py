"""The establishment files of the register, in each layout they have been published in.

Known layouts, recognised by their header (columns are always found by name, never position):

- `gias_all_establishment_data`: GIAS "all establishment data" (edubasealldata*.csv) of any
  vintage, and GIAS downloads of selected fields: "URN" plus any of the GIAS columns below.
- `open_establishments`: urn, laestab, num_pupils, phase, la_name, region, ofsted_rating,
  last_ofsted_date, easting, northing (every open establishment on one day; no names).
- `school_details`: URN, Name, Street, City, Postcode, Status (1 open, 2 closed, 3 proposed to
  close), Rating, Inspect Date, Date Opened, Date Closed, Type, Age From, Age To, Religion,
  Local Authority (dates yyyymmdd; "nan" for blanks).
- `establishment_names`: urn, name, open_date, close_date, town, postcode.

A layout fills only the fields it carries: a field missing from the file is left as it is.
In a numeric column, DfE's codes for a value withheld or not applicable (`values.NOT_KNOWN_CODES`)
read as no value and are counted per column; any other word there is refused."""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from domain.organisations.regions import canonical_region_name
from domain.schools.models import InspectionKind, SchoolStatus

from . import values
from .errors import ImportFileError
from .reading import Problems, Progress, Sheet

GIAS = "gias_all_establishment_data"
OPEN_ESTABLISHMENTS = "open_establishments"
SCHOOL_DETAILS = "school_details"
ESTABLISHMENT_NAMES = "establishment_names"

LAYOUT_NAMES = {
    GIAS: "GIAS all establishment data",
    OPEN_ESTABLISHMENTS: "open establishments (urn, laestab, pupils, Ofsted, Easting/Northing)",
    SCHOOL_DETAILS: "school details (names, addresses, status, Ofsted)",
    ESTABLISHMENT_NAMES: "establishment names (names, open and close dates)",
}

# GIAS uses 1 January 1900 where an opening date was never recorded.
UNKNOWN_OPEN_DATE = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class InspectionRecord:
    inspected_on: dt.date
    kind: str
    overall_grade: int | None


@dataclass
class SchoolRecord:
    """One establishment as a file describes it. `fields` holds only the School fields the
    layout carries; "region" is the GIAS name of the region (None for Wales, not applicable)."""

    row: int
    urn: int
    fields: dict = field(default_factory=dict)
    # The latest inspection the file gives: (date, grade or None); None when it gives no date.
    latest_inspection: tuple[dt.date, int | None] | None = None
    inspection: InspectionRecord | None = None


@dataclass
class ParsedEstablishments:
    layout: str
    columns: int
    records: list[SchoolRecord]
    # Whether the layout carries the latest Ofsted outcome (so it may move a school's grade).
    carries_ofsted: bool = False
    # Whether the file names each school's diocese (so that dioceses are brought up to date).
    carries_dioceses: bool = False
    # {column as the header spells it: {code: how many}} of the "not known" codes met.
    not_known: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def layout_name(self) -> str:
        return LAYOUT_NAMES[self.layout]


def ofsted_outcome(rating: int | None, inspected_on: dt.date | None):
    """The (latest, inspection) pair a file's rating and date give. An empty rating on or after
    1 September 2024 is an ungraded inspection; an earlier one is a date with no known grade."""
    if inspected_on is None:
        return None, None
    if rating is not None:
        return (inspected_on, rating), InspectionRecord(inspected_on, InspectionKind.GRADED, rating)
    if inspected_on >= values.UNGRADED_FROM:
        return (inspected_on, None), InspectionRecord(inspected_on, InspectionKind.UNGRADED, None)
    return (inspected_on, None), None


class Reader:
    """Reads cells of one row by column name, noting problems against the row and column."""

    def __init__(self, sheet: Sheet, problems: Problems):
        self.sheet = sheet
        self.problems = problems
        self.row = 0
        self.cells: list[str] = []
        self.not_known: dict[str, Counter] = defaultdict(Counter)

    def at(self, row: int, cells: list[str]) -> "Reader":
        self.row, self.cells = row, cells
        return self

    def raw(self, column: str) -> str:
        return self.cells[self.sheet.position(column)]

    def parse(self, column: str, parse: Callable):
        return self.problems.value(self.row, self.sheet.find(column), parse, self.raw(column))

    def number(self, column: str, parse: Callable):
        """A numeric cell: its number, or None for a blank or a "not known" code (counted)."""
        code = values.not_known_code(self.raw(column))
        if code is None:
            return self.parse(column, parse)
        self.not_known[self.sheet.find(column)][code] += 1
        return None

    def not_known_counts(self) -> dict[str, dict[str, int]]:
        """The codes met, by column in the file's order and by code in DfE's order."""
        order = values.NOT_KNOWN_CODES
        return {
            column: {code: counter[code] for code in order if counter[code]}
            for column, counter in sorted(self.not_known.items(), key=lambda item: self.sheet.position(item[0]))
        }


# GIAS column -> School field, for plain text columns (max lengths as in the model).
GIAS_TEXT = {
    "EstablishmentName": ("name", 255),
    "LA (code)": ("la_code", 10),
    "LA (name)": ("la_name", 120),
    "TypeOfEstablishment (name)": ("type_name", 120),
    "EstablishmentTypeGroup (name)": ("type_group", 120),
    "PhaseOfEducation (name)": ("phase", 60),
    "ReligiousCharacter (name)": ("religious_character", 120),
    "Street": ("street", 255),
    "Town": ("town", 120),
    "Postcode": ("postcode", 12),
    "SchoolWebsite": ("website", 255),
    "DistrictAdministrative (name)": ("district_name", 120),
    "Trusts (code)": ("trust_code", 20),
    "Trusts (name)": ("trust_name", 255),
}
GIAS_NUMBERS = {
    "StatutoryLowAge": ("statutory_low_age", values.small_number),
    "StatutoryHighAge": ("statutory_high_age", values.small_number),
    "SchoolCapacity": ("capacity", values.whole_number),
    "NumberOfPupils": ("number_of_pupils", values.whole_number),
    "PercentageFSM": ("percentage_fsm", values.percentage),
    "Easting": ("easting", values.whole_number),
    "Northing": ("northing", values.whole_number),
}
GIAS_DATES = {"OpenDate": "opened_on", "CloseDate": "closed_on"}
GIAS_OTHER = [
    "EstablishmentNumber",
    "EstablishmentStatus (name)",
    "EstablishmentStatus (code)",
    "GOR (name)",
    "OfstedRating (name)",
    "OfstedLastInsp",
    "Diocese (code)",
    "Diocese (name)",
]
# GIAS's diocese for a school that has none: code "0000", "Not applicable".
NO_DIOCESE_CODES = frozenset({"", "0000"})
NO_DIOCESE_NAMES = frozenset({"not applicable", "does not apply"})
GIAS_COLUMNS = [*GIAS_TEXT, *GIAS_NUMBERS, *GIAS_DATES, *GIAS_OTHER]

OPEN_ESTABLISHMENTS_COLUMNS = [
    "urn",
    "laestab",
    "num_pupils",
    "phase",
    "la_name",
    "region",
    "ofsted_rating",
    "last_ofsted_date",
    "easting",
    "northing",
]
SCHOOL_DETAILS_COLUMNS = [
    "URN",
    "Name",
    "Street",
    "City",
    "Postcode",
    "Status",
    "Rating",
    "Inspect Date",
    "Date Opened",
    "Date Closed",
    "Type",
    "Age From",
    "Age To",
    "Religion",
    "Local Authority",
]
ESTABLISHMENT_NAMES_COLUMNS = ["urn", "name", "open_date", "close_date", "town", "postcode"]

# The school details file's own "Type" words, as the GIAS establishment type group names them.
SCHOOL_DETAILS_TYPE_GROUPS = {
    "maintained school": "LA maintained schools",
    "academy": "Academies",
    "independent school": "Independent schools",
    "special school": "Special schools",
    "college": "Colleges",
}
SCHOOL_DETAILS_STATUS = {
    "1": SchoolStatus.OPEN,
    "2": SchoolStatus.CLOSED,
    "3": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
}
NAN = frozenset({"nan"})


def detect_layout(sheet: Sheet) -> str:
    for layout, columns in (
        (OPEN_ESTABLISHMENTS, OPEN_ESTABLISHMENTS_COLUMNS),
        (SCHOOL_DETAILS, SCHOOL_DETAILS_COLUMNS),
        (ESTABLISHMENT_NAMES, ESTABLISHMENT_NAMES_COLUMNS),
    ):
        if all(sheet.has(column) for column in columns):
            return layout
    sheet.require("a GIAS establishment file", "URN")
    if any(sheet.has(column) for column in GIAS_COLUMNS):
        return GIAS
    raise ImportFileError(
        "The columns do not match any known layout of GIAS establishment data "
        '(expected "URN" with columns such as "EstablishmentName", "LA (code)", "OpenDate")'
    )


def _opened(day: dt.date | None) -> dt.date | None:
    return None if day == UNKNOWN_OPEN_DATE else day


def _gias_row(read: Reader, record: SchoolRecord) -> None:
    sheet, fields = read.sheet, record.fields
    for column, (name, length) in GIAS_TEXT.items():
        if sheet.has(column):
            fields[name] = values.text(read.raw(column), length)
    for column, (name, parse) in GIAS_NUMBERS.items():
        if sheet.has(column):
            fields[name] = read.number(column, parse)
    for column, name in GIAS_DATES.items():
        if sheet.has(column):
            fields[name] = read.parse(column, values.date)
    if "opened_on" in fields:
        fields["opened_on"] = _opened(fields["opened_on"])
    if sheet.has("LA (code)") and sheet.has("EstablishmentNumber"):
        la_code, number = fields["la_code"], values.text(read.raw("EstablishmentNumber"), 10)
        fields["laestab"] = f"{la_code}{number}" if la_code and number else ""
    if sheet.has("EstablishmentStatus (name)"):
        fields["status"] = read.parse("EstablishmentStatus (name)", values.status)
    elif sheet.has("EstablishmentStatus (code)"):
        fields["status"] = read.parse("EstablishmentStatus (code)", values.status)
    if sheet.has("GOR (name)"):
        fields["region"] = canonical_region_name(read.raw("GOR (name)"))
    if sheet.has("Diocese (code)"):
        _diocese(read, fields)
    if sheet.has("OfstedLastInsp"):
        rating = read.parse("OfstedRating (name)", values.grade) if sheet.has("OfstedRating (name)") else None
        inspected_on = read.parse("OfstedLastInsp", values.date)
        record.latest_inspection, record.inspection = ofsted_outcome(rating, inspected_on)


def _diocese(read: Reader, fields: dict) -> None:
    code = values.text(read.raw("Diocese (code)"), 10)
    name = values.text(read.raw("Diocese (name)"), 120) if read.sheet.has("Diocese (name)") else ""
    if code in NO_DIOCESE_CODES or name.lower() in NO_DIOCESE_NAMES:
        code = name = ""
    fields["diocese_code"] = code
    if read.sheet.has("Diocese (name)"):
        fields["diocese_name"] = name


def _open_establishments_row(read: Reader, record: SchoolRecord) -> None:
    laestab = values.text(read.raw("laestab"), 20)
    record.fields.update(
        # Every row of this file is an open establishment (the file is the open ones on one day).
        status=str(SchoolStatus.OPEN),
        laestab=laestab,
        # LAESTAB is the three-digit LA code followed by the establishment number.
        la_code=laestab[:3] if laestab[:3].isdigit() else "",
        la_name=values.text(read.raw("la_name"), 120),
        phase=values.text(read.raw("phase"), 60),
        region=canonical_region_name(read.raw("region")),
        number_of_pupils=read.number("num_pupils", values.whole_number),
        easting=read.number("easting", values.whole_number),
        northing=read.number("northing", values.whole_number),
    )
    rating = read.parse("ofsted_rating", values.grade)
    inspected_on = read.parse("last_ofsted_date", values.date)
    record.latest_inspection, record.inspection = ofsted_outcome(rating, inspected_on)


def _school_details_status(value: str) -> str:
    cleaned = value.strip()
    if not cleaned or cleaned.lower() == "nan":
        return ""
    if cleaned not in SCHOOL_DETAILS_STATUS:
        raise values.CellError(f'"{cleaned}" is not a status (expected 1 open, 2 closed or 3 proposed to close)')
    return str(SCHOOL_DETAILS_STATUS[cleaned])


def _nan_blank(parse):
    return lambda value: None if value.strip().lower() == "nan" else parse(value)


def _school_details_row(read: Reader, record: SchoolRecord) -> None:
    yyyymmdd = _nan_blank(values.date_parser("yyyymmdd"))
    kind = values.text(read.raw("Type"), 120, nulls=NAN)
    record.fields.update(
        name=values.text(read.raw("Name"), 255, nulls=NAN),
        street=values.text(read.raw("Street"), 255, nulls=NAN),
        town=values.text(read.raw("City"), 120, nulls=NAN),
        postcode=values.text(read.raw("Postcode"), 12, nulls=NAN),
        status=read.parse("Status", _school_details_status),
        opened_on=_opened(read.parse("Date Opened", yyyymmdd)),
        closed_on=read.parse("Date Closed", yyyymmdd),
        type_group=SCHOOL_DETAILS_TYPE_GROUPS.get(kind.lower(), kind),
        statutory_low_age=read.number("Age From", _nan_blank(values.small_number)),
        statutory_high_age=read.number("Age To", _nan_blank(values.small_number)),
        religious_character=values.text(read.raw("Religion"), 120, nulls=NAN),
        la_code=values.text(read.raw("Local Authority"), 10, nulls=NAN),
    )
    rating = read.parse("Rating", values.grade)
    inspected_on = read.parse("Inspect Date", yyyymmdd)
    record.latest_inspection, record.inspection = ofsted_outcome(rating, inspected_on)


def _establishment_names_row(read: Reader, record: SchoolRecord, today: dt.date) -> None:
    closed_on = read.parse("close_date", values.date)
    record.fields.update(
        name=values.text(read.raw("name"), 255),
        opened_on=_opened(read.parse("open_date", values.date)),
        closed_on=closed_on,
        town=values.text(read.raw("town"), 120),
        postcode=values.text(read.raw("postcode"), 12),
    )
    # The file has no status column, but GIAS records a close date that has passed only for an
    # establishment that has closed.
    if closed_on is not None and closed_on <= today:
        record.fields["status"] = str(SchoolStatus.CLOSED)


def parse_establishments(data: bytes, *, today: dt.date | None = None, progress: Progress = None):
    """Every row of an establishment file, checked. Raises ImportFileError for the first problem
    (with a count of the others) so that nothing is written from a bad file."""
    today = today or dt.date.today()
    sheet = Sheet.from_bytes(data)
    layout = detect_layout(sheet)
    problems = Problems()
    read = Reader(sheet, problems)
    urn_column = sheet.find("URN")
    fill = {
        GIAS: _gias_row,
        OPEN_ESTABLISHMENTS: _open_establishments_row,
        SCHOOL_DETAILS: _school_details_row,
        ESTABLISHMENT_NAMES: lambda read, record: _establishment_names_row(read, record, today),
    }[layout]
    records: list[SchoolRecord] = []
    first_row: dict[int, int] = {}
    for row, cells in sheet.rows(progress):
        read.at(row, cells)
        urn = read.parse(urn_column, values.urn)
        if urn is None:
            fill(read, SchoolRecord(row=row, urn=0))  # still check the rest of the row
            continue
        if urn in first_row:
            problems.add(
                ImportFileError(f"URN {urn} appears again (first on row {first_row[urn]})", row=row, column=urn_column)
            )
            continue
        first_row[urn] = row
        record = SchoolRecord(row=row, urn=urn)
        fill(read, record)
        records.append(record)
    problems.raise_if_any()
    if not records:
        raise ImportFileError("The file has a header but no rows of establishments")
    carries_ofsted = layout != ESTABLISHMENT_NAMES and (layout != GIAS or sheet.has("OfstedLastInsp"))
    carries_dioceses = layout == GIAS and sheet.has("Diocese (code)")
    return ParsedEstablishments(
        layout, len(sheet.header), records, carries_ofsted, carries_dioceses, read.not_known_counts()
    )
