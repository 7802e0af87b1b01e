"""Reading organisations, scoped to what the person may see."""

from django.db.models import Count, Q, QuerySet

from domain.accounts.models import Membership
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for

from .models import Organisation, OrganisationKind


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
