"""Who may download everything held about a person, or erase them (issue 13, 4b and 4c): a
regional representative of the person's region. A person belongs to a region when they have a
role (of any status) in one of its organisations, or an application in one of its recruitment
rounds. Anyone else gets "not found", as for any record they may not see."""

from django.db.models import Q

from domain.accounts.models import User
from domain.accounts.policies import can_use_regional_admin
from domain.organisations.selectors import regions_administered_by


def person_for_privacy(user, person_id) -> User | None:
    """The person, if `user` may export or erase their data; otherwise None."""
    if not can_use_regional_admin(user):
        return None
    regions = regions_administered_by(user)
    if not regions:
        return None
    in_region = Q(memberships__organisation__region_id__in=regions) | Q(
        applications__round__organisation__region_id__in=regions
    )
    return User.objects.filter(in_region, pk=person_id).distinct().first()


def can_export_personal_data(user, person) -> bool:
    return person is not None and person_for_privacy(user, person.pk) is not None


def can_erase_person(user, person) -> bool:
    return can_export_personal_data(user, person)
