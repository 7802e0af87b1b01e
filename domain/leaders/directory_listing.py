"""Reads the directory's pages need beside `domain.leaders.directory.directory_search`: the
organisations a search can be narrowed to, one listed leader, one brokering organisation, and
the schools a "near a school" entry may mean. Each runs one or two queries.

They read only the public listing (`DirectoryEntry`), brokering organisations and the register of
schools."""

from django.db.models import Q, QuerySet

from domain.organisations.models import BROKERING_KINDS, Organisation

from .directory import directory_entries
from .models import DirectoryEntry


def organisations_with_leaders() -> list[tuple[int, str]]:
    """(id, name) of the alliances, hubs and groupings with a listed leader (a grouping's own or
    one of its alliances'), by name: one query."""
    listed = DirectoryEntry.objects.filter(organisation__isnull=False).values("organisation_id")
    groupings = Organisation.objects.filter(pk__in=listed, grouping__isnull=False).values("grouping_id")
    return list(
        Organisation.objects.filter(kind__in=BROKERING_KINDS, is_active=True)
        .filter(Q(pk__in=listed) | Q(pk__in=groupings))
        .order_by("name", "id")
        .values_list("id", "name")
    )


def listed_leader(leader_id) -> DirectoryEntry | None:
    """The leader's directory entry with everything its page shows, or None when not listed."""
    return directory_entries().filter(leader_id=leader_id).first()


def brokering_organisation(organisation_id) -> Organisation | None:
    """An active alliance, hub or grouping (those that have a public page of leaders), or None."""
    return (
        Organisation.objects.filter(pk=organisation_id, kind__in=BROKERING_KINDS, is_active=True)
        .select_related("lead_school", "region")
        .first()
    )


class ResultWindow:
    """Search results for django's Paginator, fetched a page at a time in two short queries: the
    page's ids, sorted by the database over narrow rows (name, or distance from a school), then
    those entries with everything the page shows. Sorting 10,000 whole rows (portrait text and all)
    to keep 25 is what made a search near a school slow (benchmarks/bench_directory.py)."""

    def __init__(self, results: QuerySet[DirectoryEntry]):
        self.results = results
        self.by_distance = "distance_sq" in results.query.annotations

    def count(self) -> int:
        return self.results.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[DirectoryEntry]:
        fields = ("id", "distance_sq") if self.by_distance else ("id",)
        keys = list(self.results.values_list(*fields)[window])
        entries = directory_entries().in_bulk([key[0] for key in keys])
        page = []
        for key in keys:
            entry = entries.get(key[0])
            if entry is not None:
                if self.by_distance:
                    entry.distance_sq = key[1]
                page.append(entry)
        return page
