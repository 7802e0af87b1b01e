"""Following GIAS links from a school to the establishments it replaced: when a school converts
to an academy it gets a new URN, and its inspection history stays under the old one."""

from django.db.models import Q, QuerySet

from .models import Inspection, SchoolLink

# A row (urn, linked_urn, "Predecessor...") says linked_urn came before urn; GIAS also writes the
# mirror row (linked_urn, urn, "Successor..."). Either one is enough to follow the link.
PREDECESSOR = "predecessor"
SUCCESSOR = "successor"
MAX_GENERATIONS = 50


def predecessor_urns(urn: int) -> list[int]:
    """The URNs of every establishment `urn` succeeded, nearest first, followed transitively
    (a converter's predecessor's own predecessors too). Cycles in the links are ignored.
    One query per generation."""
    seen = {urn}
    found: list[int] = []
    frontier = {urn}
    for _ in range(MAX_GENERATIONS):
        if not frontier:
            break
        rows = SchoolLink.objects.filter(
            Q(urn__in=frontier, link_type__istartswith=PREDECESSOR)
            | Q(linked_urn__in=frontier, link_type__istartswith=SUCCESSOR)
        ).values_list("urn", "linked_urn", "link_type", "established_on")
        generation = []
        for from_urn, to_urn, link_type, established_on in rows:
            earlier = to_urn if link_type.lower().startswith(PREDECESSOR) else from_urn
            if earlier not in seen:
                seen.add(earlier)
                generation.append((established_on is None, established_on, earlier))
        generation.sort(key=lambda item: (item[0], item[1] and -item[1].toordinal(), item[2]))
        found.extend(earlier for _, _, earlier in generation)
        frontier = {earlier for _, _, earlier in generation}
    return found


def lineage_urns(urn: int) -> list[int]:
    """The school's own URN followed by its predecessors'."""
    return [urn, *predecessor_urns(urn)]


def inspections_with_predecessors(urn: int) -> QuerySet[Inspection]:
    """Every inspection of the school and of the establishments it replaced, most recent first,
    each with its school (so a page can say which URN it was under)."""
    return (
        Inspection.objects.filter(school__urn__in=lineage_urns(urn))
        .select_related("school")
        .order_by("-inspected_on", "school__urn")
    )
