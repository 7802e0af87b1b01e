"""python manage.py import_teaching_schools FILE: teaching schools and their alliances."""

from domain.organisations import services
from domain.schools.importers.teaching_schools import parse_teaching_schools

from ._importing import ImportCommand, n, no_change


class Command(ImportCommand):
    help = "Imports teaching school alliances and their teaching schools (Alliance Name, Teaching School, URN, Region)."
    what = "teaching schools"

    def parse(self, data, progress):
        return parse_teaching_schools(data, progress=progress)

    def write(self, parsed, file_name):
        return services.import_teaching_schools(parsed=parsed, file_name=file_name)

    def report(self, parsed, register_import):
        c = register_import.counts
        lines = [
            f"Alliances: {n(c['alliances_created'])} created, {n(c['alliances_updated'])} updated, "
            f"{n(c['alliances_unchanged'])} unchanged; {n(c['alliances_without_lead_school'])} without a lead "
            "school (none of their teaching schools is on the register).",
            f"Teaching schools: {n(c['teaching_schools_on_register'])} on the register, "
            f"{n(c['teaching_schools_not_on_register'])} not on it.",
            f"Memberships: {n(c['memberships_created'])} created, {n(c['memberships_updated'])} updated, "
            f"{n(c['memberships_unchanged'])} unchanged.",
        ]
        if no_change(c, "alliances_created", "alliances_updated", "memberships_created", "memberships_updated"):
            lines.append("No change: the register already matched this file.")
        return lines
