"""Reading the memoranda of understanding of a region, and who has accepted them."""

from dataclasses import dataclass

from django.db.models import Count

from domain.audit.policies import timeline_regions_of
from domain.organisations.models import Region

from .models import Association, Memorandum, MemorandumAcceptance, MemorandumParty
from .workflows import AssociationStatus


def regions_represented(user) -> list[Region]:
    """The regions the person represents (the service's technical admin: every region), by name."""
    regions = Region.objects.order_by("name")
    return list(regions if user.is_superuser else regions.filter(pk__in=timeline_regions_of(user)))


def memorandum_versions(region) -> list[Memorandum]:
    """Every version the region has published, newest first."""
    return list(Memorandum.objects.filter(region=region).select_related("published_by").order_by("-version"))


@dataclass(frozen=True)
class AcceptanceCounts:
    active: int  # the region's active associations
    leaders: int  # of which the leader has accepted the version
    organisations: int  # of which the alliance, hub or grouping has


def memorandum_acceptance_counts(region, memorandum) -> AcceptanceCounts:
    """How many of the region's active associations each side has accepted `memorandum` for."""
    active = Association.objects.filter(status=AssociationStatus.ACTIVE, organisation__region=region).count()
    accepted = {}
    if memorandum is not None:
        accepted = dict(
            MemorandumAcceptance.objects.filter(
                memorandum=memorandum,
                association__status=AssociationStatus.ACTIVE,
                association__organisation__region=region,
            )
            .order_by()
            .values_list("party")
            .annotate(n=Count("id"))
        )
    return AcceptanceCounts(
        active, accepted.get(MemorandumParty.LEADER, 0), accepted.get(MemorandumParty.ORGANISATION, 0)
    )
