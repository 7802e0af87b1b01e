"""Who may do what in the register of system leaders. Each policy is a named function; views
declare one, and the URL x role matrix test walks them all.

An association, a pen portrait waiting for approval and a leader's availability are private to
the leader, the alliance, hub or grouping they are associated with (or that invited them), and the
regional representatives of that alliance's region. Everyone else gets 404 from the pages."""

from domain.accounts.policies import coordinates_or_represents, is_regional_representative, is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of
from domain.audit.policies import present_ids, register_timeline_subject, timeline_regions_of
from domain.organisations.models import BROKERING_KINDS

from .people import current_designations, holds_direct_contact_role, is_designated, region_id_of
from .workflows import AssociationStatus


def _coordinates(user, organisation_id) -> bool:
    return organisation_id is not None and organisation_id in organisation_ids_of(user, Role.TSA_COORDINATOR)


def _represents_region(user, region_id) -> bool:
    return region_id is not None and region_id in timeline_regions_of(user)


def is_designated_leader(user) -> bool:
    """The leader's own pages: association, pen portrait, availability. Asked once per request
    (the navigation asks on every page), so the answer is kept on the request's user."""
    if not is_signed_in(user):
        return False
    cached = getattr(user, "_is_designated_leader", None)
    if cached is None:
        cached = user._is_designated_leader = is_designated(user)
    return cached


def can_run_leader_lists(user) -> bool:
    """The coordinator's pages of leaders (associated, invited, the regional list) and the
    representative's: each organisation and record is then checked by its own policy."""
    return coordinates_or_represents(user)


def can_act_for_organisation(user, organisation) -> bool:
    """Invite leaders, answer requests, end associations, approve pen portraits for this alliance,
    hub or grouping: its coordinators, and the representatives of its region."""
    if organisation is None or organisation.kind not in BROKERING_KINDS or not is_signed_in(user):
        return False
    if user.is_superuser or _coordinates(user, organisation.pk):
        return True
    return _represents_region(user, organisation.region_id)


def can_see_association(user, association) -> bool:
    if association is None or not is_signed_in(user):
        return False
    return user.pk == association.leader_id or can_act_for_organisation(user, association.organisation)


def can_broker_deployment(user, leader, association=None) -> bool:
    """Seed 000: LLEs "will agree for their deployments to be exclusively brokered through that
    TSA/strategic TSA grouping": only the coordinators of the alliance, hub or grouping the leader
    is actively associated with. The commissioning pages call this before offering a leader.
    Pass the leader's active association when already fetched, to save a query."""
    if leader is None or not is_signed_in(user):
        return False
    if association is None:
        from .selectors import active_association_of

        association = active_association_of(leader)
    if association is None or association.status != AssociationStatus.ACTIVE:
        return False
    return user.is_superuser or _coordinates(user, association.organisation_id)


def can_approve_portrait(user, portrait, association) -> bool:
    """The alliance the leader is associated with approves their pen portrait (`association` is
    that active association, or None). An NLE or NLG with no association is approved by the
    representatives of their region."""
    if portrait is None or not is_signed_in(user):
        return False
    if association is None:
        designations = current_designations(portrait.leader)
        if not holds_direct_contact_role(portrait.leader, designations):
            return False
        return user.is_superuser or _represents_region(user, region_id_of(portrait.leader, designations))
    if association.leader_id != portrait.leader_id:
        return False
    if association.status != AssociationStatus.ACTIVE:  # a former alliance approves nothing
        return False
    return can_act_for_organisation(user, association.organisation)


def can_see_availability(user, leader, association) -> bool:
    """The leader, and the alliance they are associated with (`association`, or None)."""
    if leader is None or not is_signed_in(user):
        return False
    if user.pk == leader.pk or user.is_superuser:
        return True
    if association is None or association.leader_id != leader.pk or association.status != AssociationStatus.ACTIVE:
        return False
    return can_act_for_organisation(user, association.organisation)


def can_view_register(user) -> bool:
    """The regional register of every leader across alliances, and the memorandum's versions."""
    return is_regional_representative(user)


def can_publish_memorandum(user, region) -> bool:
    if region is None or not is_signed_in(user):
        return False
    return user.is_superuser or _represents_region(user, region.pk)


def register() -> None:
    """Makes an association's timeline readable by the alliance's coordinators and region."""
    register_timeline_subject(
        "leaders.association",
        region_ids=lambda association: present_ids(association.organisation.region_id),
        organisation_ids=lambda association: present_ids(association.organisation_id),
        select_related=("organisation",),
    )
