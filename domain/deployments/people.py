"""Who to tell about a deployment: the people behind each party (one query a party)."""

from domain.accounts.roles import Role
from domain.accounts.selectors import coordinators_of, organisation_ids_of, people_in_role

from .models import Deployment, Party


def client_contacts_of(deployment: Deployment) -> list:
    """The client school's active contacts (whoever asked for it speaks for it only while one)."""
    return people_in_role(Role.SCHOOL_CONTACT, organisation__school_id=deployment.client_school_id)


def commissioners_of(deployment: Deployment) -> list:
    if deployment.commissioner_id is None:
        return []
    return people_in_role(Role.COMMISSIONER, organisation_id=deployment.commissioner_id)


def quality_leads_of(deployment: Deployment) -> list:
    """The alliance's quality lead for this deployment, or else its coordinators."""
    if deployment.quality_lead_id and deployment.organisation_id in organisation_ids_of(deployment.quality_lead):
        return [deployment.quality_lead]
    return coordinators_of(deployment.organisation)


def people_of(deployment: Deployment, *parties: str) -> list:
    """The people who speak for `parties`, each once."""
    found = {}
    for party in parties:
        if party == Party.LEADER:
            people = [deployment.leader]
        elif party == Party.CLIENT:
            people = client_contacts_of(deployment)
        elif party == Party.ALLIANCE:
            people = coordinators_of(deployment.organisation)
        elif party == Party.COMMISSIONER:
            people = commissioners_of(deployment)
        else:
            raise ValueError(f"unknown party {party!r}")
        for person in people:
            found.setdefault(person.pk, person)
    return list(found.values())
