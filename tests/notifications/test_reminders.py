"""Reminders: scheduled once per key, sent when due, never twice, never when cancelled."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from domain.audit.models import AuditEvent
from domain.notifications.models import Notification, Reminder
from domain.notifications.services import _send_one, reminder_cancel, reminder_schedule, reminders_send_due
from domain.notifications.tasks import send_due_reminders
from tests import factories

pytestmark = pytest.mark.django_db


def schedule(user, *, key="designation-review:1", in_hours=24, **extra):
    fields = {"title": "Your designation review is due", "body": "Book your review.", "link": "/home/"}
    fields.update(extra)
    return reminder_schedule(user=user, key=key, due_at=timezone.now() + dt.timedelta(hours=in_hours), **fields)


def test_schedule_records_the_reminder_and_what_it_is_about():
    person = factories.UserFactory()
    school = factories.SchoolFactory()
    reminder = schedule(person, about=school)
    assert (reminder.subject_type, reminder.subject_id) == ("schools.school", str(school.pk))
    assert reminder.state == "scheduled"
    assert AuditEvent.objects.filter(action="notifications.reminder.scheduled", subject_id=str(reminder.pk)).exists()


def test_the_same_key_is_never_scheduled_twice():
    person = factories.UserFactory()
    first = schedule(person, in_hours=24)
    second = schedule(person, in_hours=48, title="Changed wording")
    assert first.pk == second.pk
    assert Reminder.objects.filter(user=person).count() == 1
    second.refresh_from_db()
    assert second.title == "Changed wording"
    assert second.due_at == timezone.now() + dt.timedelta(hours=48)
    assert AuditEvent.objects.filter(action="notifications.reminder.rescheduled").count() == 1
    # Scheduling it again unchanged records nothing.
    schedule(person, in_hours=48, title="Changed wording")
    assert AuditEvent.objects.filter(action="notifications.reminder.rescheduled").count() == 1
    # Another person may hold the same key.
    schedule(factories.UserFactory())
    assert Reminder.objects.count() == 2


def test_the_database_refuses_a_second_pending_reminder_with_the_same_key():
    person = factories.UserFactory()
    schedule(person)
    with (
        pytest.raises(
            IntegrityError,
            match=r"notifications_reminder\.user_id, notifications_reminder\.key|one_pending_reminder_per_key",
        ),
        transaction.atomic(),
    ):
        Reminder.objects.create(user=person, key="designation-review:1", title="Dup", due_at=timezone.now())


def test_a_due_reminder_is_sent_once(frozen_clock):
    person = factories.UserFactory()
    reminder = schedule(person, in_hours=2)
    frozen_clock.shift(dt.timedelta(hours=3))
    assert reminders_send_due() == 1
    reminder.refresh_from_db()
    assert reminder.sent_at == timezone.now()
    notification = Notification.objects.get(user=person)
    assert (notification.title, notification.link) == ("Your designation review is due", "/home/")
    assert AuditEvent.objects.filter(action="notifications.reminder.sent", to_state="sent").count() == 1
    # Idempotent: running again sends nothing more.
    assert reminders_send_due() == 0
    assert Notification.objects.filter(user=person).count() == 1


def test_a_reminder_not_yet_due_waits(frozen_clock):
    person = factories.UserFactory()
    reminder = schedule(person, in_hours=2)
    frozen_clock.shift(dt.timedelta(hours=1, minutes=59))
    assert reminders_send_due() == 0
    reminder.refresh_from_db()
    assert reminder.sent_at is None
    assert not Notification.objects.exists()


def test_a_cancelled_reminder_is_never_sent(frozen_clock):
    person = factories.UserFactory()
    schedule(person, in_hours=2)
    cancelled = reminder_cancel(user=person, key="designation-review:1", reason="Review booked")
    assert cancelled.state == "cancelled"
    assert AuditEvent.objects.get(action="notifications.reminder.cancelled").reason == "Review booked"
    frozen_clock.shift(dt.timedelta(days=1))
    assert reminders_send_due() == 0
    assert not Notification.objects.exists()
    # Nothing pending: cancelling again is a no-op; scheduling the key again is allowed.
    assert reminder_cancel(user=person, key="designation-review:1") is None
    again = schedule(person, in_hours=1)
    assert again.pk != cancelled.pk


def test_a_reminder_claimed_by_another_worker_is_not_sent_again(frozen_clock):
    """Two workers that both read the reminder: only the first to claim it sends it."""
    person = factories.UserFactory()
    reminder = schedule(person, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=2))
    stale_copy = Reminder.objects.select_related("user").get(pk=reminder.pk)
    assert reminders_send_due() == 1  # the other worker
    with transaction.atomic():
        assert _send_one(stale_copy, timezone.now()) is False
    assert Notification.objects.filter(user=person).count() == 1


def test_sends_every_due_reminder_across_batches(frozen_clock):
    people = factories.UserFactory.create_batch(5)
    for person in people:
        schedule(person, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=1))
    assert reminders_send_due(batch_size=2) == 5
    assert Notification.objects.count() == 5


def test_one_failing_reminder_does_not_stop_the_others(frozen_clock, monkeypatch):
    good, bad = factories.UserFactory(), factories.UserFactory()
    schedule(bad, in_hours=1)
    schedule(good, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=1))
    from domain.notifications import services

    real_notify = services.notify

    def flaky_notify(*, user, **kwargs):
        if user == bad:
            raise RuntimeError("boom")
        return real_notify(user=user, **kwargs)

    monkeypatch.setattr(services, "notify", flaky_notify)
    assert reminders_send_due(batch_size=1) == 1
    assert Reminder.objects.get(user=good).sent_at is not None
    assert Reminder.objects.get(user=bad).sent_at is None  # left for the next run


def test_the_task_sends_due_reminders_and_emails_them(frozen_clock, django_capture_on_commit_callbacks):
    person = factories.UserFactory(email="leader@example.test")
    schedule(person, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = send_due_reminders.enqueue()  # the test settings' immediate backend runs it now
    assert result.return_value == 1
    assert [m.to for m in mail.outbox] == [["leader@example.test"]]


def test_scheduling_a_reminder_already_due_sends_it_through_the_task(django_capture_on_commit_callbacks):
    person = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        reminder_schedule(
            user=person, key="feedback:9", title="Feedback pending", body="", due_at=timezone.now() - dt.timedelta(1)
        )
    assert Reminder.objects.get(key="feedback:9").sent_at is not None
    assert Notification.objects.filter(user=person, title="Feedback pending").exists()


def test_scheduling_ahead_with_a_backend_that_cannot_wait_sends_nothing_yet(django_capture_on_commit_callbacks):
    person = factories.UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        schedule(person, in_hours=5)
    assert Reminder.objects.get().sent_at is None
    assert not Notification.objects.exists()


def test_the_cron_command_sends_due_reminders(frozen_clock):
    person = factories.UserFactory()
    schedule(person, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=1))
    out = StringIO()
    call_command("send_due_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 reminder."
    assert Reminder.objects.get().sent_at is not None


def test_the_cron_command_can_enqueue_instead(frozen_clock):
    person = factories.UserFactory()
    schedule(person, in_hours=1)
    frozen_clock.shift(dt.timedelta(hours=1))
    out = StringIO()
    call_command("send_due_reminders", "--enqueue", stdout=out)
    assert out.getvalue().startswith("Enqueued send_due_reminders")
    assert Reminder.objects.get().sent_at is not None  # the immediate backend ran it


def test_naive_due_dates_are_refused():
    with pytest.raises(ValueError, match="due_at must be an aware date and time"):
        reminder_schedule(
            user=factories.UserFactory(), key="k", title="t", body="", due_at=dt.datetime(2026, 12, 1, 9, 0)
        )
