"""Reads of the register of schools: search, the choices its filters offer, a school's page and
the schools nearest to one. Each read runs a fixed number of queries, however many rows it finds
(a school's lineage costs one query per generation of predecessors: see lineage.py)."""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from domain.organisations.models import BROKERING_KINDS, AllianceMembership, Organisation, OrganisationKind, Region

from . import geography
from .lineage import inspections_with_predecessors
from .models import Inspection, InspectionKind, OfstedGrade, School, SchoolLink, SchoolStatus
from .postcode_places import OUTWARD_CODE

# The Ofsted filter: one value per overall grade, and one for schools without an overall grade
# (ungraded inspections since September 2024, report cards since November 2025, or none on record).
NO_OVERALL_GRADE = "none"
OFSTED_FILTER_CHOICES = [(str(grade.value), grade.label) for grade in OfstedGrade] + [
    (NO_OVERALL_GRADE, "No overall grade")
]

# Statuses that count as open for the nearest schools (proposed-to-close schools still teach).
OPEN_STATUSES = [SchoolStatus.OPEN, SchoolStatus.OPEN_PROPOSED_TO_CLOSE]

# Nearest schools: a square around the school, widened until it holds enough, up to 50 km.
NEAREST_START_METRES = 2_000
NEAREST_CAP_METRES = 50_000


# --- Search -----------------------------------------------------------------------------------

_OUTWARD = re.compile(rf"^{OUTWARD_CODE}$")
_INWARD_PREFIX = re.compile(r"^[0-9]([A-Z]([A-Z])?)?$")


def postcode_condition(text: str) -> Q | None:
    """A condition on School.postcode for text that reads as a whole or partial postcode, else None.

    Postcodes are stored as published ("LS1 4AB"). Spaces and case in the text do not matter:
    "ls14ab" finds "LS1 4AB"; an outward code ("LS1") finds its own postcodes, not LS10 to LS19;
    "LS1 4" finds the sector. Without a space "LS14" may be the district LS14 or the sector LS1 4,
    so both are searched."""
    words = text.upper().split()
    if not words or len(words) > 2:
        return None
    if len(words) == 2:
        outward, inward = words
        if _OUTWARD.match(outward) and _INWARD_PREFIX.match(inward):
            return _postcode_prefix(outward, inward)
        return None
    compact = words[0]
    condition = None
    for inward_length in (3, 2, 1, 0):
        outward, inward = (compact[:-inward_length], compact[-inward_length:]) if inward_length else (compact, "")
        if _OUTWARD.match(outward) and (not inward or _INWARD_PREFIX.match(inward)):
            part = _postcode_prefix(outward, inward)
            condition = part if condition is None else condition | part
    return condition


def _postcode_prefix(outward: str, inward: str) -> Q:
    if len(inward) == 3:
        return Q(postcode__iexact=f"{outward} {inward}")
    return Q(postcode__istartswith=f"{outward} {inward}")


# A URN is a whole number of up to 8 digits (the importers' MAX_URN, 99,999,999).
URN_DIGITS = 8


def urn_from_text(text: str) -> int | None:
    """The URN a person typed, or None when the text is not 1 to 8 ASCII digits. `str.isdigit()`
    alone is not enough: it accepts "²", which int() refuses, and int() reads other scripts'
    digits ("٣"), which no URN is written in."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= URN_DIGITS:
        return int(text)
    return None


def text_condition(q: str) -> Q | None:
    """Name (contains), town (starts with), postcode (whole or partial) and, for a number, URN."""
    q = " ".join((q or "").split())
    if not q:
        return None
    condition = Q(name__icontains=q) | Q(town__istartswith=q)
    urn = urn_from_text(q)
    if urn is not None:
        condition |= Q(urn=urn)
    postcode = postcode_condition(q)
    if postcode is not None:
        condition |= postcode
    return condition


def school_search(
    *,
    q: str = "",
    phase: str = "",
    type_name: str = "",
    la_name: str = "",
    region_code: str = "",
    ofsted: str | int | None = None,
    include_closed: bool = False,
) -> QuerySet[School]:
    """Schools matching the search box and filters, by name. Closed schools only when asked for.
    `ofsted` is a grade (1 to 4) or NO_OVERALL_GRADE."""
    schools = School.objects.all()
    condition = text_condition(q)
    if condition is not None:
        schools = schools.filter(condition)
    if phase:
        schools = schools.filter(phase=phase)
    if type_name:
        schools = schools.filter(type_name=type_name)
    if la_name:
        schools = schools.filter(la_name=la_name)
    if region_code:
        schools = schools.filter(region__code=region_code)
    if ofsted == NO_OVERALL_GRADE:
        schools = schools.filter(ofsted_grade__isnull=True)
    elif ofsted not in (None, ""):
        schools = schools.filter(ofsted_grade=int(ofsted))
    if not include_closed:
        schools = schools.exclude(status=SchoolStatus.CLOSED)
    return schools.order_by("name", "urn")


def schools_matching(text: str, *, limit: int) -> tuple[list[School], int]:
    """The open schools a person's entry may mean (a school to search near, an event's venue), by
    name, at most `limit` of them, with how many match in all. A URN finds its school alone;
    otherwise name, town or postcode (`school_search`)."""
    text = " ".join(text.split())
    if not text:
        return [], 0
    urn = urn_from_text(text)
    if urn is not None:
        exact = list(school_search().filter(urn=urn)[:1])
        if exact:
            return exact, 1
    matches: QuerySet[School] = school_search(q=text)
    found = list(matches[: limit + 1])
    if len(found) <= limit:
        return found, len(found)
    return found[:limit], matches.count()


def school_filter_options() -> dict:
    """The choices for each filter, from the register itself: four queries, plain lists that a
    caller may cache."""

    def distinct(field):
        return list(School.objects.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct())

    return {
        "phases": distinct("phase"),
        "types": distinct("type_name"),
        "local_authorities": distinct("la_name"),
        "regions": list(Region.objects.order_by("name").values_list("code", "name")),
        "ofsted": list(OFSTED_FILTER_CHOICES),
    }


# --- Nearest schools --------------------------------------------------------------------------


@dataclass(frozen=True)
class NearbySchool:
    urn: int
    name: str
    phase: str
    type_name: str
    town: str
    distance_metres: float

    @property
    def display_name(self) -> str:
        return self.name or f"Establishment URN {self.urn}"


def _open_schools_in(box: geography.BoundingBox, *, exclude_pk) -> list[dict]:
    """Open schools in the square, read through the (easting, northing) index. Status is checked
    here rather than in SQL, so that SQLite's planner, without statistics, cannot prefer the
    status index and read every open school in England."""
    rows = (
        School.objects.filter(
            easting__gte=box.min_easting,
            easting__lte=box.max_easting,
            northing__gte=box.min_northing,
            northing__lte=box.max_northing,
        )
        .exclude(pk=exclude_pk)
        .order_by()
        .values("urn", "name", "phase", "type_name", "town", "easting", "northing", "status")
    )
    return [row for row in rows if row["status"] in OPEN_STATUSES]


def _within(rows: list[dict], centre: geography.GridPoint, radius: float) -> list[NearbySchool]:
    found = []
    for row in rows:
        metres = geography.distance_metres(centre, geography.GridPoint(row["easting"], row["northing"]))
        if metres <= radius:
            found.append(NearbySchool(row["urn"], row["name"], row["phase"], row["type_name"], row["town"], metres))
    return sorted(found, key=lambda s: (s.distance_metres, s.name, s.urn))


def nearest_schools(school: School, limit: int = 10) -> list[NearbySchool]:
    """The `limit` open schools nearest to `school` in a straight line, within 50 km, nearest
    first; [] when the school has no Easting/Northing.

    A square of half-width w holds every school within w, and some farther away in its corners.
    The square widens (2 km, 4 km, ... 50 km) until it holds `limit` schools; if some of those
    lie in the corners, one more square as wide as the limit-th distance makes the answer exact."""
    centre = geography.grid_point(school.easting, school.northing)
    if centre is None or limit <= 0:
        return []
    for half_width in geography.widening_half_widths(NEAREST_START_METRES, NEAREST_CAP_METRES):
        rows = _open_schools_in(geography.bounding_box(centre, half_width), exclude_pk=school.pk)
        found = _within(rows, centre, half_width)
        if len(found) >= limit or half_width >= NEAREST_CAP_METRES:
            return found[:limit]
        if len(rows) >= limit:
            in_box = _within(rows, centre, float("inf"))
            radius = min(in_box[limit - 1].distance_metres, NEAREST_CAP_METRES)
            rows = _open_schools_in(geography.bounding_box(centre, radius), exclude_pk=school.pk)
            return _within(rows, centre, radius)[:limit]
    return []  # pragma: no cover - the widths always end at the cap


# --- A school's page --------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionEntry:
    inspection: Inspection
    school_urn: int
    school_name: str
    is_predecessor: bool

    @property
    def has_overall_grade(self) -> bool:
        return self.inspection.overall_grade is not None

    @property
    def kind_label(self) -> str:
        return INSPECTION_KIND_LABELS.get(self.inspection.kind, self.inspection.get_kind_display())

    @property
    def area_grades(self) -> list[tuple[str, str]]:
        return area_grade_rows(self.inspection.area_grades)


INSPECTION_KIND_LABELS = {
    InspectionKind.GRADED: "Graded inspection",
    InspectionKind.UNGRADED: "Ungraded inspection",
    InspectionKind.REPORT_CARD: "Report card",
}


def area_grade_rows(area_grades) -> list[tuple[str, str]]:
    """A report card's grades as (area, grade) pairs, areas written as words."""
    if isinstance(area_grades, dict):
        pairs = area_grades.items()
    elif isinstance(area_grades, list):
        pairs = [(a.get("area", ""), a.get("grade", "")) for a in area_grades if isinstance(a, dict)]
    else:
        return []
    rows = []
    for area, grade in pairs:
        label = str(area)
        if "_" in label or label.islower():
            label = label.replace("_", " ").strip().capitalize()
        rows.append((label, "" if grade is None else str(grade)))
    return rows


@dataclass(frozen=True)
class LinkedSchool:
    urn: int
    name: str
    link_type: str
    established_on: date | None
    on_register: bool

    @property
    def relation(self) -> str:
        lowered = self.link_type.lower()
        if lowered.startswith("predecessor"):
            return "predecessor"
        if lowered.startswith("successor"):
            return "successor"
        return "other"


@dataclass(frozen=True)
class HubEntry:
    hub: Organisation
    website_url: str | None


@dataclass(frozen=True)
class SchoolPage:
    school: School
    website_url: str | None
    inspections: list[InspectionEntry]
    predecessors: list[LinkedSchool]
    successors: list[LinkedSchool]
    other_links: list[LinkedSchool]
    memberships: list[AllianceMembership]
    led_organisations: list[Organisation]
    hubs: list[HubEntry]
    nearest: list[NearbySchool] | None  # None: the school has no Easting/Northing

    @property
    def has_predecessor_history(self) -> bool:
        return any(entry.is_predecessor for entry in self.inspections)


def web_address(value: str) -> str | None:
    """A link for a website as GIAS and the hubs file write it ("www.school.sch.uk/"), or None
    when it does not read as a web address (never a javascript: or other scheme)."""
    value = (value or "").strip()
    if not value or any(c.isspace() for c in value):
        return None
    if re.match(r"^https?://[^/\s]+\.[^/\s]+", value, re.IGNORECASE):
        return value
    if re.match(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", value, re.IGNORECASE):
        return f"http://{value}"
    return None


def _inverse_link_type(link_type: str) -> str:
    """The link seen from the other side: "Predecessor - merged" becomes "Successor - merged"."""
    for word, opposite in (("predecessor", "Successor"), ("successor", "Predecessor")):
        if link_type.lower().startswith(word):
            return opposite + link_type[len(word) :]
    return link_type


def _direct_links(school: School) -> list[LinkedSchool]:
    """The school's own links, each linked school once per relation, named from the register
    where it is there (one query for the links, one for the names)."""
    seen: dict[tuple[int, str], tuple[str, str, date | None]] = {}
    for link in SchoolLink.objects.filter(Q(urn=school.urn) | Q(linked_urn=school.urn)).order_by("pk"):
        if link.urn == school.urn:
            other, link_type, name = link.linked_urn, link.link_type, link.linked_name
        else:
            other, link_type, name = link.urn, _inverse_link_type(link.link_type), ""
        if other == school.urn:
            continue
        key = (other, link_type.lower().split(" ")[0])
        if key not in seen or (name and not seen[key][1]):
            seen[key] = (link_type, name, link.established_on)
    if not seen:
        return []
    registered = dict(School.objects.filter(urn__in={urn for urn, _ in seen}).order_by().values_list("urn", "name"))
    links = [
        LinkedSchool(
            urn=urn,
            name=registered.get(urn) or name or f"Establishment URN {urn}",
            link_type=link_type,
            established_on=established_on,
            on_register=urn in registered,
        )
        for (urn, _), (link_type, name, established_on) in seen.items()
    ]
    return sorted(links, key=lambda link: (-(link.established_on or date.min).toordinal(), link.name, link.urn))


def _normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def hubs_serving(school: School, hubs) -> list[Organisation]:
    """The teaching school hubs whose districts name the school's district or, failing that, its
    local authority (the hubs file lists local authority districts; GIAS gives both)."""
    for place in (_normalised(school.district_name), _normalised(school.la_name)):
        if not place:
            continue
        found = [hub for hub in hubs if place in {_normalised(d) for d in (hub.districts or []) if isinstance(d, str)}]
        if found:
            return sorted(found, key=lambda hub: hub.name)
    return []


def school_page(urn: int) -> SchoolPage | None:
    """Everything a school's page shows, or None for a URN not on the register.

    Queries: the school, its links (and their names when it has any), one per generation of
    predecessors, the inspections, memberships, alliances it leads, the hubs (about 90, matched
    here in Python), and the nearest-school squares (one where schools are dense, at most seven)."""
    school = School.objects.select_related("region").filter(urn=urn).first()
    if school is None:
        return None
    links = _direct_links(school)
    inspections = [
        InspectionEntry(
            inspection=inspection,
            school_urn=inspection.school.urn,
            school_name=inspection.school.display_name,
            is_predecessor=inspection.school_id != school.pk,
        )
        for inspection in inspections_with_predecessors(school.urn)
    ]
    memberships = list(
        AllianceMembership.objects.filter(school=school).select_related("alliance").order_by("alliance__name")
    )
    led = list(Organisation.objects.filter(lead_school=school, kind__in=BROKERING_KINDS).order_by("name"))
    hubs = list(Organisation.objects.filter(kind=OrganisationKind.HUB, is_active=True))
    has_location = geography.grid_point(school.easting, school.northing) is not None
    return SchoolPage(
        school=school,
        website_url=web_address(school.website),
        inspections=inspections,
        predecessors=[link for link in links if link.relation == "predecessor"],
        successors=[link for link in links if link.relation == "successor"],
        other_links=[link for link in links if link.relation == "other"],
        memberships=memberships,
        led_organisations=led,
        hubs=[HubEntry(hub, web_address(hub.website)) for hub in hubs_serving(school, hubs)],
        nearest=nearest_schools(school) if has_location else None,
    )


def school_by_id(school_id) -> School | None:
    """The school with this id, or None (an id that is not a number is no school)."""
    try:
        return School.objects.filter(pk=int(school_id)).select_related("region").first()
    except (TypeError, ValueError, OverflowError):
        return None
