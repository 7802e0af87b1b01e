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
