"""The roles a person can hold in an organisation, and which of them are staff roles.

Staff roles see other people's records, so each must sign in with a second factor."""

from django.db import models


class Role(models.TextChoices):
    REGIONAL_REPRESENTATIVE = "regional_representative", "Regional representative"
    TSA_COORDINATOR = "tsa_coordinator", "TSA or hub coordinator"
    PANEL_MEMBER = "panel_member", "Panel member"
    SYSTEM_LEADER = "system_leader", "System leader"
    SCHOOL_CONTACT = "school_contact", "School or trust contact"
    COMMISSIONER = "commissioner", "Commissioner"
    # Seed 004 §14: the department makes the final decision on NLEs; seed 003: NLGs are
    # designated by the DfE. Its officials decide the alliances' and hubs' recommendations.
    DEPARTMENT_OFFICIAL = "department_official", "Department for Education official"


STAFF_ROLES = frozenset(
    {
        Role.REGIONAL_REPRESENTATIVE,
        Role.TSA_COORDINATOR,
        Role.PANEL_MEMBER,
        Role.COMMISSIONER,
        Role.DEPARTMENT_OFFICIAL,
    }
)


def role_phrase(role) -> str:
    """The role's name inside a sentence: "panel member", but "TSA or hub coordinator"."""
    label = Role(role).label
    first, _, rest = label.partition(" ")
    if first.isupper() or label.startswith("Department for Education"):  # a name keeps its capitals
        return label
    return f"{first.lower()} {rest}".strip()
