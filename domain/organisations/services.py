"""Writing organisations from published data: local authorities and trusts named by the
register, teaching school alliances and their teaching schools, teaching school hubs.
All in bulk, idempotent, in the caller's or their own transaction."""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from domain.schools.importers.hubs import ParsedHubs
from domain.schools.importers.teaching_schools import ParsedTeachingSchools
from domain.schools.models import RegisterImport, RegisterImportKind, School
from domain.schools.services import BATCH, record_import, school_ids_by_urn

from . import hub_import
from .models import AllianceMembership, Organisation, OrganisationKind, Region


def _upsert(kind: str, wanted: dict[str, dict]) -> tuple[int, int, int, dict[str, Organisation]]:
    """Creates or corrects organisations of one kind by code; `wanted` maps code -> field values.
    Returns (created, updated, unchanged, organisations by code)."""
    existing = {org.code: org for org in Organisation.objects.filter(kind=kind, code__in=list(wanted))}
    to_create, to_update, changed_fields = [], [], set()
    for code, fields in wanted.items():
        org = existing.get(code)
        if org is None:
            org = Organisation(kind=kind, code=code, **fields)
            to_create.append(org)
            existing[code] = org
            continue
        changed = {name for name, value in fields.items() if getattr(org, name) != value}
        if changed:
            for name in changed:
                setattr(org, name, fields[name])
            changed_fields |= changed
            to_update.append(org)
    Organisation.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Organisation.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH)
    unchanged = len(wanted) - len(to_create) - len(to_update)
    return len(to_create), len(to_update), unchanged, existing


def sync_local_authorities() -> dict[str, int]:
    """An organisation for each English local authority on the register (code = LA code), so
    that commissioners can belong to one. Its name and region are those most of its schools
    give; authorities with no school in an English region (Wales, offshore) are left out."""
    names: dict[str, Counter] = defaultdict(Counter)
    regions: dict[str, Counter] = defaultdict(Counter)
    rows = (
        School.objects.exclude(la_code="")
        .exclude(la_name="")
        .filter(region__isnull=False)
        .values_list("la_code", "la_name", "region_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for code, name, region_id, n in rows:
        names[code][name] += n
        regions[code][region_id] += n
    wanted = {
        code: {"name": names[code].most_common(1)[0][0], "region_id": regions[code].most_common(1)[0][0]}
        for code in sorted(names)
    }
    created, updated, _, _ = _upsert(OrganisationKind.LOCAL_AUTHORITY, wanted)
    return {"local_authorities_created": created, "local_authorities_updated": updated}


def sync_dioceses() -> dict[str, int]:
    """An organisation for each diocese the register names (code = GIAS diocese code, such as
    "CE23"), so that a diocese can commission support and find its schools by that code. Its name
    and region are those most of its schools give; as for local authorities, a diocese with no
    school in an English region is left out."""
    names: dict[str, Counter] = defaultdict(Counter)
    regions: dict[str, Counter] = defaultdict(Counter)
    rows = (
        School.objects.exclude(diocese_code="")
        .filter(region__isnull=False)
        .values_list("diocese_code", "diocese_name", "region_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for code, name, region_id, n in rows:
        names[code][name] += n
        regions[code][region_id] += n
    wanted = {
        code: {
            "name": _most_common_name(names[code]) or f"Diocese {code}",
            "region_id": _most_common(regions[code]),
        }
        for code in sorted(names)
    }
    created, updated, _, _ = _upsert(OrganisationKind.DIOCESE, wanted)
    return {"dioceses_created": created, "dioceses_updated": updated}


def _most_common(counter: Counter):
    """The value most often given; between equals, the smallest, so that a re-run agrees."""
    return min(counter.items(), key=lambda item: (-item[1], item[0]))[0]


def _most_common_name(counter: Counter) -> str:
    return _most_common(Counter({name: n for name, n in counter.items() if name}) or counter)


def sync_trusts(trusts: dict[str, str]) -> dict[str, int]:
    """An organisation for each trust an establishment file names (code = GIAS trust code).
    Trusts span regions, so none is set."""
    wanted = {code: {"name": name or f"Trust {code}"} for code, name in trusts.items()}
    created, updated, _, _ = _upsert(OrganisationKind.TRUST, wanted)
    return {"trusts_created": created, "trusts_updated": updated}


@transaction.atomic
def import_teaching_schools(*, parsed: ParsedTeachingSchools, file_name: str, actor=None) -> RegisterImport:
    """A teaching school alliance for each alliance in the directory (its code derived from its
    normalised name), its lead school the first of its teaching schools on the register, and a
    membership marked as a teaching school for each of its teaching schools on the register."""
    started_at = timezone.now()
    regions = dict(Region.objects.values_list("name", "id"))
    school_ids = school_ids_by_urn(row.urn for row in parsed.rows)
    by_alliance: dict[str, list] = defaultdict(list)
    for row in parsed.rows:
        by_alliance[row.alliance_code].append(row)
    wanted, without_lead = {}, 0
    for code, rows in by_alliance.items():
        lead = next((school_ids[row.urn] for row in rows if row.urn in school_ids), None)
        without_lead += lead is None
        region = next((row.region for row in rows if row.region), None)
        wanted[code] = {"name": rows[0].alliance_name, "region_id": regions.get(region), "lead_school_id": lead}
    created, updated, unchanged, alliances = _upsert(OrganisationKind.TSA, wanted)

    alliance_ids = [org.pk for org in alliances.values()]
    memberships = {
        (m.alliance_id, m.school_id): m for m in AllianceMembership.objects.filter(alliance_id__in=alliance_ids)
    }
    to_create, to_update, kept = [], [], 0
    for row in parsed.rows:
        school_id = school_ids.get(row.urn)
        if school_id is None:
            continue
        alliance_id = alliances[row.alliance_code].pk
        membership = memberships.get((alliance_id, school_id))
        if membership is None:
            membership = AllianceMembership(alliance_id=alliance_id, school_id=school_id, is_teaching_school=True)
            memberships[(alliance_id, school_id)] = membership
            to_create.append(membership)
        elif not membership.is_teaching_school:
            membership.is_teaching_school = True
            to_update.append(membership)
        else:
            kept += 1
    AllianceMembership.objects.bulk_create(to_create, batch_size=BATCH)
    AllianceMembership.objects.bulk_update(to_update, ["is_teaching_school"], batch_size=BATCH)
    counts = {
        "alliances_created": created,
        "alliances_updated": updated,
        "alliances_unchanged": unchanged,
        "alliances_without_lead_school": without_lead,
        "teaching_schools_on_register": sum(1 for row in parsed.rows if row.urn in school_ids),
        "teaching_schools_not_on_register": sum(1 for row in parsed.rows if row.urn not in school_ids),
        "memberships_created": len(to_create),
        "memberships_updated": len(to_update),
        "memberships_unchanged": kept,
    }
    return record_import(
        kind=RegisterImportKind.TEACHING_SCHOOLS,
        layout="teaching_schools_directory",
        file_name=file_name,
        started_at=started_at,
        row_count=len(parsed.rows),
        counts=counts,
        actor=actor,
    )


def import_hubs(*, parsed: ParsedHubs, file_name: str, actor=None) -> RegisterImport:
    """Teaching school hubs from either published layout: see `hub_import.import_hubs`."""
    return hub_import.import_hubs(parsed=parsed, file_name=file_name, actor=actor)
