"""Who may invite people, into which organisations and roles, and who may reset a person's second
factor (issue 12, part 3: people).

- A regional representative invites into any organisation of their region, and any school of the
  register in their region (which then gets its organisation).
- A TSA or hub coordinator invites into their own alliance or hub, and into its member schools
  (AllianceMembership).
- A regional representative resets the second factor of a person of their region: someone with a
  role, of any status, in one of the region's organisations (ADR 7: "A lost phone is reset by a
  regional representative")."""

from domain.organisations.models import AllianceMembership, OrganisationKind
from domain.organisations.selectors import regions_administered_by

from .models import Membership
from .policies import is_signed_in
from .roles import Role
from .selectors import organisation_ids_of

# The roles that fit each kind of organisation: a school has contacts and its system leaders; an
# alliance, hub or grouping its coordinators, panel members and system leaders.
ROLES_BY_KIND = {
    OrganisationKind.REGIONAL_BODY: (Role.REGIONAL_REPRESENTATIVE, Role.PANEL_MEMBER),
    OrganisationKind.TSA: (Role.TSA_COORDINATOR, Role.PANEL_MEMBER, Role.SYSTEM_LEADER),
    OrganisationKind.HUB: (Role.TSA_COORDINATOR, Role.PANEL_MEMBER, Role.SYSTEM_LEADER),
    OrganisationKind.TSA_GROUPING: (Role.TSA_COORDINATOR, Role.PANEL_MEMBER, Role.SYSTEM_LEADER),
    OrganisationKind.SCHOOL: (Role.SCHOOL_CONTACT, Role.SYSTEM_LEADER),
    OrganisationKind.TRUST: (Role.SCHOOL_CONTACT, Role.COMMISSIONER),
    OrganisationKind.LOCAL_AUTHORITY: (Role.COMMISSIONER, Role.SCHOOL_CONTACT),
    OrganisationKind.DIOCESE: (Role.COMMISSIONER, Role.SCHOOL_CONTACT),
    OrganisationKind.COMMISSIONER: (Role.COMMISSIONER,),
}


def roles_for(organisation) -> tuple[Role, ...]:
    """The roles a person may be invited into in `organisation`, in the order to offer them."""
    return ROLES_BY_KIND.get(organisation.kind, ())


class InviteScope:
    """What a person may invite into, read once (one query for a coordinator's member schools)."""

    def __init__(self, user):
        self.everywhere = bool(getattr(user, "is_superuser", False))
        self.region_ids = regions_administered_by(user)
        self.alliance_ids = organisation_ids_of(user, Role.TSA_COORDINATOR)
        self.school_ids = (
            set(
                AllianceMembership.objects.filter(alliance_id__in=self.alliance_ids).values_list("school_id", flat=True)
            )
            if self.alliance_ids
            else set()
        )

    def covers_organisation(self, organisation) -> bool:
        if self.everywhere or organisation.pk in self.alliance_ids:
            return True
        if organisation.region_id and organisation.region_id in self.region_ids:
            return True
        return organisation.kind == OrganisationKind.SCHOOL and organisation.school_id in self.school_ids

    def covers_school(self, school) -> bool:
        return self.everywhere or school.pk in self.school_ids or (school.region_id in self.region_ids)


def invite_scope(user) -> InviteScope:
    """The person's scope, cached on the user object for the request."""
    scope = getattr(user, "_invite_scope", None)
    if scope is None:
        scope = user._invite_scope = InviteScope(user)
    return scope


def can_invite_people(user) -> bool:
    """Regional representatives and TSA or hub coordinators invite people (each organisation is
    then checked by can_invite_to)."""
    return is_signed_in(user) and (
        user.is_superuser or bool(organisation_ids_of(user, Role.REGIONAL_REPRESENTATIVE, Role.TSA_COORDINATOR))
    )


def can_invite_to(user, organisation) -> bool:
    return can_invite_people(user) and invite_scope(user).covers_organisation(organisation)


def can_invite_to_school(user, school) -> bool:
    """A school of the register, which may not have its organisation yet."""
    return can_invite_people(user) and invite_scope(user).covers_school(school)


def can_send_invitation(user, invitation) -> bool:
    return can_invite_to(user, invitation.organisation)


def is_in_region_of(person, region_ids) -> bool:
    """A person is in a region when any of their roles (of any status) is in one of its organisations."""
    return bool(region_ids) and Membership.objects.filter(user=person, organisation__region_id__in=region_ids).exists()


def can_reset_two_factor(user, person) -> bool:
    """Only a regional representative of the person's region; never their own (another
    representative resets it)."""
    if not is_signed_in(user) or person is None or person.pk == user.pk:
        return False
    if user.is_superuser:
        return True
    return is_in_region_of(person, regions_administered_by(user))
