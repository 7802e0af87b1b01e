"""Listed leaders for the directory's page tests, built through the services (designation by an
alliance associates the leader; an approved pen portrait lists them)."""

import datetime as dt

from domain.accounts.roles import Role
from domain.designation.services import designation_create
from domain.leaders import portrait_services as portraits
from domain.leaders.models import DirectoryEntry
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role


def alliance(name=None, kind=OrganisationKind.TSA, **fields):
    """An alliance (or hub) with a lead school and a coordinator."""
    fields.setdefault("lead_school", factories.SchoolFactory(name=f"Lead school of {name or 'an alliance'}"))
    organisation = factories.OrganisationFactory(kind=kind, **({"name": name} if name else {}), **fields)
    organisation.coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=organisation)
    return organisation


def listed_leader(
    organisation,
    *,
    name="Sam Listed",
    role="lle",
    school=None,
    specialisms=(),
    phases=("primary",),
    public_contact="",
    experience="Headteacher for six years; supports new headteachers with curriculum planning.",
) -> DirectoryEntry:
    """A leader designated by `organisation` (so associated with it) with a published portrait."""
    leader = factories.UserFactory(full_name=name)
    designation_create(
        actor=organisation.coordinator,
        person=leader,
        role=role,
        source="tsa_or_hub",
        organisation=organisation,
        school=school or factories.SchoolFactory(),
        phases=list(phases),
        specialisms=list(specialisms),
        starts_on=dt.date(2026, 9, 1),
    )
    draft = portraits.portrait_save_draft(
        actor=leader,
        values={
            "experience": experience,
            "specialisms": list(specialisms),
            "phases": list(phases),
            "school_context": "A two-form entry primary school.",
            "areas_served": "Leeds and Bradford",
            "public_contact": public_contact,
        },
    )
    portraits.portrait_submit(actor=leader, portrait=draft)
    portraits.portrait_approve(actor=organisation.coordinator, portrait=draft)
    return DirectoryEntry.objects.get(leader=leader)
