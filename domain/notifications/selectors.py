"""Reading notifications and reminders. A person only ever reads their own notifications."""

from dataclasses import dataclass

from django.db.models import F

from .models import Notification, Reminder


def notifications_for(user):
    """The person's own notifications, newest first (none for anyone signed out)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notifications_list_for(user):
    """Every notification of the person for the notifications page: unread first, then newest."""
    return notifications_for(user).order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")


@dataclass(frozen=True)
class Inbox:
    unread_count: int
    unread: list  # the newest unread notifications, at most `limit`


def unread_count_for(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def inbox_for(user, *, limit: int = 10) -> Inbox:
    """What the home page shows: how many unread notifications, and the newest of them. Two queries."""
    unread = notifications_for(user).filter(read_at__isnull=True)
    return Inbox(unread_count=unread.count(), unread=list(unread[:limit]))


def reminders_pending_for(user):
    return Reminder.objects.pending().filter(user=user).order_by("due_at", "id")
