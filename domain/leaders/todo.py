"""What the register asks of a person now, for their home page: a leader's invitations to answer,
memorandum to accept, pen portrait and availability to complete; an alliance's requests to
answer, pen portraits to approve and memoranda to accept. A fixed number of queries.

Every task says how many items wait (`count`) and, where it has one, when the soonest is due
(`due_on`). A task about a single item carries that item's identifiers (`item`), so that its link
opens the item itself rather than a list (issue: "Home pages that are worklists")."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of

from .memorandum_services import memorandum_current
from .models import Association, Memorandum, MemorandumAcceptance, MemorandumParty, PenPortrait, TermAvailability
from .people import is_designated
from .selectors import organisations_acted_for
from .workflows import AssociationStatus, PortraitStatus


@dataclass(frozen=True)
class ToDo:
    code: str  # the kind of task: what the web layer links to
    text: str
    count: int = 1
    due_on: dt.date | None = None
    item: tuple = ()  # the one item's identifiers, when the task is about one item


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def only_item(queryset, count: int, *fields: str) -> tuple:
    """The identifiers (`fields`, the primary key by default) of the only item of `queryset` when
    `count` is 1, else (): one more query, and only for a task about a single item."""
    if count != 1:
        return ()
    row = queryset.order_by().values_list(*(fields or ("pk",)))[:1]
    return tuple(row[0]) if row else ()


def counted(code: str, queryset, one: str, many: str, *fields: str) -> list[ToDo]:
    """The task of `code` for the items of `queryset`, if any: its count in the words, and the
    item's identifiers when it is the only one. Two queries at most."""
    count = queryset.count()
    if not count:
        return []
    return [ToDo(code, _plural(count, one, many), count=count, item=only_item(queryset, count, *fields))]


def to_do_for_leader(user, *, term) -> list[ToDo]:
    if not is_designated(user):
        return []
    items = []
    items += counted(
        "invitations",
        Association.objects.filter(leader=user, status=AssociationStatus.INVITED),
        "Answer an invitation to associate",
        "Answer {count} invitations to associate",
    )
    active = (
        Association.objects.filter(leader=user, status=AssociationStatus.ACTIVE)
        .select_related("organisation__region")
        .first()
    )
    if active is not None:
        memorandum = memorandum_current(active.organisation.region)
        if (
            memorandum
            and not MemorandumAcceptance.objects.filter(
                association=active, memorandum=memorandum, party=MemorandumParty.LEADER
            ).exists()
        ):
            items.append(ToDo("memorandum", f"Accept the memorandum of understanding with {active.organisation.name}"))
    latest = PenPortrait.objects.filter(leader=user).order_by("-version").first()
    if latest is None:
        items.append(ToDo("pen_portrait", "Write your pen portrait for the directory"))
    elif latest.status == PortraitStatus.RETURNED:
        items.append(ToDo("pen_portrait", "Make the changes your pen portrait needs"))
    elif latest.status == PortraitStatus.DRAFT and active is not None:
        # Only an associated leader can send it: their alliance or hub approves it.
        items.append(ToDo("pen_portrait", "Send your pen portrait for approval"))
    if not TermAvailability.objects.filter(leader=user, academic_year=term.year, term=term.name).exists():
        items.append(
            ToDo(
                "availability",
                f"Say how many days you can give in the {term.label.lower()}",
                item=(term.key,),
            )
        )
    return items


def to_do_for_alliance(user) -> list[ToDo]:
    """The coordinators' tasks. A regional representative may do the same from the same pages,
    but is not asked to: the alliance's own coordinators are."""
    organisations = organisations_acted_for(user).filter(pk__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
    items = counted(
        "requests",
        Association.objects.filter(organisation__in=organisations, status=AssociationStatus.REQUESTED),
        "Answer a leader's request to associate",
        "Answer {count} leaders' requests to associate",
    )
    leaders = Association.objects.filter(organisation__in=organisations, status=AssociationStatus.ACTIVE).values(
        "leader_id"
    )
    items += counted(
        "portraits",
        PenPortrait.objects.filter(status=PortraitStatus.SUBMITTED, leader_id__in=leaders),
        "Approve a pen portrait",
        "Approve {count} pen portraits",
    )
    latest = {}
    for memorandum_id, region_id in Memorandum.objects.order_by("version").values_list("pk", "region_id"):
        latest[region_id] = memorandum_id  # the highest version of each region wins
    accepted = MemorandumAcceptance.objects.filter(
        association=OuterRef("pk"), party=MemorandumParty.ORGANISATION, memorandum_id__in=list(latest.values())
    )
    unaccepted = (
        Association.objects.filter(organisation__in=organisations, status=AssociationStatus.ACTIVE)
        .filter(organisation__region_id__in=list(latest))
        .exclude(Exists(accepted))
    )
    items += counted(
        "leaders",
        unaccepted,
        "Accept the memorandum for an associated leader",
        "Accept the memorandum for {count} associated leaders",
    )
    return items
