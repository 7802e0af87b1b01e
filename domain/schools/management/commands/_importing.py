"""What every import command shares: read the file, parse all of it, then write it in one go.
Bad input stops with one line naming the row and column, a non-zero exit and nothing written."""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from domain.schools.importers import ImportFileError, read_file_bytes


class ImportCommand(BaseCommand):
    what = "rows"

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file to import (plain or gzipped)")
        parser.add_argument("--quiet-progress", action="store_true", help="do not show progress on stderr")

    def parse(self, data: bytes, progress):
        raise NotImplementedError

    def write(self, parsed, file_name: str):
        raise NotImplementedError

    def report(self, parsed, register_import) -> list[str]:
        raise NotImplementedError

    def handle(self, *args, file, quiet_progress=False, **options):
        self.show_progress = not quiet_progress and options.get("verbosity", 1) > 0
        started = time.monotonic()
        path = Path(file)
        try:
            parsed = self.parse(read_file_bytes(path), self.progress)
        except ImportFileError as error:
            raise CommandError(f"{error}. Nothing was imported.") from None
        self.say(f"Read {path.name} in {time.monotonic() - started:.1f} s")
        register_import = self.write(parsed, str(path))
        for line in self.report(parsed, register_import):
            self.stdout.write(line)
        self.stdout.write(f"Imported {path.name} in {time.monotonic() - started:.1f} s.")

    def progress(self, rows: int) -> None:
        self.say(f"... {rows:,} {self.what} read")

    def say(self, line: str) -> None:
        if self.show_progress:
            self.stderr.write(line)
            sys.stderr.flush()


def n(value: int) -> str:
    return f"{value:,}"


def no_change(counts: dict, *keys: str) -> bool:
    return not any(counts.get(key) for key in keys)
