"""python manage.py import_hubs FILE: teaching school hubs, in the 2025 layout (TSH Area, name,
website, areas) or the 2023 one that gives each hub's lead school (URN)."""

from domain.organisations import services
from domain.schools.importers.hubs import parse_hubs

from ._importing import ImportCommand, n, no_change


class Command(ImportCommand):
    help = (
        "Imports teaching school hubs: the 2025 layout (TSH Area, name, website, areas) or the 2023 layout "
        "with each hub's lead school (Teaching School Hub area, Teaching School Hub name, URN, ...)."
    )
    what = "hubs"

    def parse(self, data, progress):
        return parse_hubs(data, progress=progress)

    def write(self, parsed, file_name):
        return services.import_hubs(parsed=parsed, file_name=file_name)

    def report(self, parsed, register_import):
        c = register_import.counts
        lines = [
            f"Hubs: {n(c['hubs_created'])} created, {n(c['hubs_updated'])} updated, {n(c['hubs_unchanged'])} unchanged."
        ]
        if "lead_schools_on_register" in c:
            lines.append(
                f"Lead schools: {n(c['lead_schools_on_register'])} on the register, "
                f"{n(c['lead_schools_not_on_register'])} not on the register."
            )
        if no_change(c, "hubs_created", "hubs_updated"):
            lines.append("No change: the register already matched this file.")
        return lines
