"""Writing teaching school hubs from either published layout (`domain.schools.importers.hubs`).

The 2025 layout gives each hub its area code (its region), name, website and districts; the 2023
layout gives its lead school's URN. A row is matched to the hub it names whichever file came
first (`hub_matching`), so that both files together give every hub its lead school where the
register has it. All in bulk, idempotent, in the caller's transaction."""

from django.db import transaction
from django.utils import timezone

from domain.schools.importers.hubs import LAYOUT_2023, ParsedHubs
from domain.schools.models import RegisterImport, RegisterImportKind, School
from domain.schools.services import BATCH, record_import, school_ids_by_urn

from .hub_matching import HubKeys, match_hubs
from .models import Organisation, OrganisationKind, Region


def _keys(hub: Organisation) -> HubKeys:
    return HubKeys.of(code=hub.code, name=hub.name, districts=hub.districts or [])


def _row_keys(row) -> HubKeys:
    return HubKeys.of(code=row.area_code, name=row.name, districts=row.districts)


def _wanted_2025(parsed: ParsedHubs) -> list[dict]:
    regions = dict(Region.objects.values_list("code", "id"))
    return [
        {
            "code": row.area_code,
            "name": row.name,
            "region_id": regions.get(row.region_code),
            "website": row.website,
            "districts": row.districts,
        }
        for row in parsed.rows
    ]


def _wanted_2023(parsed: ParsedHubs, matched: dict[int, Organisation], counts: dict) -> list[dict]:
    """A hub the 2023 file names keeps what the 2025 file gave it and takes its lead school when
    the register has the URN; one not yet known is made from this file, in its lead school's
    region, without a code (its 2023 code may be another hub's 2025 code)."""
    school_ids = school_ids_by_urn(row.lead_urn for row in parsed.rows if row.lead_urn)
    school_regions = dict(School.objects.filter(pk__in=school_ids.values()).values_list("pk", "region_id"))
    wanted = []
    for index, row in enumerate(parsed.rows):
        lead_id = school_ids.get(row.lead_urn) if row.lead_urn else None
        if row.lead_urn and lead_id is None:
            counts["lead_schools_not_on_register"] += 1
        elif lead_id is not None:
            counts["lead_schools_on_register"] += 1
        hub = matched.get(index)
        if hub is None:
            fields = {
                "code": "",
                "name": row.name,
                "website": row.website,
                "districts": row.districts,
                "region_id": school_regions.get(lead_id),
                "lead_school_id": lead_id,
            }
        else:
            fields = {}
            if lead_id is not None:
                fields["lead_school_id"] = lead_id
            if hub.region_id is None and school_regions.get(lead_id):
                fields["region_id"] = school_regions[lead_id]
        wanted.append(fields)
    return wanted


@transaction.atomic
def import_hubs(*, parsed: ParsedHubs, file_name: str, actor=None) -> RegisterImport:
    """A teaching school hub for each row: from the 2025 layout its code (TSH Area), region,
    name, website and districts; from the 2023 layout its lead school (counting URNs not on the
    register)."""
    started_at = timezone.now()
    hubs = list(Organisation.objects.select_for_update().filter(kind=OrganisationKind.HUB).order_by("pk"))
    by_pk = {hub.pk: hub for hub in hubs}
    pairs = match_hubs([_row_keys(row) for row in parsed.rows], {hub.pk: _keys(hub) for hub in hubs})
    matched = {index: by_pk[pk] for index, pk in pairs.items()}
    counts = {"hubs_created": 0, "hubs_updated": 0, "hubs_unchanged": 0}
    if parsed.layout == LAYOUT_2023:
        counts |= {"lead_schools_on_register": 0, "lead_schools_not_on_register": 0}
        wanted = _wanted_2023(parsed, matched, counts)
    else:
        wanted = _wanted_2025(parsed)

    to_create, to_update, changed_fields = [], [], set()
    for index, fields in enumerate(wanted):
        hub = matched.get(index)
        if hub is None:
            to_create.append(Organisation(kind=OrganisationKind.HUB, **fields))
            continue
        changed = {name for name, value in fields.items() if getattr(hub, name) != value}
        if changed:
            for name in changed:
                setattr(hub, name, fields[name])
            changed_fields |= changed
            to_update.append(hub)
    Organisation.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Organisation.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH)
    counts["hubs_created"] = len(to_create)
    counts["hubs_updated"] = len(to_update)
    counts["hubs_unchanged"] = len(wanted) - len(to_create) - len(to_update)
    return record_import(
        kind=RegisterImportKind.HUBS,
        layout=parsed.layout,
        file_name=file_name,
        started_at=started_at,
        row_count=len(parsed.rows),
        counts=counts,
        actor=actor,
    )
