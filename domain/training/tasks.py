"""Background work for events (Django's tasks framework; at once in the tests)."""

from django.tasks import task

from domain.notifications.models import Notification
from domain.notifications.services import notification_email

from .calendar import event_calendar
from .models import Event


@task
def send_booking_confirmation(notification_id: int, event_id: int) -> bool:
    """E-mails a booking's confirmation with the event's calendar file (event.ics)."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    event = Event.objects.select_related("venue").filter(pk=event_id).first()
    if notification is None or event is None:
        return False
    email = notification_email(
        user=notification.user, title=notification.title, body=notification.body, link=notification.link
    )
    email.attach("event.ics", event_calendar(event), "text/calendar")
    email.send()
    return True
