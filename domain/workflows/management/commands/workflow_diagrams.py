from django.core.management.base import BaseCommand

from domain.workflows.diagrams import DOCS, expected_files


class Command(BaseCommand):
    help = "Writes each workflow's transition table and state diagram into docs/workflows/."

    def handle(self, *args, **options):
        DOCS.mkdir(parents=True, exist_ok=True)
        for path, text in expected_files().items():
            path.write_text(text)
            self.stdout.write(f"Wrote {path.relative_to(DOCS.parents[1])}")
