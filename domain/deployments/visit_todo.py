"""What the visits part asks of a person now, for their home page: a leader's notes of visit due
and overdue, with the date the soonest is due; an alliance's requests for more days to decide.
A fixed number of queries."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import timeline_regions_of
from domain.leaders.todo import ToDo, _plural, counted, only_item

from .models import Variation, Visit
from .workflows import OPEN_DEPLOYMENT_STATES, VariationStatus, VisitStatus


def _for_leader(user) -> list[ToDo]:
    today = timezone.localdate()
    visits = Visit.objects.filter(
        deployment__leader=user,
        deployment__status__in=OPEN_DEPLOYMENT_STATES,
        status=VisitStatus.PLANNED,
        visited_on__lte=today,
    )
    items = []
    for words, part in (
        (("Write an overdue note of visit", "Write {count} overdue notes of visit"), Q(note_due_on__lt=today)),
        (("Write a note of visit", "Write {count} notes of visit"), Q(note_due_on__gte=today)),
    ):
        found = visits.filter(part).aggregate(count=Count("pk"), due_on=Min("note_due_on"))
        if found["count"]:
            items.append(
                ToDo(
                    "visit_note",
                    _plural(found["count"], *words),
                    count=found["count"],
                    due_on=found["due_on"],
                    item=only_item(visits.filter(part), found["count"], "deployment_id", "pk"),
                )
            )
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
    return counted(
        "variation",
        waiting,
        "Decide on a request for more days",
        "Decide on {count} requests for more days",
        "deployment_id",
        "pk",
    )


def to_do_for(user) -> list[ToDo]:
    if not is_signed_in(user):
        return []
    return _for_leader(user) + _for_alliance(user)
