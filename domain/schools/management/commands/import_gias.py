"""python manage.py import_gias FILE: establishments from GIAS (any known layout)."""

from domain.schools import services
from domain.schools.importers.establishments import parse_establishments

from ._importing import ImportCommand, n, no_change


class Command(ImportCommand):
    help = (
        "Imports establishments from a GIAS establishment file (all establishment data of any vintage, "
        "or the open establishments, school details and establishment names tables), plain or gzipped."
    )
    what = "establishments"

    def parse(self, data, progress):
        return parse_establishments(data, progress=progress)

    def write(self, parsed, file_name):
        return services.import_establishments(parsed=parsed, file_name=file_name, say=self.say)

    def report(self, parsed, register_import):
        c = register_import.counts
        lines = [
            f"Layout: {parsed.layout_name} ({parsed.columns} columns), {n(len(parsed.records))} establishments.",
            f"Schools: {n(c['schools_created'])} created, {n(c['schools_updated'])} updated, "
            f"{n(c['schools_closed'])} closed, {n(c['schools_unchanged'])} unchanged.",
            f"In the file: {n(c['rows_with_grade'])} with an Ofsted grade, "
            f"{n(c['rows_with_coordinates'])} with Easting/Northing.",
        ]
        if "inspections_created" in c:
            lines.append(
                f"Inspections: {n(c['inspections_created'])} created, {n(c['inspections_updated'])} updated, "
                f"{n(c['inspections_unchanged'])} unchanged."
            )
        lines.append(
            f"Local authorities: {n(c['local_authorities_created'])} created, "
            f"{n(c['local_authorities_updated'])} updated."
        )
        if "trusts_created" in c:
            lines.append(f"Trusts: {n(c['trusts_created'])} created, {n(c['trusts_updated'])} updated.")
        keys = ("schools_created", "schools_updated", "inspections_created", "inspections_updated")
        if no_change(c, *keys, "local_authorities_created", "local_authorities_updated", "trusts_created"):
            lines.append("No change: the register already matched this file.")
        return lines
