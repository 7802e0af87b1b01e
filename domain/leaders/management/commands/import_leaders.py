"""manage.py import_leaders FILE --as EMAIL [--dry-run] [--hold-invitations]

Imports a region's existing leaders from its spreadsheet (CSV or XLSX), as the person whose
e-mail address is given (a regional representative, or a coordinator for their own alliance):
the same check and write as the pages. Prints each refused row with its reasons and the counts;
exits non-zero when anything is refused. With --dry-run, checks and writes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from domain.accounts.models import User
from domain.leaders.cadre_import.uploads import can_import_leaders
from domain.leaders.cadre_import.writing import CadreImportRefused, cadre_import, check_file


class Command(BaseCommand):
    help = "Import a region's existing system leaders from a CSV or XLSX file (all or nothing, re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--as", dest="actor", required=True, help="email address of the person importing")
        parser.add_argument("--dry-run", action="store_true", help="check the file and write nothing")
        parser.add_argument(
            "--hold-invitations", action="store_true", help="create the invitations but do not send them"
        )

    def handle(self, *args, file, actor, dry_run, hold_invitations, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file")
        person = User.objects.filter(email__iexact=actor.strip(), is_active=True).first()
        if person is None or not can_import_leaders(person):
            raise CommandError(f"{actor} is not a regional representative or a coordinator who can import leaders")
        data = path.read_bytes()
        if dry_run:
            result = check_file(actor=person, data=data)
            self._print(result)
            if not result.ok:
                raise CommandError("Nothing can be imported until the refused rows are fixed")
            self.stdout.write("Dry run: nothing was written")
            return
        try:
            report = cadre_import(actor=person, data=data, filename=path.name, hold_invitations=hold_invitations)
        except CadreImportRefused as refusal:
            self._print(refusal.result)
            raise CommandError("Nothing was imported: fix the refused rows and run it again") from None
        self._print(report.result)
        counts = report.counts
        self.stdout.write(
            f"Imported: {counts['accounts']} accounts, {counts['associations']} associations, "
            f"{counts['pen_portraits']} pen portraits, {counts['invitations']} invitations "
            + ("held" if hold_invitations else "sent")
        )

    def _print(self, result):
        for problem in result.reasons:
            self.stderr.write(problem)
        counts = result.counts
        self.stdout.write(
            f"Rows: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['refused']} refused"
        )
