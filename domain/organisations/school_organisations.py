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
    """The organisation of each of `schools`, by school id: those missing made in bulk (one insert,
    one audit row each), for an import of thousands of schools' leaders. Call it inside the
    import's transaction. Each is as `school_organisation_for` makes it."""
    from django.utils import timezone

    from domain.audit.models import AuditEvent
    from domain.audit.services import subject_type_of

    schools = {school.pk: school for school in schools}
    if not schools:
        return {}
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("school_organisations_for must run inside the caller's transaction")
    found = {o.school_id: o for o in Organisation.objects.filter(school_id__in=list(schools))}
    missing = [
        Organisation(kind=OrganisationKind.SCHOOL, name=school.name, region_id=school.region_id, school=school)
        for pk, school in schools.items()
        if pk not in found
    ]
    if missing:
        Organisation.objects.bulk_create(missing, ignore_conflicts=False)
        if missing[0].pk is None:  # a database that gives no keys back
            missing = list(Organisation.objects.filter(school_id__in=[o.school_id for o in missing]))
        now = timezone.now()
        AuditEvent.objects.bulk_create(
            AuditEvent(
                occurred_at=now,
                actor=actor if getattr(actor, "pk", None) else None,
                action="organisations.organisation.created",
                subject_type=subject_type_of(organisation),
                subject_id=str(organisation.pk),
                subject_label=str(organisation)[:255],
                to_state="active",
                data={"kind": OrganisationKind.SCHOOL, "school_id": organisation.school_id, "bulk": True},
                organisation=organisation,
            )
            for organisation in missing
        )
        found.update({o.school_id: o for o in missing})
    return found
