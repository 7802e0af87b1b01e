"""python manage.py import_ofsted FILE: Ofsted inspection outcomes (several per school)."""

from domain.schools import services
from domain.schools.importers.ofsted import parse_inspections

from ._importing import ImportCommand, n, no_change


class Command(ImportCommand):
    help = "Imports Ofsted inspection outcomes (URN, Rating, Inspection Date): history and each school's latest."
    what = "inspections"

    def parse(self, data, progress):
        return parse_inspections(data, progress=progress)

    def write(self, parsed, file_name):
        return services.import_inspections(parsed=parsed, file_name=file_name, say=self.say)

    def report(self, parsed, register_import):
        c = register_import.counts
        lines = [
            f"Read {n(parsed.row_count)} rows: {n(len(parsed.rows))} inspections.",
            f"Inspections: {n(c['inspections_created'])} created, {n(c['inspections_updated'])} updated, "
            f"{n(c['inspections_unchanged'])} unchanged.",
            f"Schools whose latest inspection changed: {n(c['schools_with_new_latest_inspection'])}.",
        ]
        if c["rows_skipped_not_on_register"]:
            lines.append(
                f"Skipped {n(c['rows_skipped_not_on_register'])} rows for URNs not on the register "
                f"({n(c['urns_not_on_register'])} URNs)."
            )
        if c["rows_skipped_without_grade"]:
            lines.append(
                f"Skipped {n(c['rows_skipped_without_grade'])} rows with no grade for an inspection "
                "before September 2024."
            )
        if c["rows_repeated"]:
            lines.append(
                f"{n(c['rows_repeated'])} rows repeated an inspection already in the file (the later row counts)."
            )
        if no_change(c, "inspections_created", "inspections_updated", "schools_with_new_latest_inspection"):
            lines.append("No change: the register already matched this file.")
        return lines
