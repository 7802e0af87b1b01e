"""Opens the reviews of designations whose term ends within six months: run daily from cron,
beside the task worker.

manage.py open_due_reviews            # open them now, in this process
manage.py open_due_reviews --enqueue  # leave it to the task worker (manage.py db_worker)
"""

from django.core.management.base import BaseCommand

from domain.designation.tasks import open_due_reviews


class Command(BaseCommand):
    help = "Open the reviews of designations whose terms end within six months (--enqueue: leave it to the worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead of running it here."
        )

    def handle(self, *, enqueue, verbosity, **options):
        if enqueue:
            result = open_due_reviews.enqueue()
            if verbosity:
                self.stdout.write(f"Enqueued open_due_reviews (task result {result.id}).")
            return
        opened = open_due_reviews.call()
        if verbosity:
            self.stdout.write(f"Opened {opened} review{'' if opened == 1 else 's'}.")
