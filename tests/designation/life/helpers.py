"""Building designations for the tests, through the service."""

import datetime as dt

from domain.accounts.roles import Role
from domain.designation.services import designation_create
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.conftest import person_in_role


def tsa_with_coordinator(**organisation_fields):
    tsa = factories.OrganisationFactory(kind=OrganisationKind.TSA, **organisation_fields)
    coordinator = person_in_role(Role.TSA_COORDINATOR, organisation=tsa)
    return tsa, coordinator


def designate(*, actor=None, organisation=None, role="lle", starts_on=dt.date(2026, 9, 1), **fields):
    """A designation by a TSA (one is made when none is given) with sensible defaults."""
    if organisation is None and fields.get("source", "tsa_or_hub") == "tsa_or_hub":
        organisation, coordinator = tsa_with_coordinator()
        actor = actor or coordinator
    values = {
        "person": fields.pop("person", None) or factories.UserFactory(),
        "source": "tsa_or_hub",
        "school": factories.SchoolFactory(),
        "phases": ["primary"],
        "specialisms": ["maths"] if role == "sle" else [],
        **fields,
    }
    return designation_create(actor=actor, role=role, organisation=organisation, starts_on=starts_on, **values)
