"""Lapses designations whose term has ended: run daily from cron, beside the task worker.

manage.py lapse_due_designations            # lapse them now, in this process
manage.py lapse_due_designations --enqueue  # leave it to the task worker (manage.py db_worker)
"""

from django.core.management.base import BaseCommand

from domain.designation.tasks import lapse_due_designations


class Command(BaseCommand):
    help = "Lapse every designation whose term has ended (or, with --enqueue, ask the task worker to)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead of running it here."
        )

    def handle(self, *, enqueue, verbosity, **options):
        if enqueue:
            result = lapse_due_designations.enqueue()
            if verbosity:
                self.stdout.write(f"Enqueued lapse_due_designations (task result {result.id}).")
            return
        lapsed = lapse_due_designations.call()
        if verbosity:
            self.stdout.write(f"Lapsed {lapsed} designation{'' if lapsed == 1 else 's'}.")
