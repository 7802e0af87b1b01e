"""Requests for school-to-school support, the panel meetings that consider them, and the offers
made to the leaders they choose (seed 000 "Commissioning", seed 002, seed 003; DESIGN.md
capabilities 6 and 7)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from domain.designation.specialisms import labels_of

from .workflows import MeetingStatus, OfferStatus, RequestStatus


class Route(models.TextChoices):
    SCHOOL = "school", "The school asked, signed in"
    PUBLIC_FORM = "public_form", "The school asked through the public form"
    REFERRAL = "referral", "Someone referred the school"


class ReferrerKind(models.TextChoices):
    """Seed 002's sources of a request, and seed 000's ("schools, LAs, dioceses, RSC and MATs")."""

    CLIENT_SCHOOL = "client_school", "The school itself"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    DIOCESE = "diocese", "Diocese"
    REGIONAL_DIRECTOR = "regional_director", "Regional director (formerly regional schools commissioner)"
    TRUST = "trust", "Trust (academy chain)"
    OFSTED = "ofsted", "Ofsted HMI"
    DFE = "dfe", "Department for Education"
    SYSTEM_LEADER = "system_leader", "An NLE or other system leader"
    GOVERNING_BODY = "governing_body", "The governing body"
    LOCAL_CLUSTER = "local_cluster", "A local cluster of schools"
    ALLIANCE = "alliance", "A teaching school alliance or hub"


class Pattern(models.TextChoices):
    BLOCK = "block", "In a block"
    SPREAD = "spread", "Spread over the window"


class Funding(models.TextChoices):
    DFE_OFFER = "dfe_offer", "Funded by the Department for Education"
    CLIENT_PAYS = "client_pays", "The school or trust pays"
    FREE = "free", "Free of charge"


class NlgPackage(models.TextChoices):
    """Seed 003, "Support available to maintained schools" and "... to trusts"."""

    MAINTAINED = "maintained", "Maintained school: 3 days and a progress review"
    TRUST = "trust", "Trust: 5 days and a progress review"
    TRUST_EXTENDED = "trust_extended", "Trust: 5 days, up to 5 more, and a progress review"


class SupportRequest(models.Model):
    client_school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="support_requests")
    # The trust, when the trust itself is the client (NLG packages for trusts).
    client_trust = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    referrer_kind = models.CharField(max_length=30, choices=ReferrerKind.choices)
    referrer_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_requests"
    )
    # The person to reply to when the request came through the public form (no account).
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_role = models.CharField(max_length=150, blank=True)
    # What matching needs (seed 000: "Basic information should be sought to ensure appropriate matching").
    needs = models.JSONField(default=list)  # specialism codes (seed 003's list)
    phase = models.CharField(max_length=30)  # designation.specialisms.PHASES code
    role_sought = models.CharField(max_length=10)  # designation role code
    description = models.TextField()
    days = models.DecimalField(max_digits=5, decimal_places=1)
    pattern = models.CharField(max_length=10, choices=Pattern.choices)
    window_starts = models.DateField()
    window_ends = models.DateField()
    funding = models.CharField(max_length=20, choices=Funding.choices)
    nlg_package = models.CharField(max_length=20, choices=NlgPackage.choices, blank=True)
    consent_to_share = models.BooleanField(default=False)
    # The alliance, hub or grouping that brokers it, and the one the client asked for, if any.
    brokering_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="brokered_requests"
    )
    preferred_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Changed only through the request workflow (workflows.REQUEST).
    status = models.CharField(max_length=30, choices=RequestStatus.choices, db_index=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gt=0), name="request_days_positive"),
            models.CheckConstraint(
                condition=models.Q(window_ends__gte=models.F("window_starts")), name="request_window_in_order"
            ),
        ]

    def __str__(self):
        return f"Request {self.reference} for {self.client_school}"

    @property
    def reference(self) -> str:
        return f"SR{self.pk:06d}" if self.pk else "SR(new)"

    @property
    def need_labels(self) -> list[str]:
        return labels_of([], self.needs)[1]

    @property
    def phase_label(self) -> str:
        return labels_of([self.phase], [])[0][0]


class PanelMeeting(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="panel_meetings"
    )
    meets_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="panel_meetings")
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-meets_at", "-id"]

    def __str__(self):
        return f"Panel of {self.organisation} on {timezone.localtime(self.meets_at):%-d %B %Y}"


class AgendaItem(models.Model):
    """One request on a meeting's agenda, with what the panel saw and decided."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="items")
    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    # The ranked candidates with their reasons as the panel saw them (matching.Candidate as JSON),
    # kept so that the record shows why, even after the register changes.
    candidates = models.JSONField(default=list, blank=True)
    ranked_at = models.DateTimeField(null=True, blank=True)
    # Why few or no leaders could be put forward, as ranked (matching.shortfall.Shortfall as JSON,
    # with names): how many each filter excluded and the nearest to passing.
    shortfall = models.JSONField(null=True, blank=True)
    # The wider searches chosen for the last ranking (matching.filters.WIDENINGS); empty: as usual.
    widened = models.JSONField(default=list, blank=True)
    chosen_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rationale = models.TextField(blank=True)
    # Why the panel passed over the top suggestion, when it did.
    passed_over_reason = models.TextField(blank=True)
    recused = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "request"], name="one_agenda_item_per_request")]

    def __str__(self):
        return f"{self.request} at {self.meeting}"


class Offer(models.Model):
    request = models.ForeignKey(SupportRequest, on_delete=models.PROTECT, related_name="offers")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offers")
    # The alliance the leader is associated with, when it is not the brokering one: it agrees too.
    leaders_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=30, choices=OfferStatus.choices, default=OfferStatus.WITH_LEADER)
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    leader_answered_at = models.DateTimeField(null=True, blank=True)
    client_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=["with_leader", "with_leaders_alliance", "with_client", "accepted"]),
                name="one_live_offer_per_request",
            )
        ]

    def __str__(self):
        return f"Offer of {self.request.reference} to {self.leader}"
