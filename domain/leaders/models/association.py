"""Association: "an agreement between the LLE and TSA/strategic TSA grouping that the TSA will
exclusively broker their deployments" (seed 000, "Principles of association"), and the memorandum
of understanding that records it."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..workflows import AssociationStatus


class AssociationOrigin(models.TextChoices):
    # Seed 000: "TSAs should approach existing LLEs to instigate association or vice versa".
    INVITATION = "invitation", "Invited by the alliance"
    REQUEST = "request", "Asked by the leader"
    # Seed 000: "LLEs designated by TSA/strategic TSA groupings will be automatically associated
    # with them."
    DESIGNATION = "designation", "Designated by the alliance"
    TRANSFER = "transfer", "Transferred from another alliance"
    # Issue 12, part 4: an association the region already had, loaded from its spreadsheet.
    IMPORT = "import", "Recorded from the region's existing list"


class Association(models.Model):
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="associations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="leader_associations"
    )
    # Changed only through the association workflow (workflows.ASSOCIATION).
    status = models.CharField(max_length=20, choices=AssociationStatus.choices, db_index=True)
    origin = models.CharField(max_length=20, choices=AssociationOrigin.choices)
    # Who sent the invitation or request, and what they wrote with it.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True)
    # An invitation or request not answered by this day expires.
    expires_on = models.DateField(null=True, blank=True)
    # When it became active and when it ended, and why.
    starts_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    # The association this one replaced, when transferred from another alliance.
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_association"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Seed 000: "LLEs should only associate with one TSA/strategic TSA grouping at any one
            # time". The services also lock the leader's row, so a refusal says why; this is the
            # last word whatever two coordinators do at the same moment.
            models.UniqueConstraint(
                fields=["leader"], condition=models.Q(status="active"), name="one_active_association_per_leader"
            ),
            models.UniqueConstraint(
                fields=["leader", "organisation"],
                condition=models.Q(status__in=["invited", "requested"]),
                name="one_open_association_offer_per_pair",
            ),
        ]

    def __str__(self):
        return f"{self.leader} with {self.organisation}"

    @property
    def is_active(self) -> bool:
        return self.status == AssociationStatus.ACTIVE

    @property
    def is_open(self) -> bool:
        return self.status in (AssociationStatus.INVITED, AssociationStatus.REQUESTED)


class Memorandum(models.Model):
    """One version of a region's memorandum of understanding between a leader and the alliance,
    hub or grouping they associate with. A new version is a new row; acceptances name the version."""

    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="memoranda")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["region", "-version"]
        constraints = [models.UniqueConstraint(fields=["region", "version"], name="one_memorandum_per_version")]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class MemorandumParty(models.TextChoices):
    LEADER = "leader", "The leader"
    ORGANISATION = "organisation", "The alliance, hub or grouping"


class MemorandumAcceptance(models.Model):
    """One side's acceptance of one version of the memorandum for one association."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="acceptances")
    memorandum = models.ForeignKey(Memorandum, on_delete=models.PROTECT, related_name="acceptances")
    party = models.CharField(max_length=20, choices=MemorandumParty.choices)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["accepted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "memorandum", "party"], name="one_acceptance_per_party_and_version"
            )
        ]

    def __str__(self):
        return f"{self.get_party_display()} accepted {self.memorandum} for {self.association}"
