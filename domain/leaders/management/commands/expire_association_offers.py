"""Expires invitations to associate, and leaders' requests, that nobody answered within 28 days:
run daily from cron, beside the task worker.

manage.py expire_association_offers            # expire them now, in this process
manage.py expire_association_offers --enqueue  # leave it to the task worker (manage.py db_worker)
"""

from django.core.management.base import BaseCommand

from domain.leaders.tasks import expire_association_offers


class Command(BaseCommand):
    help = "Expire invitations and requests to associate that were not answered in time."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead of running it here."
        )

    def handle(self, *, enqueue, verbosity, **options):
        if enqueue:
            result = expire_association_offers.enqueue()
            if verbosity:
                self.stdout.write(f"Enqueued expire_association_offers (task result {result.id}).")
            return
        expired = expire_association_offers.call()
        if verbosity:
            self.stdout.write(
                f"Expired {expired} invitation{'' if expired == 1 else 's'} or request{'' if expired == 1 else 's'}."
            )
