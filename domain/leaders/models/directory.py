"""The public directory's listing: one row per system leader who may be found in it, rebuilt by
`directory.directory_refresh` whenever their designation, association or pen portrait changes.

The public pages read only this table and the published pen portrait it points to, so nothing
private (applications, availability, reasons, e-mail addresses) can reach them."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DirectoryEntry(models.Model):
    leader = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_entry")
    # Shown name, copied so that the directory sorts and searches without reading accounts.
    name = models.CharField(max_length=150, db_index=True)
    portrait = models.ForeignKey("leaders.PenPortrait", on_delete=models.CASCADE, related_name="+")
    # The route to contact: the associated alliance, hub or grouping (LLEs and SLEs "can be
    # contacted through teaching schools", seed 003), and the leader's school.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="directory_entries"
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.SET_NULL, related_name="directory_entries"
    )
    # The school's grid point, copied so that a search near a school reads one table.
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    # Codes wrapped in commas (",lle,nle,") so that one `contains` finds a code on every database.
    roles = models.CharField(max_length=100)
    specialisms = models.CharField(max_length=2000, blank=True)
    phases = models.CharField(max_length=200, blank=True)
    # The region it is listed in (the organisation's, else the school's).
    region = models.ForeignKey(
        "organisations.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "directory entries"
        indexes = [models.Index(fields=["easting", "northing"], name="directory_entry_grid_point")]

    def __str__(self):
        return f"{self.name} in the directory"

    @staticmethod
    def wrap(codes) -> str:
        return "," + ",".join(codes) + "," if codes else ""

    @staticmethod
    def unwrap(text: str) -> list[str]:
        return [c for c in text.split(",") if c]

    @property
    def role_codes(self) -> list[str]:
        return self.unwrap(self.roles)
