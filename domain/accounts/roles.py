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


STAFF_ROLES = frozenset({Role.REGIONAL_REPRESENTATIVE, Role.TSA_COORDINATOR, Role.PANEL_MEMBER, Role.COMMISSIONER})
