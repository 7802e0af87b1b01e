"""Who may manage a designation, and whose timelines show designations.

A designation is the private record of the alliance or hub that made it: its coordinators manage
it, and so does a regional representative of its region (seed 000: "TSAs would manage appeals and
review of designation"; the regional board guards the standard). A historical designation with no
designating organisation (the national programme, seed 001) belongs to the region of the leader's
school."""

from domain.accounts.policies import coordinates_or_represents, is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import present_ids, register_timeline_subject, timeline_regions_of


def can_manage_designation(user, designation) -> bool:
    """Suspend, reinstate, de-designate or re-designate this designation."""
    if designation is None or not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    if designation.organisation_id and designation.organisation_id in organisation_ids_of(user, Role.TSA_COORDINATOR):
        return True
    region_id = designation.region_id()
    return region_id is not None and region_id in timeline_regions_of(user)


def can_designate_for(user, organisation) -> bool:
    """Designate leaders on behalf of this alliance or hub."""
    if organisation is None or not is_signed_in(user):
        return False
    if user.is_superuser or organisation.pk in organisation_ids_of(user, Role.TSA_COORDINATOR):
        return True
    return organisation.region_id is not None and organisation.region_id in timeline_regions_of(user)


def register() -> None:
    """Makes a designation's timeline readable by the people who manage it (called from the app's
    ready())."""
    register_timeline_subject(
        "designation.designation",
        region_ids=lambda designation: present_ids(designation.region_id()),
        organisation_ids=lambda designation: present_ids(designation.organisation_id),
        select_related=("organisation", "school"),
    )
    # A review's timeline: the same people as its designation's.
    register_timeline_subject(
        "designation.designationreview",
        region_ids=lambda review: present_ids(review.designation.region_id()),
        organisation_ids=lambda review: present_ids(review.designation.organisation_id),
        select_related=("designation", "designation__organisation", "designation__school"),
    )


def can_list_designations(user) -> bool:
    """The designations page: coordinators and regional representatives."""
    return coordinates_or_represents(user)
