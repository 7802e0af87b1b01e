"""What the public directory says of a listed leader, on its pages and in its download (DESIGN.md
capability 11). Reads only `DirectoryEntry`, the published pen portrait it points to, and public
fields of the organisation and school it names: nothing here can reach an account's e-mail
address, availability or the reasons on a record.

The route to contact follows seed 003: "LLEs and SLEs can be contacted through teaching schools";
NLEs and NLGs (listed by name) also as their designation allows: the contact they publish in
their pen portrait, else their school."""

from dataclasses import dataclass

from domain.designation.models import DesignationRole
from domain.designation.specialisms import PHASES, specialism_label
from domain.schools.selectors import web_address

from .directory import DIRECT_CONTACT_ROLES, distance_km
from .models import DirectoryEntry

ROLE_ABBREVIATIONS = {role.value: role.value.upper() for role in DesignationRole}
_PHASE_LABELS = dict(PHASES)


def role_label(code: str) -> str:
    """ "Local leader of education (LLE)"; an unknown code as it is."""
    try:
        return f"{DesignationRole(code).label} ({ROLE_ABBREVIATIONS[code]})"
    except ValueError:
        return code


@dataclass(frozen=True)
class ContactRoute:
    """How a school reaches the leader: through the alliance, hub or grouping they are associated
    with and, for NLEs and NLGs, directly (their published contact, else their school)."""

    organisation: object | None  # Organisation, with lead_school selected
    organisation_website: str | None  # a safe link, or None
    direct: bool  # an NLE or NLG: may also be reached other than through the organisation
    public_contact: str  # what an NLE or NLG publishes in their pen portrait, or ""
    school: object | None  # an NLE's or NLG's school, when they publish no contact

    def text(self) -> str:
        """One line for a spreadsheet cell."""
        parts = []
        if self.organisation is not None:
            lead = self.organisation.lead_school
            through = f"Through {self.organisation.name}"
            if lead is not None:
                through += f" (lead school: {lead.display_name})"
            if self.organisation_website:
                through += f", {self.organisation_website}"
            parts.append(through)
        if self.public_contact:
            parts.append(f"Directly: {self.public_contact}")
        elif self.school is not None:
            parts.append(f"Through their school: {self.school.display_name}")
        return "; ".join(parts)


def contact_route(entry: DirectoryEntry) -> ContactRoute:
    organisation = entry.organisation
    direct = any(code in DIRECT_CONTACT_ROLES for code in entry.role_codes)
    public_contact = entry.portrait.public_contact.strip() if direct else ""
    return ContactRoute(
        organisation=organisation,
        organisation_website=web_address(organisation.website) if organisation is not None else None,
        direct=direct,
        public_contact=public_contact,
        school=entry.school if direct and not public_contact else None,
    )


@dataclass(frozen=True)
class DirectoryRow:
    """A listed leader as the public pages and the download show them."""

    entry: DirectoryEntry
    name: str
    leader_id: int
    role_codes: list[str]
    roles: list[str]
    specialisms: list[str]
    phases: list[str]
    organisation: object | None
    school: object | None
    portrait: object
    contact: ContactRoute
    distance_km: float | None


def directory_row(entry: DirectoryEntry) -> DirectoryRow:
    codes = entry.role_codes
    return DirectoryRow(
        entry=entry,
        name=entry.name,
        leader_id=entry.leader_id,
        role_codes=codes,
        roles=[role_label(code) for code in codes],
        specialisms=[specialism_label(code) for code in DirectoryEntry.unwrap(entry.specialisms)],
        phases=[_PHASE_LABELS.get(code, code) for code in DirectoryEntry.unwrap(entry.phases)],
        organisation=entry.organisation,
        school=entry.school,
        portrait=entry.portrait,
        contact=contact_route(entry),
        distance_km=distance_km(entry),
    )


def directory_rows(entries) -> list[DirectoryRow]:
    """Rows for entries from `directory.directory_entries()` or `directory_search()` (one query)."""
    return [directory_row(entry) for entry in entries]


# The download -----------------------------------------------------------------------------------

HEADINGS = [
    "Name",
    "Roles",
    "Specialisms",
    "Phases",
    "Alliance or hub",
    "Contact route",
    "School",
    "School URN",
    "Local authority",
    "Town",
]
DISTANCE_HEADING = "Distance (km)"


def export_headings(*, near: bool) -> list[str]:
    return [*HEADINGS, DISTANCE_HEADING] if near else list(HEADINGS)


def export_rows(entries, *, near: bool):
    """One list per leader, in the order of `export_headings(near=...)`; a generator, so that a
    large download does not hold every row twice."""
    for entry in entries:
        row = directory_row(entry)
        school = row.school
        cells = [
            row.name,
            "; ".join(row.roles),
            "; ".join(row.specialisms),
            "; ".join(row.phases),
            row.organisation.name if row.organisation is not None else "",
            row.contact.text(),
            school.display_name if school is not None else "",
            school.urn if school is not None else "",
            school.la_name if school is not None else "",
            school.town if school is not None else "",
        ]
        if near:
            cells.append(row.distance_km if row.distance_km is not None else "")
        yield cells
