"""What the service tells people: notifications on their home page (and by e-mail), and
reminders scheduled for a later date (capability 13: references outstanding, reviews due,
designation expiry, feedback pending, a concern raised)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one person, shown on their home page until they mark it as read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    # A path in the service ("/home/...") or a full address.
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox_idx")]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class ReminderQuerySet(models.QuerySet):
    def pending(self):
        """Neither sent nor cancelled."""
        return self.filter(sent_at__isnull=True, cancelled_at__isnull=True)

    def due(self, now=None):
        return self.pending().filter(due_at__lte=now or timezone.now())


class Reminder(models.Model):
    """A notification to send on `due_at`. The same (person, key) is pending at most once, so a
    service may schedule it every time something changes without sending it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    # Names what the reminder is for, e.g. "designation-review:42"; unique per person while pending.
    key = models.CharField(max_length=150)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    due_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # What the reminder is about (any object): "app_label.model_name" and its primary key.
    subject_type = models.CharField(max_length=100, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=models.Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="one_pending_reminder_per_key",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=models.Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="reminder_pending_due_idx",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.key})"

    @property
    def state(self) -> str:
        if self.cancelled_at:
            return "cancelled"
        if self.sent_at:
            return "sent"
        return "scheduled"
