"""What the register asks of a person now, for their home page: a leader's invitations to answer,
memorandum to accept, pen portrait and availability to complete; an alliance's requests to
answer, pen portraits to approve and memoranda to accept. A fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .memorandum_services import memorandum_current
from .models import Association, Memorandum, MemorandumAcceptance, MemorandumParty, PenPortrait, TermAvailability
from .people import is_designated
from .selectors import organisations_acted_for
from .workflows import AssociationStatus, PortraitStatus


@dataclass(frozen=True)
class ToDo:
    code: str  # what the web layer links to
    text: str


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def to_do_for_leader(user, *, term) -> list[ToDo]:
    if not is_designated(user):
        return []
    items = []
    invitations = Association.objects.filter(leader=user, status=AssociationStatus.INVITED).count()
    if invitations:
        items.append(
            ToDo(
                "invitations",
                _plural(invitations, "Answer an invitation to associate", "Answer {count} invitations to associate"),
            )
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
    if not TermAvailability.objects.filter(leader=user, academic_year=term.year, term=term.name).exists():
        items.append(ToDo("availability", f"Say how many days you can give in the {term.label.lower()}"))
    return items


def to_do_for_alliance(user) -> list[ToDo]:
    organisations = organisations_acted_for(user)
    requests = Association.objects.filter(organisation__in=organisations, status=AssociationStatus.REQUESTED).count()
    items = []
    if requests:
        items.append(
            ToDo(
                "requests",
                _plural(
                    requests, "Answer a leader's request to associate", "Answer {count} leaders' requests to associate"
                ),
            )
        )
    leaders = Association.objects.filter(organisation__in=organisations, status=AssociationStatus.ACTIVE).values(
        "leader_id"
    )
    portraits = PenPortrait.objects.filter(status=PortraitStatus.SUBMITTED, leader_id__in=leaders).count()
    if portraits:
        items.append(ToDo("portraits", _plural(portraits, "Approve a pen portrait", "Approve {count} pen portraits")))
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
        .count()
    )
    if unaccepted:
        items.append(
            ToDo(
                "leaders",
                _plural(
                    unaccepted,
                    "Accept the memorandum for an associated leader",
                    "Accept the memorandum for {count} associated leaders",
                ),
            )
        )
    return items
