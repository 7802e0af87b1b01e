"""python manage.py import_gias_links FILE: GIAS links between establishments."""

from domain.schools import services
from domain.schools.importers.links import parse_links

from ._importing import ImportCommand, n, no_change


class Command(ImportCommand):
    help = "Imports the GIAS links file (URN, LinkURN, LinkName, LinkType, LinkEstablishedDate)."
    what = "links"

    def parse(self, data, progress):
        return parse_links(data, progress=progress)

    def write(self, parsed, file_name):
        return services.import_links(parsed=parsed, file_name=file_name, say=self.say)

    def report(self, parsed, register_import):
        c = register_import.counts
        lines = [
            f"Links: {n(c['links_created'])} created, {n(c['links_updated'])} updated, "
            f"{n(c['links_unchanged'])} unchanged.",
            f"Followed (both URNs on the register): {n(c['links_followed'])} of {n(len(parsed.rows))}.",
        ]
        if c["rows_repeated"]:
            lines.append(f"{n(c['rows_repeated'])} rows repeated a link already in the file (the later row counts).")
        if no_change(c, "links_created", "links_updated"):
            lines.append("No change: the register already matched this file.")
        return lines
