"""What the visits part asks of a person now, for their home page: a leader's notes of visit due
and overdue; an alliance's requests for more days to decide. Code "deployments" for every item;
a fixed number of queries (one for the leader, one or two for the alliance)."""

from django.db.models import Count, Q
from django.utils import timezone

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of
from domain.leaders.todo import ToDo, _plural

from .models import Variation, Visit
from .workflows import OPEN_DEPLOYMENT_STATES, VariationStatus, VisitStatus

CODE = "deployments"


def _for_leader(user) -> list[ToDo]:
    today = timezone.localdate()
    counts = Visit.objects.filter(
        deployment__leader=user,
        deployment__status__in=OPEN_DEPLOYMENT_STATES,
        status=VisitStatus.PLANNED,
        visited_on__lte=today,
    ).aggregate(overdue=Count("pk", filter=Q(note_due_on__lt=today)), due=Count("pk", filter=Q(note_due_on__gte=today)))
    items = []
    if counts["overdue"]:
        items.append(
            ToDo(
                CODE,
                _plural(counts["overdue"], "Write an overdue note of visit", "Write {count} overdue notes of visit"),
            )
        )
    if counts["due"]:
        items.append(ToDo(CODE, _plural(counts["due"], "Write a note of visit", "Write {count} notes of visit")))
    return items


def _for_alliance(user) -> list[ToDo]:
    organisations = organisation_ids_of(user, Role.TSA_COORDINATOR)
    regions = timeline_regions_of(user)
    if not organisations and not regions and not user.is_superuser:
        return []
    waiting = Variation.objects.filter(status=VariationStatus.REQUESTED, deployment__status__in=OPEN_DEPLOYMENT_STATES)
    if not user.is_superuser:
        waiting = waiting.filter(
            Q(deployment__organisation_id__in=organisations) | Q(deployment__organisation__region_id__in=regions)
        )
    count = waiting.count()
    if not count:
        return []
    return [ToDo(CODE, _plural(count, "Decide on a request for more days", "Decide on {count} requests for more days"))]


def to_do_for(user) -> list[ToDo]:
    if not is_signed_in(user):
        return []
    return _for_leader(user) + _for_alliance(user)
