"""What the register already holds about a file's schools, alliances and people: read in a fixed
number of queries (a few per 2,000 e-mail addresses or URNs), so that the checker itself is pure."""

import datetime as dt
from dataclasses import dataclass, field

from domain.accounts.models import User
from domain.accounts.policies import is_regional_representative
from domain.audit.policies import timeline_regions_of
from domain.designation.models import Designation
from domain.organisations.models import BROKERING_KINDS, Organisation
from domain.schools.models import School

from ..models import Association, PenPortrait
from ..selectors import organisations_acted_for
from ..workflows import AssociationStatus
from .values import words

CHUNK = 2_000


@dataclass(frozen=True)
class SchoolFact:
    id: int
    urn: int
    name: str
    phase: str = ""
    type_group: str = ""
    region_id: int | None = None


@dataclass(frozen=True)
class OrganisationFact:
    id: int
    name: str
    is_active: bool = True


@dataclass(frozen=True)
class PersonFact:
    id: int
    full_name: str


@dataclass(frozen=True)
class DesignationFact:
    id: int
    source: str
    organisation_id: int | None
    organisation_name: str
    school_id: int | None
    starts_on: dt.date
    ends_on: dt.date | None
    specialisms: tuple[str, ...]
    phases: tuple[str, ...]


@dataclass(frozen=True)
class PortraitFact:
    id: int
    version: int
    status: str
    experience: str


@dataclass
class Context:
    today: dt.date
    # Whether the person importing acts only for their own alliances (a coordinator), not a region.
    own_only: bool = False
    schools: dict[int, SchoolFact] = field(default_factory=dict)
    # Alliances, hubs and groupings by the words of their name and of their code.
    in_scope: dict[str, OrganisationFact] = field(default_factory=dict)
    elsewhere: dict[str, OrganisationFact] = field(default_factory=dict)
    scope_names: list[str] = field(default_factory=list)
    # The regions whose schools' leaders a representative imports; None: any school (a coordinator's
    # leaders' schools join their alliance, and the technical admin acts everywhere).
    region_ids: set[int] | None = None
    people: dict[str, PersonFact] = field(default_factory=dict)  # by e-mail address
    associations: dict[int, OrganisationFact] = field(default_factory=dict)  # active, by person
    designations: dict[tuple[int, str], DesignationFact] = field(default_factory=dict)  # current
    portraits: dict[int, PortraitFact] = field(default_factory=dict)  # latest version, by person


def _chunks(values):
    values = sorted(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _index(organisations) -> dict[str, OrganisationFact]:
    index: dict[str, OrganisationFact] = {}
    for pk, name, code, is_active in organisations:
        fact = OrganisationFact(pk, name, is_active)
        for key in (words(name), words(code)):
            if key:
                index.setdefault(key, fact)
    return index


def load_context(*, actor, emails, urns, today: dt.date) -> Context:
    """The facts the checker needs about `emails` and `urns`, for `actor`'s scope."""
    context = Context(today=today, own_only=not is_regional_representative(actor))
    if not context.own_only and not actor.is_superuser:
        context.region_ids = set(timeline_regions_of(actor))
    scope_ids = set(organisations_acted_for(actor).values_list("pk", flat=True))
    every = list(
        Organisation.objects.filter(kind__in=BROKERING_KINDS)
        .order_by("-is_active", "name", "pk")
        .values_list("pk", "name", "code", "is_active")
    )
    context.in_scope = _index(o for o in every if o[0] in scope_ids)
    context.elsewhere = _index(o for o in every if o[0] not in scope_ids)
    context.scope_names = sorted(o[1] for o in every if o[0] in scope_ids)
    for chunk in _chunks(set(urns)):
        for pk, urn, name, phase, type_group, type_name, region_id in School.objects.filter(urn__in=chunk).values_list(
            "pk", "urn", "name", "phase", "type_group", "type_name", "region_id"
        ):
            # Files without a type group name the type alone ("Community special school").
            context.schools[urn] = SchoolFact(pk, urn, name, phase, type_group or type_name, region_id)
    for chunk in _chunks(set(emails)):
        for pk, email, full_name in User.objects.filter(email__in=chunk).values_list("pk", "email", "full_name"):
            context.people[email.lower()] = PersonFact(pk, full_name)
    person_ids = [p.id for p in context.people.values()]
    for chunk in _chunks(person_ids):
        for leader_id, pk, name, is_active in Association.objects.filter(
            leader_id__in=chunk, status=AssociationStatus.ACTIVE
        ).values_list("leader_id", "organisation_id", "organisation__name", "organisation__is_active"):
            context.associations[leader_id] = OrganisationFact(pk, name, is_active)
        for d in (
            Designation.objects.current()
            .filter(person_id__in=chunk)
            .select_related("organisation")
            .only(*DESIGNATION_FIELDS)
            .order_by("starts_on", "pk")
        ):
            context.designations[(d.person_id, d.role)] = DesignationFact(
                d.pk,
                d.source,
                d.organisation_id,
                d.designating_body,
                d.school_id,
                d.starts_on,
                d.ends_on,
                tuple(d.specialisms),
                tuple(d.phases),
            )
        for pk, leader_id, version, status, experience in (
            PenPortrait.objects.filter(leader_id__in=chunk)
            .order_by("leader_id", "version")
            .values_list("pk", "leader_id", "version", "status", "experience")
        ):
            context.portraits[leader_id] = PortraitFact(pk, version, status, experience)  # the last is the latest
    return context


DESIGNATION_FIELDS = (
    "pk",
    "person_id",
    "role",
    "source",
    "organisation_id",
    "organisation__name",
    "school_id",
    "starts_on",
    "ends_on",
    "specialisms",
    "phases",
)
