"""Background work for notifications, run by Django's tasks framework (the database-backed
worker `manage.py db_worker` in development and production; at once in the tests)."""

from django.tasks import task

from .services import notification_email_send, reminders_send_due


@task
def send_notification_email(notification_id: int) -> bool:
    """E-mails one notification to its person, after the change that caused it has committed."""
    return notification_email_send(notification_id=notification_id)


@task
def send_due_reminders() -> int:
    """Sends every reminder that is due and not yet sent; returns how many were sent."""
    return reminders_send_due()
