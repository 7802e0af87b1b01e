"""Who may see and manage organisations and the people in them."""

from domain.accounts.policies import is_regional_representative

from .selectors import regions_administered_by


def can_manage_organisation(user, organisation) -> bool:
    """A regional representative manages the organisations of their own region; an organisation
    in another region is not theirs to see (the view answers 404)."""
    if not is_regional_representative(user):
        return False
    return user.is_superuser or organisation.region_id in regions_administered_by(user)
