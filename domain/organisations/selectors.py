"""Reading organisations, scoped to what the person may see."""

from django.db.models import Count, Q, QuerySet

from domain.accounts.models import Membership
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for

from .models import Organisation, OrganisationKind, Region


def regions_administered_by(user) -> set[int]:
    """The regions whose regional body the person represents."""
    return {
        m.organisation.region_id
        for m in active_memberships_for(user)
        if m.role == Role.REGIONAL_REPRESENTATIVE and m.organisation.region_id
    }


def organisations_for(user) -> QuerySet[Organisation]:
    """Organisations a regional representative administers: those in their region(s).
    The service's technical admin sees every organisation."""
    qs = Organisation.objects.all()
    if not user.is_superuser:
        qs = qs.filter(region_id__in=regions_administered_by(user))
    return qs


def organisation_list(*, user, kind: str = "", q: str = "") -> QuerySet[Organisation]:
    qs = organisations_for(user).select_related("region", "lead_school")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__iexact=q))
    active = Q(memberships__status="active")
    return qs.annotate(people=Count("memberships", filter=active)).order_by("name")


def kinds_in_use(user) -> list[tuple[str, str]]:
    used = set(organisations_for(user).values_list("kind", flat=True).distinct())
    return [(k.value, k.label) for k in OrganisationKind if k.value in used]


def memberships_of(organisation) -> list[Membership]:
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("status", "user__full_name", "role")
    )


def regions_for_creating(user) -> list[Region]:
    """The regions in which the person may make organisations: their own, or every region for
    the service's technical admin."""
    regions = Region.objects.order_by("name")
    if not user.is_superuser:
        regions = regions.filter(pk__in=regions_administered_by(user))
    return list(regions)


def region_by_id(region_id) -> Region | None:
    return Region.objects.filter(pk=region_id).first() if str(region_id or "").isdigit() else None


def alliances_for_grouping(*, region_id, grouping=None) -> list[Organisation]:
    """The active alliances of a region that may be members of `grouping`: those in no grouping
    and its own members."""
    free = Q(grouping__isnull=True)
    if grouping is not None and grouping.pk:
        free |= Q(grouping=grouping)
    return list(
        Organisation.objects.filter(free, kind=OrganisationKind.TSA, region_id=region_id, is_active=True).order_by(
            "name"
        )
    )


def member_alliances_of(grouping) -> list[Organisation]:
    return list(Organisation.objects.filter(grouping=grouping).order_by("name"))


def hubs_in_region(region_id) -> list[Organisation]:
    """The open teaching school hubs of a region."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.HUB, region_id=region_id, is_active=True)
        .select_related("lead_school")
        .order_by("name")
    )


def organisation_by_id(organisation_id, *, kind: str = "") -> Organisation | None:
    qs = Organisation.objects.select_related("region", "lead_school", "grouping")
    if kind:
        qs = qs.filter(kind=kind)
    return qs.filter(pk=organisation_id).first()


def trust_of(school) -> Organisation | None:
    """The trust the school belongs to, when the service knows it (the register's trust code)."""
    if school is None or not school.trust_code:
        return None
    return Organisation.objects.filter(kind=OrganisationKind.TRUST, code=school.trust_code).first()
