"""Sends the reminders that are due: for cron, as a safety net beside the worker.

manage.py send_due_reminders            # send them now, in this process
manage.py send_due_reminders --enqueue  # leave it to the task worker (manage.py db_worker)
"""

from django.core.management.base import BaseCommand

from domain.notifications.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send every reminder that is due and not yet sent (or, with --enqueue, ask the task worker to)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead of running it here."
        )

    def handle(self, *, enqueue, verbosity, **options):
        if enqueue:
            result = send_due_reminders.enqueue()
            if verbosity:
                self.stdout.write(f"Enqueued send_due_reminders (task result {result.id}).")
            return
        sent = send_due_reminders.call()
        if verbosity:
            self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")
