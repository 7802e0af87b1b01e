"""Who may organise events, who may book them, and for whom. Events are public to those they are
for; bookings are private to the delegate, the person who booked and the event's organisers."""

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of, roles_of
from domain.audit.policies import timeline_regions_of

from .models import Audience, Event


def can_organise_events(user) -> bool:
    """The organisers' pages: coordinators of alliances and hubs, and regional representatives."""
    return is_signed_in(user) and (
        user.is_superuser or bool(roles_of(user) & {Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE})
    )


def organiser_ids(event: Event) -> set[int]:
    """The event's alliance and its partners (partners prefetched or not)."""
    return {event.organisation_id, *(p.pk for p in event.partners.all())}


def can_organise(user, event) -> bool:
    """Coordinators of the event's alliance or of a partner, and the region's representatives."""
    if event is None or not is_signed_in(user):
        return False
    if user.is_superuser or organisation_ids_of(user, Role.TSA_COORDINATOR) & organiser_ids(event):
        return True
    return event.region_id in timeline_regions_of(user)


def can_use_events(user) -> bool:
    return is_signed_in(user)


def may_attend(person, event) -> bool:
    """Whether `person` is someone the event is for (its audience)."""
    if not is_signed_in(person):
        return False
    if event.audience == Audience.ANYONE:
        return True
    from domain.leaders.people import is_designated

    if event.audience == Audience.LEADERS:
        return is_designated(person)
    # Audience.REGION: the region's alliances, hubs and representatives, and its designated leaders
    # (issue 13: not the leaders of another region).
    in_region = {m.organisation.region_id for m in active_memberships_for(person)}
    if event.region_id in in_region and roles_of(person) & {
        Role.TSA_COORDINATOR,
        Role.REGIONAL_REPRESENTATIVE,
        Role.PANEL_MEMBER,
    }:
        return True
    return _designated_in_region(person, event.region_id, in_region)


def _designated_in_region(person, region_id, membership_regions) -> bool:
    """A current designation, and the region is the person's: that of a designation's designating
    body or school, or of an organisation they act in."""
    from domain.leaders.people import current_designations

    designations = current_designations(person)
    if not designations:
        return False
    if region_id in membership_regions:
        return True
    return any(
        (designation.organisation_id and designation.organisation.region_id == region_id)
        or (designation.school_id and designation.school.region_id == region_id)
        for designation in designations
    )


def colleagues_of(user) -> set[int]:
    """The organisations the person acts in: they may book for people active in the same ones."""
    return organisation_ids_of(user)


def may_act_as_booker(user, booking) -> bool:
    """Whoever booked the place for a colleague, while still active in the organisation booked for
    (issue 12: ending a membership ends at once every access it gave)."""
    return (
        is_signed_in(user) and user.pk == booking.booked_by_id and booking.organisation_id in organisation_ids_of(user)
    )


def can_book_for(actor, delegate) -> bool:
    """Oneself, or a colleague: someone active in an organisation the booker is active in."""
    if not is_signed_in(actor) or delegate is None:
        return False
    if actor.pk == delegate.pk or actor.is_superuser:
        return True
    return bool(colleagues_of(actor) & organisation_ids_of(delegate))
