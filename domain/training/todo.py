"""What events ask of a person now, for their home page (domain.leaders.todo.ToDo): a designated
leader whose induction is due books one; an organiser takes the register of an event that has
started. A fixed number of queries."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from domain.designation.models import Designation
from domain.leaders.todo import ToDo

from .models import Booking
from .policies import can_organise_events
from .selectors import events_organised_by, induction_status
from .workflows import BookingStatus, EventStatus


def _induction_to_book(user) -> list[ToDo]:
    # The newest active designation asks the most (induction_status counts inductions from a year
    # before it started), so an induction due on any is due on it.
    designation = Designation.objects.active().filter(person=user).order_by("-starts_on", "-id").first()
    if designation is None:
        return []
    status = induction_status(designation)
    if status.done or status.booking is not None:
        return []
    return [ToDo("induction", "Book an induction")]


def _registers_to_take(user) -> list[ToDo]:
    if not can_organise_events(user):
        return []
    untaken = Booking.objects.filter(event=OuterRef("pk"), status=BookingStatus.CONFIRMED)
    events = (
        events_organised_by(user)
        .filter(status=EventStatus.PUBLISHED, starts_at__lte=timezone.now())
        .filter(Exists(untaken))
        .order_by("starts_at", "id")
    )
    return [
        ToDo(
            "register",
            f"Take the register for {event.title}",
            due_on=timezone.localtime(event.starts_at).date(),
            item=(event.pk,),
        )
        for event in events
    ]


def to_do_for(user) -> list[ToDo]:
    if not getattr(user, "is_authenticated", False):
        return []
    return _induction_to_book(user) + _registers_to_take(user)
