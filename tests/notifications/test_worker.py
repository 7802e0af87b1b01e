"""A real run of the database-backed task worker (django-tasks-db's `db_worker`)."""

import datetime as dt
import signal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from domain.notifications.models import Notification, Reminder
from domain.notifications.services import reminder_schedule
from tests import factories

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """`manage.py db_worker --batch`: runs every ready task, then exits. Restores the signal
    handlers the worker installs, so that Ctrl+C still stops the test run."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval=0", stdout=StringIO())
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_reminder_when_it_falls_due(settings, frozen_clock):
    settings.TASKS = DB_TASKS
    person = factories.UserFactory(email="leader@example.test")
    due_at = timezone.now() + dt.timedelta(hours=2)
    reminder = reminder_schedule(
        user=person, key="review:1", title="Your review is due", body="Book it.", due_at=due_at, link="/home/"
    )

    # Scheduling enqueued the task to run at the due time.
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "domain.notifications.tasks.send_due_reminders"
    assert queued.run_after == due_at
    assert queued.status == TaskResultStatus.READY

    # Before the due time the worker finds nothing ready.
    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.READY
    assert Reminder.objects.get(pk=reminder.pk).sent_at is None

    # At the due time it runs the task, which sends the reminder and its e-mail.
    frozen_clock.shift(dt.timedelta(hours=2))
    run_worker()
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == 1
    assert Reminder.objects.get(pk=reminder.pk).sent_at == timezone.now()
    assert Notification.objects.filter(user=person, title="Your review is due").count() == 1
    assert [m.to for m in mail.outbox] == [["leader@example.test"]]

    # A second task (e.g. from the cron command) finds nothing left to send.
    call_command("send_due_reminders", "--enqueue", stdout=StringIO())
    run_worker()
    assert Notification.objects.filter(user=person).count() == 1
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("return_value", flat=True))[-1] == 0
