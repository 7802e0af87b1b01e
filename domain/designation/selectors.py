"""Reading designations."""

import datetime as dt

from django.utils import timezone

from .models import Designation
from .workflows import DesignationStatus

_RELATED = ("person", "organisation", "school", "previous")


def designations_for_leader(user):
    """Every designation the person has held, newest term first (ended ones included)."""
    return Designation.objects.filter(person=user).select_related(*_RELATED).order_by("-starts_on", "-id")


def designations_of_organisation(organisation):
    """The designations an alliance or hub made, newest first (ended ones included)."""
    return Designation.objects.filter(organisation=organisation).select_related(*_RELATED).order_by("-starts_on", "-id")


def designations_expiring(within_days: int, *, today: dt.date | None = None):
    """Active designations whose term ends between today and `within_days` days from now, soonest
    first: the reviews to plan (seed 004 §22)."""
    today = today or timezone.localdate()
    return (
        Designation.objects.filter(
            status=DesignationStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related(*_RELATED)
        .order_by("ends_on", "id")
    )


def designations_managed_by(user):
    """The designations the person may manage (policies.can_manage_designation), as one query:
    those their alliances or hubs made, and, for a regional representative, every designation
    of their region (by the designating body's region, else the leader's school's)."""
    from django.db.models import Q

    from domain.accounts.roles import Role
    from domain.accounts.selectors import organisation_ids_of
    from domain.audit.policies import timeline_regions_of

    qs = Designation.objects.select_related(*_RELATED, "organisation__region", "school__region")
    if user.is_superuser:
        return qs.order_by("ends_on", "id")
    regions = timeline_regions_of(user)
    scope = Q(organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
    scope |= Q(organisation__region_id__in=regions)
    scope |= Q(organisation__isnull=True, school__region_id__in=regions)
    return qs.filter(scope).order_by("ends_on", "id")
