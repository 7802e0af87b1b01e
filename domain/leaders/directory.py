"""The public school-to-school support directory (DESIGN.md capability 11; seed 003: "Find system
leaders in your area in the school-to-school support directory ... LLEs and SLEs can be contacted
through teaching schools").

`directory_refresh` keeps one `DirectoryEntry` per leader who may be listed; `directory_search`
reads only those entries, their published pen portraits and public organisation and school
fields. A leader is listed when they hold an active designation and a published pen portrait, and
have a route to contact: LLEs and SLEs through the alliance, hub or grouping they are associated
with; NLEs and NLGs also as their designation allows (their school, or a contact they publish)."""

from dataclasses import dataclass

from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet, Value
from django.utils import timezone

from domain.designation.models import Designation, DesignationRole
from domain.designation.workflows import DesignationStatus

from .models import Association, DirectoryEntry, PenPortrait
from .people import DIRECT_CONTACT_ROLES
from .workflows import AssociationStatus, PortraitStatus

ROLE_ORDER = [r.value for r in DesignationRole]


def _listing(leader) -> dict | None:
    """What the directory should say of `leader`, or None when they are not to be listed."""
    designations = list(
        Designation.objects.filter(person=leader, status=DesignationStatus.ACTIVE)
        .select_related("school", "organisation")
        .order_by("-starts_on")
    )
    portrait = PenPortrait.objects.filter(leader=leader, status=PortraitStatus.PUBLISHED).first()
    if not designations or portrait is None or not leader.is_active:
        return None
    association = (
        Association.objects.filter(leader=leader, status=AssociationStatus.ACTIVE)
        .select_related("organisation")
        .first()
    )
    roles = sorted({d.role for d in designations}, key=ROLE_ORDER.index)
    if association is None:
        roles = [r for r in roles if r in DIRECT_CONTACT_ROLES]  # LLEs and SLEs need a teaching school
        if not roles:
            return None
    school = next((d.school for d in designations if d.school_id), None)
    organisation = association.organisation if association else None
    region_id = (organisation.region_id if organisation else None) or (school.region_id if school else None)
    specialisms = list(dict.fromkeys([*portrait.specialisms, *(s for d in designations for s in d.specialisms)]))
    phases = list(dict.fromkeys([*portrait.phases, *(p for d in designations for p in d.phases)]))
    return {
        "name": leader.full_name,
        "portrait": portrait,
        "organisation": organisation,
        "school": school,
        "easting": school.easting if school else None,
        "northing": school.northing if school else None,
        "roles": DirectoryEntry.wrap(roles),
        "specialisms": DirectoryEntry.wrap(specialisms),
        "phases": DirectoryEntry.wrap(phases),
        "region_id": region_id,
    }


def directory_refresh(leader) -> DirectoryEntry | None:
    """Brings the leader's directory entry up to date: created, changed or removed. Called in the
    transaction of every change that could alter it (designation, association, pen portrait)."""
    listing = _listing(leader)
    if listing is None:
        DirectoryEntry.objects.filter(leader=leader).delete()
        return None
    entry, _ = DirectoryEntry.objects.update_or_create(
        leader=leader, defaults={**listing, "updated_at": timezone.now()}
    )
    return entry


def directory_rebuild() -> int:
    """Refreshes every leader who has a designation or an entry; returns how many are listed."""
    from domain.accounts.models import User

    people = User.objects.filter(Q(designations__isnull=False) | Q(directory_entry__isnull=False)).distinct()
    for person in people:
        directory_refresh(person)
    return DirectoryEntry.objects.count()


# Searching -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Near:
    """A search centred on a school or on a postcode's place (domain.schools.postcode_places), and
    how far to look."""

    school: object = None
    within_km: float | None = None
    place: object = None

    @property
    def easting(self):
        return self.place.easting if self.place is not None else getattr(self.school, "easting", None)

    @property
    def northing(self):
        return self.place.northing if self.place is not None else getattr(self.school, "northing", None)

    @property
    def has_grid(self) -> bool:
        return self.easting is not None and self.northing is not None


def directory_entries() -> QuerySet[DirectoryEntry]:
    return DirectoryEntry.objects.select_related(
        "portrait", "organisation", "organisation__lead_school", "school", "region"
    )


def directory_search(
    *,
    q: str = "",
    role: str = "",
    specialism: str = "",
    phase: str = "",
    organisation=None,
    region=None,
    near: Near | None = None,
) -> QuerySet[DirectoryEntry]:
    """Listed leaders matching every filter given, by name; or, near a school, nearest first with
    `distance_m` (None for a leader whose school has no grid point, listed last). Within a
    distance, only leaders whose school is inside it."""
    entries = directory_entries()
    if q := q.strip():
        entries = entries.filter(name__icontains=q)
    if role:
        entries = entries.filter(roles__contains=f",{role},")
    if specialism:
        entries = entries.filter(specialisms__contains=f",{specialism},")
    if phase:
        entries = entries.filter(phases__contains=f",{phase},")
    if organisation is not None:
        entries = entries.filter(Q(organisation=organisation) | Q(organisation__grouping=organisation))
    if region is not None:
        entries = entries.filter(region=region)
    if near is None or not near.has_grid:
        return entries.order_by("name", "id")
    e0, n0 = float(near.easting), float(near.northing)
    if near.within_km:
        metres = float(near.within_km) * 1000
        entries = entries.filter(
            easting__gte=e0 - metres,
            easting__lte=e0 + metres,
            northing__gte=n0 - metres,
            northing__lte=n0 + metres,
        )
    de = ExpressionWrapper(F("easting") - Value(e0), output_field=FloatField())
    dn = ExpressionWrapper(F("northing") - Value(n0), output_field=FloatField())
    entries = entries.annotate(distance_sq=ExpressionWrapper(de * de + dn * dn, output_field=FloatField()))
    if near.within_km:
        entries = entries.filter(distance_sq__lte=(float(near.within_km) * 1000) ** 2)
    return entries.order_by(F("distance_sq").asc(nulls_last=True), "name", "id")


def distance_km(entry) -> float | None:
    """The straight-line distance of a search result from the chosen school, in kilometres."""
    value = getattr(entry, "distance_sq", None)
    return None if value is None else round(value**0.5 / 1000, 1)
