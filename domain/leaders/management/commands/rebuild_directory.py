"""Rebuilds the public directory's entries from designations, associations and pen portraits.
The services keep the entries current; run this after loading data by other means."""

from django.core.management.base import BaseCommand

from domain.leaders.tasks import rebuild_directory


class Command(BaseCommand):
    help = "Rebuild the school-to-school support directory's entries."

    def handle(self, *, verbosity, **options):
        listed = rebuild_directory.call()
        if verbosity:
            self.stdout.write(f"The directory lists {listed} leader{'' if listed == 1 else 's'}.")
