"""notify(): the in-app notification, and the e-mail sent only once the transaction commits."""

import pytest
from django.core import mail
from django.db import transaction

from domain.audit.models import AuditEvent
from domain.notifications.models import Notification
from domain.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    notify,
    service_url,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_notify_creates_the_notification_and_emails_after_commit(django_capture_on_commit_callbacks, settings):
    settings.SERVICE_BASE_URL = "https://s2s.example.gov.uk"
    person = factories.UserFactory(email="leader@example.test")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(
            user=person, title="A reference is outstanding", body="Your referee has not answered.", link="/home/x/"
        )
        # Nothing is sent before the transaction commits.
        assert mail.outbox == []
    assert Notification.objects.get() == notification
    assert notification.user == person and notification.read_at is None
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["leader@example.test"]
    assert sent.subject == "A reference is outstanding"
    assert sent.body.startswith("Your referee has not answered.")
    assert sent.body.endswith("https://s2s.example.gov.uk/home/x/")


def test_no_email_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    person = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                notify(user=person, title="Concern raised", body="")
                raise RuntimeError("the surrounding change failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_email_false_only_notifies_in_app(django_capture_on_commit_callbacks):
    person = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(user=person, title="Feedback pending", body="Tell us how it went.", email=False)
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.filter(user=person, title="Feedback pending").count() == 1


def test_inactive_person_gets_no_email(django_capture_on_commit_callbacks):
    person = factories.UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=person, title="Review due", body="")
    assert mail.outbox == []


def test_a_failing_mail_backend_does_not_undo_the_notification(django_capture_on_commit_callbacks, settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.notifications.test_notify.BrokenBackend"}}
    person = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(user=person, title="Review due", body="")
    assert Notification.objects.filter(user=person).count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionError("mail server down")


def test_service_url_builds_from_the_base_url(settings):
    settings.SERVICE_BASE_URL = "https://s2s.example.gov.uk/"
    assert service_url("/home/notifications/") == "https://s2s.example.gov.uk/home/notifications/"
    assert service_url("") == "https://s2s.example.gov.uk/home/"
    assert service_url("https://elsewhere.example/x") == "https://elsewhere.example/x"


def test_mark_read_records_who_and_when(frozen_clock):
    person = factories.UserFactory()
    with transaction.atomic():
        notification = notify(user=person, title="Review due", body="", email=False)
    notification_mark_read(user=person, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is not None
    event = AuditEvent.objects.get(action="notifications.notification.read")
    assert (event.actor, event.from_state, event.to_state) == (person, "unread", "read")
    # Marking it again changes nothing and records nothing more.
    notification_mark_read(user=person, notification=notification)
    assert AuditEvent.objects.filter(action="notifications.notification.read").count() == 1


def test_nobody_marks_someone_elses_notification():
    owner, other = factories.UserFactory(), factories.UserFactory()
    notification = notify(user=owner, title="Yours", body="", email=False)
    with pytest.raises(PermissionError, match="A person can only mark their own notifications as read"):
        notification_mark_read(user=other, notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_only_touches_the_persons_own():
    person, other = factories.UserFactory(), factories.UserFactory()
    for i in range(3):
        notify(user=person, title=f"Mine {i}", body="", email=False)
    theirs = notify(user=other, title="Theirs", body="", email=False)
    assert notifications_mark_all_read(user=person) == 3
    assert not Notification.objects.filter(user=person, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert notifications_mark_all_read(user=person) == 0


def test_the_email_goes_through_the_task_queue_and_skips_a_deleted_notification(
    django_capture_on_commit_callbacks, settings
):
    from django.tasks import default_task_backend

    from domain.notifications.services import notification_email_send

    user = factories.UserFactory()
    assert not default_task_backend.supports_defer  # the tests' immediate backend sends at once
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = notify(user=user, title="Queued", body="Body")
    assert len(callbacks) == 1 and mail.outbox == []
    notification.delete()
    callbacks[0]()
    assert mail.outbox == []
    assert notification_email_send(notification_id=notification.pk or 0) is False
