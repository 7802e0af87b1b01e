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
