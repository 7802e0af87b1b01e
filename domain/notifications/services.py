"""Telling people things: in-app notifications, e-mail after the transaction commits, and
reminders scheduled for a date. Writes run in one transaction and record their audit event."""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from domain.audit.services import audit_record, subject_type_of

from .models import Notification, Reminder

logger = logging.getLogger(__name__)

REMINDER_BATCH_SIZE = 100


# Notifications ------------------------------------------------------------------------------


def service_url(link: str = "") -> str:
    """The full address of `link` in the service (a path such as "/home/"), built from
    settings.SERVICE_BASE_URL; the person's home page when there is no link."""
    if link.startswith(("https://", "http://")):
        return link
    if not link:
        try:
            link = reverse("portal:home")
        except NoReverseMatch:  # pragma: no cover - only without the web interface's URLs
            link = "/"
    return settings.SERVICE_BASE_URL.rstrip("/") + "/" + link.lstrip("/")


def notification_email(*, user, title: str, body: str, link: str = "") -> EmailMessage:
    """The e-mail for a notification: the title as subject, the body ending with a link to the service."""
    text = f"{body.rstrip()}\n\n" if body.strip() else ""
    text += f"Open {settings.SERVICE_NAME} to see more:\n{service_url(link)}"
    return EmailMessage(subject=title, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email])


def notification_email_send(*, notification_id: int) -> bool:
    """Sends a notification's e-mail. Runs in the background worker (tasks.send_notification_email),
    so that a slow mail service never slows a page. False when the notification has gone."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None:
        return False
    notification_email(
        user=notification.user, title=notification.title, body=notification.body, link=notification.link
    ).send()
    return True


def _enqueue_email(notification_id: int) -> None:
    from .tasks import send_notification_email

    send_notification_email.enqueue(notification_id)


@transaction.atomic
def notify(*, user, title: str, body: str, link: str = "", email: bool = True) -> Notification:
    """Put a notification on the person's home page and, if `email`, e-mail it to them once the
    transaction commits (so that nobody is told about a change that was rolled back). A failed
    e-mail is logged and does not undo the notification."""
    notification = Notification.objects.create(user=user, title=title[:200], body=body, link=link)
    if email and user.email and user.is_active:
        transaction.on_commit(partial(_enqueue_email, notification.pk), robust=True)
    return notification


@transaction.atomic
def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Marks one of the person's own notifications as read (someone else's: PermissionError)."""
    if notification.user_id != user.pk:
        raise PermissionError("A person can only mark their own notifications as read")
    updated = Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    if updated:
        notification.refresh_from_db(fields=["read_at"])
        audit_record(
            actor=user,
            action="notifications.notification.read",
            subject=notification,
            from_state="unread",
            to_state="read",
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Marks every unread notification of the person as read; returns how many."""
    now = timezone.now()
    unread = list(Notification.objects.unread().filter(user=user).only("id", "title", "user_id"))
    Notification.objects.filter(pk__in=[n.pk for n in unread], read_at__isnull=True).update(read_at=now)
    for notification in unread:
        audit_record(
            actor=user,
            action="notifications.notification.read",
            subject=notification,
            from_state="unread",
            to_state="read",
        )
    return len(unread)


# Reminders ----------------------------------------------------------------------------------


def _when(value) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes")


def _enqueue_send_due_reminders(due_at) -> None:
    """Asks the task backend to run `send_due_reminders` at `due_at`. A backend that cannot wait
    (the immediate and dummy backends) runs it now if it is due; otherwise the cron command
    `manage.py send_due_reminders` sends it."""
    from .tasks import send_due_reminders

    backend = send_due_reminders.get_backend()
    if due_at > timezone.now():
        if backend.supports_defer:
            send_due_reminders.using(run_after=due_at).enqueue()
    else:
        send_due_reminders.enqueue()


@transaction.atomic
def reminder_schedule(*, user, key: str, title: str, body: str, due_at, link: str = "", about=None) -> Reminder:
    """Schedules a reminder to `user` at `due_at`. The same (user, key) is pending at most once:
    scheduling it again updates the pending one (its date, wording, link) instead of adding another."""
    if not key.strip():
        raise ValueError("A reminder needs a key")
    if timezone.is_naive(due_at):
        raise ValueError("due_at must be an aware date and time")
    fields = {
        "title": title[:200],
        "body": body,
        "link": link,
        "due_at": due_at,
        "subject_type": subject_type_of(about) if about is not None else "",
        "subject_id": str(about.pk) if about is not None else "",
    }
    reminder = Reminder.objects.pending().select_for_update(of=("self",)).filter(user=user, key=key).first()
    if reminder is None:
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(user=user, key=key, **fields)
        except IntegrityError:
            # Someone scheduled the same reminder at the same moment: update theirs.
            reminder = Reminder.objects.pending().select_for_update(of=("self",)).get(user=user, key=key)
        else:
            audit_record(
                actor=None,
                action="notifications.reminder.scheduled",
                subject=reminder,
                to_state="scheduled",
                data={"key": key, "due_at": _when(due_at), "user_id": user.pk},
            )
            transaction.on_commit(partial(_enqueue_send_due_reminders, due_at), robust=True)
            return reminder
    changed = {name: value for name, value in fields.items() if getattr(reminder, name) != value}
    if not changed:
        return reminder
    old_due_at = reminder.due_at
    for name, value in changed.items():
        setattr(reminder, name, value)
    reminder.save(update_fields=list(changed))
    audit_record(
        actor=None,
        action="notifications.reminder.rescheduled",
        subject=reminder,
        from_state=_when(old_due_at),
        to_state=_when(reminder.due_at),
        data={"key": key, "changed": sorted(changed), "user_id": user.pk},
    )
    if "due_at" in changed:
        transaction.on_commit(partial(_enqueue_send_due_reminders, reminder.due_at), robust=True)
    return reminder


@transaction.atomic
def reminder_cancel(*, user, key: str, reason: str = "") -> Reminder | None:
    """Cancels the person's pending reminder with this key; None when there is none."""
    reminder = Reminder.objects.pending().select_for_update(of=("self",)).filter(user=user, key=key).first()
    if reminder is None:
        return None
    reminder.cancelled_at = timezone.now()
    reminder.save(update_fields=["cancelled_at"])
    audit_record(
        actor=None,
        action="notifications.reminder.cancelled",
        subject=reminder,
        from_state="scheduled",
        to_state="cancelled",
        reason=reason,
        data={"key": key, "user_id": user.pk},
    )
    return reminder


def reminders_cancel_about(*, subject, reason: str) -> int:
    """Cancels every pending reminder about `subject` (whoever it was for); returns how many.
    Used when the thing a reminder is about ends: a designation lapses, a request is answered."""
    pending = (
        Reminder.objects.pending()
        .filter(subject_type=subject_type_of(subject), subject_id=str(subject.pk))
        .select_related("user")
    )
    return sum(reminder_cancel(user=r.user, key=r.key, reason=reason) is not None for r in pending)


def _send_one(reminder: Reminder, now) -> bool:
    """Claims the reminder (compare-and-set on sent_at, so two workers never both send it), then
    notifies. Runs inside the caller's transaction."""
    claimed = Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True, cancelled_at__isnull=True).update(
        sent_at=now
    )
    if not claimed:
        return False
    reminder.sent_at = now
    notify(user=reminder.user, title=reminder.title, body=reminder.body, link=reminder.link)
    audit_record(
        actor=None,
        action="notifications.reminder.sent",
        subject=reminder,
        from_state="scheduled",
        to_state="sent",
        data={"key": reminder.key, "user_id": reminder.user_id},
    )
    return True


def reminders_send_due(*, batch_size: int = REMINDER_BATCH_SIZE) -> int:
    """Sends every due, unsent, uncancelled reminder through `notify` and marks it sent; returns
    how many were sent. Idempotent. Safe with several workers: on PostgreSQL each batch locks its
    rows with SKIP LOCKED; everywhere, a reminder is claimed by a conditional update before sending.
    A reminder that fails is logged and left pending for the next run; the others still go."""
    skip_locked = connection.features.has_select_for_update_skip_locked
    sent = 0
    failed: set[int] = set()
    while True:
        with transaction.atomic():
            now = timezone.now()
            due = Reminder.objects.due(now).exclude(pk__in=failed).select_related("user").order_by("due_at", "id")
            if skip_locked:
                due = due.select_for_update(skip_locked=True, of=("self",))
            batch = list(due[:batch_size])
            for reminder in batch:
                try:
                    with transaction.atomic():
                        sent += _send_one(reminder, now)
                except Exception:
                    failed.add(reminder.pk)
                    logger.exception("Reminder %s could not be sent; it stays pending", reminder.pk)
        if len(batch) < batch_size:
            return sent
