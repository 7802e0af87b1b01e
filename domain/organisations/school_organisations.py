"""The organisation through which people act for a school of the register."""

from django.db import transaction

from domain.audit.services import audit_record
from domain.schools.models import School

from .models import Organisation, OrganisationKind


@transaction.atomic
def school_organisation_for(*, school: School, actor=None) -> Organisation:
    """The organisation through which people act for `school` (its contacts, its leaders), made the
    first time it is needed, so that every school on the register can have contacts without a
    record made by hand. Its name and region follow the register's."""
    organisation = Organisation.objects.select_for_update().filter(school=school).first()
    if organisation is not None:
        return organisation
    organisation, created = Organisation.objects.get_or_create(
        school=school,
        defaults={"kind": OrganisationKind.SCHOOL, "name": school.name, "region_id": school.region_id},
    )
    if created:
        audit_record(
            actor=actor,
            action="organisations.organisation.created",
            subject=organisation,
            to_state="active",
            organisation=organisation,
            data={"kind": OrganisationKind.SCHOOL, "school_id": school.pk},
        )
    return organisation


def school_organisations_for(*, schools, actor=None) -> dict[int, Organisation]:
    """The organisation of each of `schools`, by school id: those missing made in bulk (a few
    statements and one audit row each), for an import of thousands of schools' leaders. Call it
    inside the import's transaction. Each is as `school_organisation_for` makes it."""
    from django.utils import timezone

    from domain.audit.models import AuditEvent
    from domain.schools.bulk_writes import insert_rows

    schools = {school.pk: school for school in schools}
    if not schools:
        return {}
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("school_organisations_for must run inside the caller's transaction")
    ids = sorted(schools)
    batches = [ids[start : start + 2_000] for start in range(0, len(ids), 2_000)]
    found = {}
    for batch in batches:
        found.update({o.school_id: o for o in Organisation.objects.filter(school_id__in=batch)})
    missing = [pk for pk in ids if pk not in found]
    if not missing:
        return found
    insert_rows(
        Organisation,
        [
            {
                "kind": OrganisationKind.SCHOOL,
                "name": schools[pk].name,
                "region_id": schools[pk].region_id,
                "school_id": pk,
            }
            for pk in missing
        ],
    )
    made = []
    for batch in [missing[start : start + 2_000] for start in range(0, len(missing), 2_000)]:
        made.extend(Organisation.objects.filter(school_id__in=batch))
    now, actor_id = timezone.now(), getattr(actor, "pk", None)
    insert_rows(
        AuditEvent,
        [
            {
                "occurred_at": now,
                "actor_id": actor_id,
                "action": "organisations.organisation.created",
                "subject_type": "organisations.organisation",
                "subject_id": str(organisation.pk),
                "subject_label": organisation.name[:255],
                "to_state": "active",
                "data": {"kind": OrganisationKind.SCHOOL, "school_id": organisation.school_id, "bulk": True},
                "organisation_id": organisation.pk,
            }
            for organisation in made
        ],
    )
    found.update({o.school_id: o for o in made})
    return found
