"""python manage.py import_gias FILE: establishments from GIAS (any known layout)."""

from domain.schools import services
from domain.schools.importers.establishments import parse_establishments
from domain.schools.importers.values import NOT_KNOWN_CODES

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
        if "dioceses_created" in c:
            lines.append(f"Dioceses: {n(c['dioceses_created'])} created, {n(c['dioceses_updated'])} updated.")
        lines.extend(not_known_lines(parsed.not_known))
        keys = ("schools_created", "schools_updated", "inspections_created", "inspections_updated")
        organisations = ("local_authorities_created", "local_authorities_updated", "trusts_created")
        if no_change(c, *keys, *organisations, "dioceses_created", "dioceses_updated"):
            lines.append("No change: the register already matched this file.")
        return lines


def not_known_lines(not_known: dict[str, dict[str, int]]) -> list[str]:
    """ "NumberOfPupils: 12 not known (x 10, SUPP 2)" for each column where codes were met."""
    if not not_known:
        return []
    total = sum(sum(by_code.values()) for by_code in not_known.values())
    columns = len(not_known)
    lines = [
        f"Not known (withheld or not applicable): {n(total)} {'value' if total == 1 else 'values'} "
        f"in {columns} {'column' if columns == 1 else 'columns'}."
    ]
    for column, by_code in not_known.items():
        ordered = sorted(by_code.items(), key=lambda item: (-item[1], NOT_KNOWN_CODES.index(item[0])))
        shown = ", ".join(f"{code} {n(count)}" for code, count in ordered)
        lines.append(f"  {column}: {n(sum(by_code.values()))} not known ({shown})")
    return lines
