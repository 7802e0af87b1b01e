"""Writing the register of schools: upserts from parsed files, in bulk, in one transaction.

Each import takes what `domain.schools.importers` parsed (already checked row by row), writes it
with a fixed number of queries per thousand rows (never a query per row), records a
`RegisterImport` and one audit event ("schools.register.imported"), and returns the import with
its counts. Running the same file again changes nothing and says so."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from domain.audit.services import audit_record
from domain.organisations.models import Region

from .bulk_writes import insert_rows, refresh_statistics, update_rows
from .importers.establishments import OPEN_ESTABLISHMENTS, ParsedEstablishments
from .importers.links import ParsedLinks
from .importers.ofsted import ParsedInspections
from .models import (
    Inspection,
    InspectionKind,
    RegisterImport,
    RegisterImportKind,
    School,
    SchoolLink,
    SchoolStatus,
)

BATCH = 1_000
# Writing this many rows or more refreshes the planner's statistics (PostgreSQL).
ANALYZE_AFTER = 5_000
LOOKUP_CHUNK = 5_000
# On the same day, a later format of inspection outranks an earlier one.
# A name that belongs to a code: (code field, name field).
PAIRED_FIELDS = {"la_code": "la_name", "trust_code": "trust_name", "diocese_code": "diocese_name"}
KIND_ORDER = {InspectionKind.GRADED: 0, InspectionKind.UNGRADED: 1, InspectionKind.REPORT_CARD: 2}

Say = Callable[[str], None] | None


def chunks(items: list, size: int = LOOKUP_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def source_label(file_name: str) -> str:
    return Path(file_name).name[:60]


def record_import(
    *,
    kind: str,
    file_name: str,
    started_at: dt.datetime,
    row_count: int,
    counts: dict,
    layout: str = "",
    changes: dict | None = None,
    actor=None,
) -> RegisterImport:
    """The record of one successful import and its audit event. Call inside the import's transaction."""
    register_import = RegisterImport.objects.create(
        kind=kind,
        layout=layout,
        file_name=Path(file_name).name[:255],
        started_at=started_at,
        finished_at=timezone.now(),
        row_count=row_count,
        counts=counts,
        changes=changes or {},
    )
    audit_record(
        actor=actor,
        action="schools.register.imported",
        subject=register_import,
        to_state=kind,
        reason=f"Imported {register_import.file_name}",
        data={"layout": layout, "row_count": row_count, **counts},
    )
    return register_import


def _schools_by_urn(urns: Iterable[int], *fields: str) -> dict[int, SimpleNamespace]:
    """The stored values of schools by URN (`fields`, by attname, or all), a few thousand URNs a
    query, as plain namespaces (`.pk`, `.urn`, `.region_id`...): cheaper than model instances."""
    names = [
        name for name in (fields or [f.attname for f in School._meta.concrete_fields]) if name not in ("id", "urn")
    ]
    found: dict[int, SimpleNamespace] = {}
    for part in chunks(sorted(set(urns))):
        for row in School.objects.filter(urn__in=part).values("id", "urn", *names):
            found[row["urn"]] = SimpleNamespace(pk=row["id"], **row)
    return found


def school_ids_by_urn(urns: Iterable[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for part in chunks(sorted(set(urns))):
        found.update(School.objects.filter(urn__in=part).values_list("urn", "id"))
    return found


def _inspection_index(school_ids: Iterable[int]) -> dict[tuple, list]:
    """(school id, date, kind) -> [pk, overall grade] for every inspection of these schools."""
    index: dict[tuple, list] = {}
    for part in chunks(sorted(set(school_ids))):
        rows = Inspection.objects.filter(school_id__in=part).values_list(
            "id", "school_id", "inspected_on", "kind", "overall_grade"
        )
        for pk, school_id, inspected_on, kind, grade in rows:
            index[(school_id, inspected_on, kind)] = [pk, grade]
    return index


def _write_inspections(found: list[tuple[int, object]], source: str, existing: dict | None = None) -> dict[str, int]:
    """Creates or corrects Inspection rows; `found` holds (school id, inspection record) pairs.
    `existing` (from `_inspection_index`) is brought up to date with what was written."""
    if existing is None:
        existing = _inspection_index(school_id for school_id, _ in found)
    to_create: dict[tuple, dict] = {}
    to_update: dict[int, dict] = {}
    unchanged = 0
    for school_id, record in found:
        key = (school_id, record.inspected_on, str(record.kind))
        known = existing.get(key)
        if key in to_create:
            to_create[key]["overall_grade"] = record.overall_grade
        elif known is None:
            to_create[key] = {
                "school_id": school_id,
                "inspected_on": record.inspected_on,
                "kind": str(record.kind),
                "overall_grade": record.overall_grade,
                "source": source,
            }
        elif known[1] != record.overall_grade:
            to_update[known[0]] = {"overall_grade": record.overall_grade}
        else:
            unchanged += 1
        existing[key] = [known[0] if known else None, record.overall_grade]
    insert_rows(Inspection, list(to_create.values()))
    update_rows(Inspection, list(to_update.items()))
    return {
        "inspections_created": len(to_create),
        "inspections_updated": len(to_update),
        "inspections_unchanged": unchanged,
    }


def _keeps_status_against_open_list(layout, school, wanted) -> bool:
    """A file of open establishments lists the schools open on the day it was taken, and carries
    no dates: it cannot tell "proposed to close", nor undo a closure recorded with its date."""
    if layout != OPEN_ESTABLISHMENTS or wanted.get("status") != SchoolStatus.OPEN:
        return False
    return school.status == SchoolStatus.OPEN_PROPOSED_TO_CLOSE or (
        school.status == SchoolStatus.CLOSED and school.closed_on is not None
    )


def _moves_latest(school: SimpleNamespace | None, inspected_on: dt.date) -> bool:
    """A school's latest grade and date only move forward: an older file never undoes a newer one."""
    return school is None or school.ofsted_date is None or inspected_on >= school.ofsted_date


@transaction.atomic
def import_establishments(
    *, parsed: ParsedEstablishments, file_name: str, actor=None, say: Say = None
) -> RegisterImport:
    """Upserts schools by URN from an establishment file of any known layout, keeps each
    inspection the file gives, and creates the local authorities and trusts it names."""
    started_at = timezone.now()
    regions = dict(Region.objects.values_list("name", "id"))
    existing = _schools_by_urn(record.urn for record in parsed.records)
    to_create: list[dict] = []
    to_update: list[tuple[int, dict]] = []
    unchanged = closed = 0
    changes: dict[str, list[int]] = {"closed": [], "new_inspection_outcome": []}
    for record in parsed.records:
        wanted = dict(record.fields)
        school = existing.get(record.urn)
        for code, name in PAIRED_FIELDS.items():
            # A file giving a new code but no name must not leave the old code's name beside it.
            if school and code in wanted and name not in wanted and getattr(school, code) != wanted[code]:
                wanted[name] = ""
        if "region" in wanted:
            wanted["region_id"] = regions.get(wanted.pop("region"))
        if record.latest_inspection and _moves_latest(school, record.latest_inspection[0]):
            wanted["ofsted_date"], wanted["ofsted_grade"] = record.latest_inspection
        if school is None:
            to_create.append({"urn": record.urn, **wanted})
            continue
        if _keeps_status_against_open_list(parsed.layout, school, wanted):
            del wanted["status"]
        changed = {name: value for name, value in wanted.items() if getattr(school, name) != value}
        if not changed:
            unchanged += 1
            continue
        if changed.get("status") == SchoolStatus.CLOSED:
            closed += 1
            changes["closed"].append(school.urn)
        if changed.keys() & {"ofsted_grade", "ofsted_date"}:
            changes["new_inspection_outcome"].append(school.urn)
        to_update.append((school.pk, {**changed, "updated_at": started_at}))
    if say:
        say(f"Writing {len(to_create):,} new and {len(to_update):,} changed schools")
    insert_rows(School, to_create)
    update_rows(School, to_update)
    counts = {
        "schools_created": len(to_create),
        "schools_updated": len(to_update),
        "schools_closed": closed,
        "schools_unchanged": unchanged,
        "rows_with_grade": sum(1 for r in parsed.records if r.latest_inspection and r.latest_inspection[1]),
        "rows_with_coordinates": sum(
            1 for r in parsed.records if r.fields.get("easting") is not None and r.fields.get("northing") is not None
        ),
    }
    if parsed.carries_ofsted:
        ids = school_ids_by_urn(row["urn"] for row in to_create)
        ids.update((urn, school.pk) for urn, school in existing.items())
        found = [(ids[record.urn], record.inspection) for record in parsed.records if record.inspection]
        counts.update(_write_inspections(found, source_label(file_name)))
    if len(to_create) + len(to_update) >= ANALYZE_AFTER:
        refresh_statistics(School, Inspection)
    from domain.organisations import services as organisations

    counts.update(organisations.sync_local_authorities())
    trusts = {
        record.fields["trust_code"]: record.fields.get("trust_name", "")
        for record in parsed.records
        if record.fields.get("trust_code")
    }
    if trusts:
        counts.update(organisations.sync_trusts(trusts))
    if parsed.carries_dioceses:
        counts.update(organisations.sync_dioceses())
    if parsed.not_known:
        # DfE's codes for a value withheld or not applicable, met in numeric columns: {column: {code: n}}.
        counts["not_known"] = parsed.not_known
    return record_import(
        kind=RegisterImportKind.ESTABLISHMENTS,
        layout=parsed.layout,
        file_name=file_name,
        started_at=started_at,
        row_count=len(parsed.records),
        counts=counts,
        changes={key: urns for key, urns in changes.items() if urns},
        actor=actor,
    )


@transaction.atomic
def import_inspections(*, parsed: ParsedInspections, file_name: str, actor=None, say: Say = None) -> RegisterImport:
    """Keeps each inspection of a school on the register, and moves each school's latest grade
    and date to its most recent inspection (earlier grades stay in the history)."""
    started_at = timezone.now()
    schools = _schools_by_urn((row.urn for row in parsed.rows), "ofsted_grade", "ofsted_date")
    on_register = [row for row in parsed.rows if row.urn in schools]
    skipped = len(parsed.rows) - len(on_register)
    if say:
        say(f"Writing {len(on_register):,} inspections of {len({r.urn for r in on_register}):,} schools")
    known = _inspection_index(school.pk for school in schools.values())
    found = [(schools[row.urn].pk, row) for row in on_register]
    counts = _write_inspections(found, source_label(file_name), known)
    # The most recent inspection of each school, among those already kept and those just read.
    latest: dict[int, tuple] = {}
    for (school_id, inspected_on, kind), (_, grade) in known.items():
        candidate = (inspected_on, KIND_ORDER[kind], grade)
        if school_id not in latest or candidate[:2] > latest[school_id][:2]:
            latest[school_id] = candidate
    to_update, moved = [], []
    for school in schools.values():
        if school.pk not in latest:
            continue
        inspected_on, _, grade = latest[school.pk]
        if not _moves_latest(school, inspected_on):
            continue
        if (school.ofsted_grade, school.ofsted_date) != (grade, inspected_on):
            values = {"ofsted_grade": grade, "ofsted_date": inspected_on}
            to_update.append((school.pk, {**values, "updated_at": started_at}))
            moved.append(school.urn)
    update_rows(School, to_update)
    if counts["inspections_created"] >= ANALYZE_AFTER:
        refresh_statistics(Inspection)
    counts.update(
        {
            "schools_with_new_latest_inspection": len(to_update),
            "rows_skipped_not_on_register": skipped,
            "urns_not_on_register": len({row.urn for row in parsed.rows if row.urn not in schools}),
            "rows_skipped_without_grade": parsed.without_grade,
            "rows_repeated": parsed.repeated,
        }
    )
    return record_import(
        kind=RegisterImportKind.INSPECTIONS,
        layout="ofsted_outcomes",
        file_name=file_name,
        started_at=started_at,
        row_count=parsed.row_count,
        counts=counts,
        changes={"new_inspection_outcome": moved} if moved else {},
        actor=actor,
    )


@transaction.atomic
def import_links(*, parsed: ParsedLinks, file_name: str, actor=None, say: Say = None) -> RegisterImport:
    """Keeps every link by URN (both sides need not be on the register yet)."""
    started_at = timezone.now()
    existing = {(link.urn, link.linked_urn, link.link_type): link for link in SchoolLink.objects.all()}
    to_create, to_update = [], []
    unchanged = 0
    for row in parsed.rows:
        link = existing.get((row.urn, row.linked_urn, row.link_type))
        wanted = {"linked_name": row.linked_name, "established_on": row.established_on}
        if link is None:
            to_create.append({"urn": row.urn, "linked_urn": row.linked_urn, "link_type": row.link_type, **wanted})
        elif (link.linked_name, link.established_on) != (row.linked_name, row.established_on):
            to_update.append((link.pk, wanted))
        else:
            unchanged += 1
    if say:
        say(f"Writing {len(to_create):,} new and {len(to_update):,} changed links")
    insert_rows(SchoolLink, to_create)
    update_rows(SchoolLink, to_update)
    if len(to_create) >= ANALYZE_AFTER:
        refresh_statistics(SchoolLink)
    on_register = set(School.objects.values_list("urn", flat=True))
    followed = sum(1 for row in parsed.rows if row.urn in on_register and row.linked_urn in on_register)
    counts = {
        "links_created": len(to_create),
        "links_updated": len(to_update),
        "links_unchanged": unchanged,
        "links_followed": followed,
        "rows_repeated": parsed.repeated,
    }
    return record_import(
        kind=RegisterImportKind.LINKS,
        layout="gias_links",
        file_name=file_name,
        started_at=started_at,
        row_count=parsed.row_count,
        counts=counts,
        actor=actor,
    )
