"""Reading people and their memberships."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Membership
from .workflows import MembershipStatus


def active_memberships_for(user) -> list[Membership]:
    """The person's active memberships, fetched once per request and cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_active_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE)
            .select_related("organisation", "organisation__region")
            .order_by("organisation__name", "role")
        )
        user._active_memberships = cached
    return cached


def has_confirmed_two_factor_device(user) -> bool:
    """Whether the person has set up an authenticator app; asked once per request, cached on the user."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_has_two_factor_device", None)
    if cached is None:
        cached = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        user._has_two_factor_device = cached
    return cached


def roles_of(user) -> set[str]:
    return {m.role for m in active_memberships_for(user)}


def organisation_ids_of(user, *roles) -> set[int]:
    """The organisations in which the person holds any of `roles` (any role if none given)."""
    return {m.organisation_id for m in active_memberships_for(user) if not roles or m.role in roles}


def people_in_role(role, **organisation_filter) -> list:
    """Active people holding `role` actively in the organisations matching `organisation_filter`
    (say organisation=alliance, organisation__school=school, organisation__region_id=1)."""
    memberships = Membership.objects.filter(role=role, status=MembershipStatus.ACTIVE, **organisation_filter)
    return [m.user for m in memberships.select_related("user") if m.user.is_active]


def coordinators_of(organisation) -> list:
    """The TSA or hub coordinators of `organisation` (none for no organisation)."""
    from .roles import Role

    return [] if organisation is None else people_in_role(Role.TSA_COORDINATOR, organisation=organisation)
