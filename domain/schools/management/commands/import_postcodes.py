"""python manage.py import_postcodes FILE: the ONS Postcode Directory (or NSPL) CSV, for searches
near any postcode (docs/postcodes.md). Optional: without it, a search near a postcode uses the
centre of its sector or district, from the register's own schools."""

from domain.schools.importers.postcodes import parse_postcodes
from domain.schools.postcode_import import import_postcodes

from ._importing import ImportCommand, n


class Command(ImportCommand):
    help = (
        "Imports postcodes and their grid points from the ONS Postcode Directory or NSPL CSV "
        "(columns pcds, oseast1m, osnrth1m), replacing any loaded before."
    )
    what = "postcodes"

    def parse(self, data, progress):
        return parse_postcodes(data, progress=progress)

    def write(self, parsed, file_name):
        return import_postcodes(parsed=parsed, file_name=file_name)

    def report(self, parsed, register_import):
        c = register_import.counts
        return [
            f"Postcodes: {n(c['postcodes'])} loaded, replacing {n(c['replaced'])}.",
            f"Skipped as ONS documents them: {n(c['without_grid'])} without a grid reference, "
            f"{n(c['northern_ireland'])} in Northern Ireland (on the Irish Grid).",
        ]
