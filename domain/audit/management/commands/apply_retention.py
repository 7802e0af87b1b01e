"""Deletes the records the service no longer needs, as the retention table says
(domain/audit/retention.py; docs/data-protection.md): run daily from cron, beside the task worker.

manage.py apply_retention            # delete them now, in this process, and print the counts
manage.py apply_retention --dry-run  # print what would be deleted, and change nothing
manage.py apply_retention --enqueue  # leave it to the task worker (manage.py db_worker)
"""

from django.core.management.base import BaseCommand, CommandError

from domain.audit.retention import RULES_BY_KEY, retention_apply
from domain.audit.tasks import apply_retention


def _records(count: int) -> str:
    return f"{count} record{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Delete every record past its retention period (docs/data-protection.md); with --dry-run, only count them; "
        "with --enqueue, ask the task worker to."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what is past its period; change nothing.")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the task for the worker instead of running it here."
        )

    def handle(self, *, dry_run, enqueue, verbosity, **options):
        if dry_run and enqueue:
            raise CommandError("Choose --dry-run or --enqueue, not both.")
        if enqueue:
            result = apply_retention.enqueue()
            if verbosity:
                self.stdout.write(f"Enqueued apply_retention (task result {result.id}).")
            return
        counts = retention_apply(dry_run=True) if dry_run else apply_retention.call()
        if not verbosity:
            return
        verb = "Would delete" if dry_run else "Deleted"
        for key, count in counts.items():
            self.stdout.write(f"{verb} {_records(count)}: {RULES_BY_KEY[key].record} ({key}).")
        self.stdout.write(f"{verb} {_records(sum(counts.values()))} in all.")
