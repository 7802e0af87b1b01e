"""The template's columns: their headings, the other headings a region's own sheet may use, and
an example row. One row is one designation of one leader."""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    # Text typed by a person: a leading =, +, - or @ could run as a formula in a spreadsheet.
    text: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Full name", ("name", "leader", "leader's name", "leaders name")),
    Column("email", "Email address", ("email", "e-mail", "e-mail address", "email addresses")),
    Column("role", "Role", ("designation", "role designated")),
    Column("specialisms", "Specialisms", ("specialism", "sle specialisms", "areas of expertise"), required=False),
    Column("phases", "Phases", ("phase",), required=False),
    Column("urn", "School URN", ("urn", "school urn number", "school's urn", "schools urn"), text=False),
    Column(
        "source",
        "Designated through",
        ("designating source", "source", "designated by", "designating body", "route"),
    ),
    Column("designated_on", "Designated on", ("date designated", "designation date", "start date"), text=False),
    Column(
        "term_ends", "Term ends", ("end date", "term end", "designation ends", "ends on"), required=False, text=False
    ),
    Column(
        "association",
        "Associated with",
        ("association", "alliance", "hub", "alliance or hub", "associated alliance", "associated alliance or hub"),
        required=False,
    ),
    Column("pen_portrait", "Pen portrait", ("pen portrait text", "portrait", "profile"), required=False),
)

BY_KEY = {column.key: column for column in COLUMNS}
HEADINGS = [column.heading for column in COLUMNS]

# An example row for the template: a synthetic person (never a real one).
EXAMPLE = [
    "Alex Example",
    "alex.example@school.example",
    "SLE",
    "Maths; Early years",
    "",
    "100000",
    "Alliance or hub",
    "1 September 2024",
    "",
    "Example Teaching School Alliance",
    "Leads maths across a primary school; has coached maths leads in six schools.",
]


def normalise_heading(text) -> str:
    """'E-mail Address ' -> 'e mail address': lower case, words only."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split())


_BY_HEADING: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.heading, _column.key, *_column.aliases):
        _BY_HEADING.setdefault(normalise_heading(_name), _column.key)


def column_for_heading(text) -> str | None:
    """The column's key a heading names, or None when it names none of them."""
    return _BY_HEADING.get(normalise_heading(text))
