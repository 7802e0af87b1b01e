"""Who may draft, agree and put in force the criteria sets and assessment grids: a regional
representative, for the sets of their region and the national sets their region starts from (the
regional board agrees them; the representative records its agreement on the board's behalf)."""

from domain.accounts.policies import is_regional_representative

from .criteria_selectors import NATIONAL, region_codes_of


def can_manage_criteria(user) -> bool:
    return is_regional_representative(user)


def can_manage_criteria_version(user, version) -> bool:
    if version is None or not is_regional_representative(user):
        return False
    regions = region_codes_of(user)
    return regions is None or version.region in regions or version.region == NATIONAL
