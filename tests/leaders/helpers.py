"""Building the register's records for the tests, through the services."""

import datetime as dt

from domain.accounts.roles import Role
from domain.designation.services import designation_create
from domain.leaders import association_services as assoc
from domain.leaders import portrait_services as portraits
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role


def alliance(kind=OrganisationKind.TSA, **fields):
    return factories.OrganisationFactory(kind=kind, **fields)


def coordinator_of(organisation, **fields):
    return person_in_role(Role.TSA_COORDINATOR, organisation=organisation, **fields)


def alliance_with_coordinator(**fields):
    organisation = alliance(**fields)
    return organisation, coordinator_of(organisation)


def representative_of(region=None):
    body = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=region or factories.region())
    return person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=body)


def designate(
    person=None, *, role="lle", organisation=None, actor=None, school=None, source=None, specialisms=None, **fields
):
    """Designates `person` (a new one when none is given). With an organisation the alliance
    designates them (which associates them); without one the national programme did."""
    person = person or factories.UserFactory()
    if source is None:
        source = "tsa_or_hub" if organisation is not None else "national_programme"
    values = {
        "phases": ["primary"],
        "specialisms": specialisms if specialisms is not None else (["maths"] if role == "sle" else []),
        "starts_on": dt.date(2026, 9, 1),
        **fields,
    }
    return designation_create(
        actor=actor,
        person=person,
        role=role,
        source=source,
        organisation=organisation,
        school=school if school is not None else factories.SchoolFactory(),
        **values,
    )


def unassociated_leader(role="lle", person=None, **fields):
    """A leader designated by the national programme: designated, not associated with anyone."""
    return designate(person, role=role, **fields).person


def associated_leader(organisation, role="lle", **fields):
    """A leader designated (and so associated) by `organisation`; returns (leader, association)."""
    from domain.leaders.selectors import active_association_of

    leader = designate(role=role, organisation=organisation, **fields).person
    return leader, active_association_of(leader)


def invitation(organisation, leader, actor=None):
    return assoc.association_invite(
        actor=actor or coordinator_of(organisation), organisation=organisation, leader=leader
    )


def published_portrait(leader, approver, **values):
    """Writes, submits and approves a portrait for an associated leader."""
    draft = portraits.portrait_save_draft(
        actor=leader,
        values={
            "experience": "Led two schools out of special measures.",
            "specialisms": ["maths"],
            "phases": ["primary"],
            **values,
        },
    )
    submitted = portraits.portrait_submit(actor=leader, portrait=draft)
    return portraits.portrait_approve(actor=approver, portrait=submitted)
