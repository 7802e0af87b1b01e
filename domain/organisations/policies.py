"""Who may see and manage organisations and the people in them."""

from domain.accounts.policies import is_regional_representative, is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import organisation_ids_of

from .models import OrganisationKind
from .selectors import regions_administered_by


def can_manage_organisation(user, organisation) -> bool:
    """A regional representative manages the organisations of their own region; an organisation
    in another region is not theirs to see (the view answers 404)."""
    if not is_regional_representative(user):
        return False
    return user.is_superuser or organisation.region_id in regions_administered_by(user)


def can_create_organisation_in(user, region) -> bool:
    """Issue 12: a regional representative makes alliances, groupings, trusts, commissioners and
    dioceses in their own region (the service's technical admin in any)."""
    if region is None or not is_regional_representative(user):
        return False
    return user.is_superuser or region.pk in regions_administered_by(user)


def can_move_alliance_to_hub(user, alliance, hub=None) -> bool:
    """Seed 003 ("Teaching school hubs will replace teaching schools"): the alliance's regional
    representative moves it to a hub, or a coordinator of both the alliance and the hub."""
    if alliance is None or alliance.kind != OrganisationKind.TSA or not is_signed_in(user):
        return False
    if can_manage_organisation(user, alliance):
        return True
    coordinated = organisation_ids_of(user, Role.TSA_COORDINATOR)
    return alliance.pk in coordinated and (hub is None or hub.pk in coordinated)
