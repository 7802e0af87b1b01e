"""Reading the register: associations, the regional list of leaders, pen portraits awaiting
approval, and the regional register. Each list runs a constant number of queries."""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of
from domain.designation.models import Designation
from domain.designation.workflows import ENDED_STATES
from domain.organisations.models import BROKERING_KINDS, Organisation

from .models import Association, PenPortrait
from .people import DIRECT_CONTACT_ROLES
from .workflows import OPEN_STATES, AssociationStatus, PortraitStatus

_ASSOCIATION_RELATED = ("leader", "organisation", "organisation__region", "started_by")


def active_association_of(leader) -> Association | None:
    return (
        Association.objects.filter(leader=leader, status=AssociationStatus.ACTIVE)
        .select_related("organisation", "organisation__region")
        .first()
    )


def associations_of_leader(leader) -> QuerySet[Association]:
    """Every association, invitation and request of the leader, newest first."""
    return (
        Association.objects.filter(leader=leader).select_related(*_ASSOCIATION_RELATED).order_by("-created_at", "-id")
    )


def organisations_acted_for(user) -> QuerySet[Organisation]:
    """The alliances, hubs and groupings the person acts for (policies.can_act_for_organisation):
    those they coordinate and, for a representative, every one in their region."""
    qs = Organisation.objects.filter(kind__in=BROKERING_KINDS, is_active=True).select_related("region")
    if user.is_superuser:
        return qs
    scope = Q(pk__in=organisation_ids_of(user, Role.TSA_COORDINATOR)) | Q(region_id__in=timeline_regions_of(user))
    return qs.filter(scope)


def organisation_acted_for(user, organisation_id) -> Organisation | None:
    """One alliance, hub or grouping the person acts for, or None (another's is not theirs)."""
    return organisations_acted_for(user).filter(pk=organisation_id).first()


def associations_for(user, *, statuses=None, organisation=None) -> QuerySet[Association]:
    """Associations of the organisations the person acts for, optionally of some statuses or of
    one organisation; newest first."""
    qs = Association.objects.filter(organisation__in=organisations_acted_for(user)).select_related(
        *_ASSOCIATION_RELATED
    )
    if statuses:
        qs = qs.filter(status__in=statuses)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.order_by("-created_at", "-id")


def association_for(user, association_id) -> Association | None:
    """One association the person may see (the leader's own, or their organisation's), else None."""
    qs = Association.objects.select_related(*_ASSOCIATION_RELATED)
    return qs.filter(Q(leader=user) | Q(organisation__in=organisations_acted_for(user)), pk=association_id).first()


def brokering_organisations(region=None) -> QuerySet[Organisation]:
    """Alliances, hubs and groupings a leader may ask to associate with, those of `region` first."""
    qs = Organisation.objects.filter(kind__in=BROKERING_KINDS, is_active=True).select_related("region")
    if region is not None:
        return qs.filter(region=region).order_by("name")
    return qs.order_by("name")


def _current_designations() -> Prefetch:
    return Prefetch(
        "designations",
        queryset=Designation.objects.exclude(status__in=ENDED_STATES)
        .select_related("organisation", "school")
        .order_by("-starts_on"),
        to_attr="current_designations",
    )


def _active_associations() -> Prefetch:
    return Prefetch(
        "associations",
        queryset=Association.objects.filter(status=AssociationStatus.ACTIVE).select_related("organisation"),
        to_attr="active_associations",
    )


def regional_leader_list(*, region_ids, role: str = "", q: str = "", unassociated_only: bool = False) -> QuerySet[User]:
    """Seed 000: "All TSA will be sent the regional list of existing LLEs". Leaders with a current
    designation in the regions (by the designating body's region, else their school's), with
    their current designations and active association prefetched (`current_designations`,
    `active_associations`)."""
    designations = Designation.objects.exclude(status__in=ENDED_STATES).filter(
        Q(organisation__region_id__in=region_ids) | Q(organisation__isnull=True, school__region_id__in=region_ids)
    )
    if role:
        designations = designations.filter(role=role)
    people = User.objects.filter(pk__in=designations.values("person_id"), is_active=True)
    if q := q.strip():
        people = people.filter(Q(full_name__icontains=q) | Q(email__iexact=q))
    if unassociated_only:
        people = people.exclude(associations__status=AssociationStatus.ACTIVE)
    return people.prefetch_related(_current_designations(), _active_associations()).order_by("full_name", "pk")


def open_offer_ids(*, organisation, leader_ids) -> set[int]:
    """Leaders among `leader_ids` with an open invitation or request with `organisation`."""
    return set(
        Association.objects.filter(
            organisation=organisation, leader_id__in=leader_ids, status__in=OPEN_STATES
        ).values_list("leader_id", flat=True)
    )


def portraits_awaiting(user) -> QuerySet[PenPortrait]:
    """Pen portraits waiting for approval by the person, oldest first: those of leaders associated
    with an organisation they act for and, for a representative, those of their region's NLEs and
    NLGs who are not associated (policies.can_approve_portrait)."""
    leaders = Association.objects.filter(
        status=AssociationStatus.ACTIVE, organisation__in=organisations_acted_for(user)
    ).values("leader_id")
    scope = Q(leader_id__in=leaders)
    regions = None if user.is_superuser else timeline_regions_of(user)
    if regions is None or regions:
        direct = Designation.objects.exclude(status__in=ENDED_STATES).filter(role__in=DIRECT_CONTACT_ROLES)
        if regions is not None:
            direct = direct.filter(
                Q(organisation__region_id__in=regions) | Q(organisation__isnull=True, school__region_id__in=regions)
            )
        associated = Association.objects.filter(leader_id=OuterRef("leader_id"), status=AssociationStatus.ACTIVE)
        scope |= Q(leader_id__in=direct.values("person_id")) & ~Exists(associated)
    return (
        PenPortrait.objects.filter(scope, status=PortraitStatus.SUBMITTED)
        .select_related("leader")
        .order_by("submitted_at", "id")
    )


def register_rows(
    *,
    region_ids,
    role: str = "",
    status: str = "",
    organisation_id: int | None = None,
    expiring_within_days: int | None = None,
    q: str = "",
    today: dt.date | None = None,
) -> QuerySet[Designation]:
    """The regional register (issue: register, "Regional register"): every designation of the
    regions, by role, status, designating body and expiry, with the leader's active association
    prefetched on `person.active_associations`; soonest expiry first."""
    today = today or timezone.localdate()
    qs = Designation.objects.filter(
        Q(organisation__region_id__in=region_ids) | Q(organisation__isnull=True, school__region_id__in=region_ids)
    )
    if role:
        qs = qs.filter(role=role)
    if status:
        qs = qs.filter(status=status)
    if organisation_id:
        qs = qs.filter(
            Q(organisation_id=organisation_id)
            | Q(
                person__associations__organisation_id=organisation_id,
                person__associations__status=AssociationStatus.ACTIVE,
            )
        ).distinct()
    if expiring_within_days is not None:
        qs = qs.filter(ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=expiring_within_days))
    if q := q.strip():
        qs = qs.filter(person__full_name__icontains=q)
    return (
        qs.select_related("person", "organisation", "school")
        .prefetch_related(
            Prefetch("person__associations", queryset=_active_associations().queryset, to_attr="active_associations")
        )
        .order_by(F("ends_on").asc(nulls_last=True), "person__full_name", "id")
    )


def unavailable_periods_of(leader):
    """The leader's periods of unavailability that have not ended, soonest first."""
    from django.utils import timezone

    from .models import UnavailablePeriod

    return UnavailablePeriod.objects.filter(leader=leader, ends_on__gte=timezone.localdate()).order_by(
        "starts_on", "id"
    )
