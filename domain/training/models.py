"""Induction, training, CPD and network events, and their bookings (seed 000: "TSAs will be invited
to apply for a place with booking", a fee per delegate of £100; seed 004 §19-21: training after
designation and ongoing CPD; DESIGN.md capability 5)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from .workflows import BookingStatus, EventStatus


class EventKind(models.TextChoices):
    INDUCTION = "induction", "Induction"
    TRAINING = "training", "Training"
    CPD = "cpd", "Continuing professional development"
    NETWORK = "network", "Network meeting"


class Audience(models.TextChoices):
    """Who may book a place."""

    ANYONE = "anyone", "Anyone with an account"
    LEADERS = "leaders", "Designated system leaders"
    REGION = "region", "Alliances, hubs and leaders of the region"


# Seed 000 "Training": "a charge of £100 per delegate".
DEFAULT_FEE = Decimal("100.00")


class Event(models.Model):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    description = models.TextField(blank=True)
    # The alliance that invoices the fees, and every alliance that runs it with it (seed 000:
    # induction "possibly with other TSAs").
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="events")
    partners = models.ManyToManyField("organisations.Organisation", blank=True, related_name="partner_events")
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="events")
    venue = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="events")
    venue_details = models.CharField(max_length=200, blank=True)  # room, parking, access
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    capacity = models.PositiveIntegerField()
    booking_opens_on = models.DateField()
    booking_closes_on = models.DateField()
    # Cancelling frees a place (and moves the waiting list up) until this many days before.
    cancellation_days = models.PositiveSmallIntegerField(default=7)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.REGION)
    fee = models.DecimalField(max_digits=8, decimal_places=2, default=DEFAULT_FEE)
    # Changed only through the event workflow (workflows.EVENT).
    status = models.CharField(max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="event_has_places"),
            models.CheckConstraint(
                condition=models.Q(booking_closes_on__gte=models.F("booking_opens_on")), name="event_window_in_order"
            ),
            models.CheckConstraint(condition=models.Q(fee__gte=0), name="event_fee_not_negative"),
        ]

    def __str__(self):
        return self.title

    @property
    def reference(self) -> str:
        return f"EV{self.pk:05d}"


class Booking(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="bookings")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The organisation the delegate books for, which the fee's invoice goes to.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Changed only through the booking workflow (workflows.BOOKING).
    status = models.CharField(max_length=20, choices=BookingStatus.choices, db_index=True)
    booked_at = models.DateTimeField(default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attendance_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The fee charged (the event's when booked; 0 after a cancellation in time) and its invoice.
    fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0"))
    invoice_number = models.CharField(max_length=40, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    # Induction: the delegate signed the memorandum of understanding there (seed 000 "Association").
    memorandum_signed = models.BooleanField(default=False)

    class Meta:
        ordering = ["event", "booked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "delegate"],
                condition=models.Q(status__in=["confirmed", "waiting", "attended", "absent"]),
                name="one_live_booking_a_delegate",
            )
        ]

    def __str__(self):
        return f"{self.delegate} at {self.event}"
