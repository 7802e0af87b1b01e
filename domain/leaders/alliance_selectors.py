"""Reading an alliance's own leaders for its coordinators: one row per associated leader with
their roles, the memorandum's state, their pen portrait's state and the days they have left this
term. A constant number of queries whatever the number of leaders."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from domain.designation.models import Designation

from .availability_services import availability_summaries, upcoming_terms
from .memorandum_services import memorandum_current
from .models import Association, MemorandumAcceptance, MemorandumParty, PenPortrait, Term
from .models.availability import days_text
from .selectors import associations_for
from .workflows import AssociationStatus, PortraitStatus


def current_designations_prefetch(lookup: str) -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Designation.objects.current().select_related("organisation", "school").order_by("-starts_on"),
        to_attr="current_designations",
    )


def role_labels(designations) -> str:
    """ "Local leader of education, National leader of education": each role once."""
    return ", ".join(dict.fromkeys(d.get_role_display() for d in designations))


def portrait_state(portraits) -> str:
    """What the directory shows of the leader: `portraits` newest version first."""
    if not portraits:
        return "Not written yet"
    latest = portraits[0]
    published = next((p for p in portraits if p.status == PortraitStatus.PUBLISHED), None)
    if published is None or published is latest:
        return latest.get_status_display()
    return f"Published; version {latest.version} {latest.get_status_display().lower()}"


def associated_leaders(user, organisation) -> QuerySet[Association]:
    """The organisation's active associations the person may see, by leader's name, with the
    leader's current designations and pen portraits prefetched."""
    return (
        associations_for(user, statuses=[AssociationStatus.ACTIVE], organisation=organisation)
        .prefetch_related(
            current_designations_prefetch("leader__designations"),
            Prefetch("leader__pen_portraits", queryset=PenPortrait.objects.order_by("-version"), to_attr="portraits"),
        )
        .order_by("leader__full_name", "pk")
    )


@dataclass(frozen=True)
class LeaderRow:
    association: Association
    roles: str
    memorandum: str
    memorandum_done: bool
    portrait: str
    remaining: str  # days, as people write them: 6, 2.5
    over_capacity: bool
    term: Term


def associated_leader_rows(organisation, associations) -> list[LeaderRow]:
    """One row per association of `associated_leaders` (a page of them)."""
    if not associations:
        return []
    term = upcoming_terms(count=1)[0]
    summaries = availability_summaries([a.leader_id for a in associations], [term])
    memorandum = memorandum_current(organisation.region) if organisation.region_id else None
    accepted = set()
    if memorandum is not None:
        accepted = set(
            MemorandumAcceptance.objects.filter(
                association__in=[a.pk for a in associations], memorandum=memorandum
            ).values_list("association_id", "party")
        )
    rows = []
    for association in associations:
        leader = association.leader
        summary = summaries[leader.pk][0]
        both = memorandum is not None and all(
            (association.pk, party) in accepted for party in (MemorandumParty.LEADER, MemorandumParty.ORGANISATION)
        )
        if memorandum is None:
            state = "No memorandum published"
        else:
            state = "Accepted by both" if both else "Waiting for acceptance"
        rows.append(
            LeaderRow(
                association=association,
                roles=role_labels(leader.current_designations),
                memorandum=state,
                memorandum_done=both,
                portrait=portrait_state(leader.portraits),
                remaining=days_text(summary.remaining),
                over_capacity=summary.over_capacity,
                term=term,
            )
        )
    return rows
