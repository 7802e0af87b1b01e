"""Who counts as a system leader here, and where they work: read from their designations."""

from domain.designation.models import Designation


class AssociationRefused(ValueError):
    """The change cannot be made as asked; the message says why, in words a person can act on."""


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
