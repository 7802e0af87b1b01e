"""The regional register of system leaders as a table: the words each row shows on the register's
page, and the headings and rows of its download (CSV or XLSX). Rows come from
`selectors.register_rows`, which prefetches each leader's active association, so building them
runs no further queries."""

from collections.abc import Iterable, Iterator

from domain.designation.models import DesignatingSource
from domain.designation.specialisms import labels_of

NOT_ASSOCIATED = "Not associated"

# The short names of the historical designating bodies, for a designation with no organisation.
SHORT_SOURCES = {
    DesignatingSource.NATIONAL_PROGRAMME: "National programme",
    DesignatingSource.PILOT: "Pilot",
}

HEADINGS = (
    "Leader",
    "Role",
    "Status",
    "Designating body",
    "Associated with",
    "School",
    "School URN",
    "Starts on",
    "Ends on",
    "Phases",
    "Specialisms",
)

# Large registers are read in chunks; the prefetch runs once a chunk.
CHUNK_SIZE = 2000


def designating_body(designation) -> str:
    """The alliance, hub or grouping that designated the leader, else the historical source."""
    if designation.organisation_id:
        return designation.organisation.name
    return SHORT_SOURCES.get(designation.source, designation.get_source_display())


def associated_with(designation) -> str:
    """The organisation the leader is actively associated with (needs `person.active_associations`)."""
    associations = getattr(designation.person, "active_associations", None) or []
    return associations[0].organisation.name if associations else NOT_ASSOCIATED


def school_name(designation) -> str:
    return designation.school.display_name if designation.school_id else ""


def _iso(day) -> str:
    return day.isoformat() if day else ""


def register_row(designation) -> list:
    """One designation as a row under HEADINGS: dates as ISO 8601, phases and specialisms by label."""
    phases, specialisms = labels_of(designation.phases or [], designation.specialisms or [])
    return [
        designation.person.full_name,
        designation.get_role_display(),
        designation.get_status_display(),
        designating_body(designation),
        associated_with(designation),
        school_name(designation),
        designation.school.urn if designation.school_id else "",
        _iso(designation.starts_on),
        _iso(designation.ends_on),
        "; ".join(phases),
        "; ".join(specialisms),
    ]


def register_export_rows(designations: Iterable) -> Iterator[list]:
    """Every row of the register (a `register_rows` queryset, or any designations with the same
    related objects), read in chunks."""
    rows = designations.iterator(chunk_size=CHUNK_SIZE) if hasattr(designations, "iterator") else designations
    for designation in rows:
        yield register_row(designation)
