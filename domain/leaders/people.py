"""Who counts as a system leader here, and where they work: read from their designations."""

from domain.designation.models import Designation, DesignationRole

# Roles whose holders may be reached other than through an alliance, and whose pen portrait the
# region approves when they are not associated (seed 003 lists NLEs in the directory by name;
# NLGs are deployed through the national programme).
DIRECT_CONTACT_ROLES = frozenset({DesignationRole.NLE, DesignationRole.NLG})


class AssociationRefused(ValueError):
    """The change cannot be made as asked; the message says why, in words a person can act on."""


def lock_leader(leader):
    """Takes the leader's row lock for the rest of the transaction: a second service acting on the
    same leader (associating them, changing their days) waits here until the first has committed,
    then sees what it did. (SQLite has no row locks; it lets one writer at a time, which serialises
    the same way.)"""
    from domain.accounts.models import User

    return User.objects.select_for_update(of=("self",)).get(pk=getattr(leader, "pk", leader))


def current_designations(leader) -> list[Designation]:
    """The leader's designations that are neither ended nor replaced (active or suspended)."""
    return list(
        Designation.objects.current()
        .filter(person=leader)
        .select_related("organisation", "school")
        .order_by("-starts_on")
    )


def is_designated(leader) -> bool:
    return Designation.objects.current().filter(person=leader).exists()


def school_of(leader, designations=None):
    """The leader's school: that of their newest current designation that names one."""
    for designation in designations if designations is not None else current_designations(leader):
        if designation.school_id:
            return designation.school
    return None


def region_id_of(leader, designations=None) -> int | None:
    """The leader's region: the designating body's of their newest current designation, else
    their school's."""
    for designation in designations if designations is not None else current_designations(leader):
        if designation.organisation_id and designation.organisation.region_id:
            return designation.organisation.region_id
        if designation.school_id and designation.school.region_id:
            return designation.school.region_id
    return None


def holds_direct_contact_role(leader, designations=None) -> bool:
    """True when the leader holds a current NLE or NLG designation."""
    held = designations if designations is not None else current_designations(leader)
    return any(d.role in DIRECT_CONTACT_ROLES for d in held)
