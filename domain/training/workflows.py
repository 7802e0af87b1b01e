"""The workflows of induction, training and CPD (seed 000 "Training": TSAs "will be invited to apply
for a place with booking"; seed 004 §19-21; DESIGN.md capability 5): an event, and a booking."""

from django.db import models

from domain.workflows.table import Transition, Workflow


class EventStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Open to book"
    CANCELLED = "cancelled", "Cancelled"


E = EventStatus

EVENT = Workflow(
    name="training.event",
    states=EventStatus,
    initial=E.DRAFT,
    description=(
        "An induction, training, CPD or network event that one alliance or several run together. The "
        "organisers draft it, then publish it so that those it is for can book within its booking window. "
        "They can cancel it, saying why: every booking is cancelled and every delegate told."
    ),
    transitions=(
        Transition("publish", (E.DRAFT,), E.PUBLISHED, "Publish the event"),
        Transition("cancel", (E.DRAFT, E.PUBLISHED), E.CANCELLED, "Cancel the event", reason_required=True),
    ),
)


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    ABSENT = "absent", "Did not attend"


B = BookingStatus

BOOKING = Workflow(
    name="training.booking",
    states=BookingStatus,
    initial=B.CONFIRMED,
    description=(
        "A place at an event for one delegate, booked by them or by a colleague. When the event is full "
        "the booking joins the waiting list; when a place frees (a cancellation up to the cut-off) the "
        "first on the list is booked automatically and told. On the day the organisers take the "
        "register: attended or did not attend."
    ),
    transitions=(
        Transition("promote", (B.WAITING,), B.CONFIRMED, "Book from the waiting list"),
        Transition("cancel", (B.CONFIRMED, B.WAITING), B.CANCELLED, "Cancel the booking"),
        Transition("attend", (B.CONFIRMED, B.ABSENT), B.ATTENDED, "Mark as attended"),
        Transition("miss", (B.CONFIRMED, B.ATTENDED), B.ABSENT, "Mark as not attended"),
    ),
)

# Bookings that hold a place or a place in the queue.
LIVE_BOOKING_STATES = frozenset({B.CONFIRMED, B.WAITING, B.ATTENDED, B.ABSENT})
