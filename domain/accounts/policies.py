"""Who may do what with people and accounts. Each policy is a named function of the user
(and the object, where there is one); views declare one, and tests list them all."""

from .roles import STAFF_ROLES, Role
from .selectors import has_confirmed_two_factor_device, roles_of


def anyone(user) -> bool:
    """Public pages: the directory, the register of schools, sign-in."""
    return True


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def needs_two_factor(user) -> bool:
    """Every staff role signs in with a second factor (issue: foundation, accounts)."""
    return is_signed_in(user) and (user.is_superuser or user.is_staff or bool(roles_of(user) & STAFF_ROLES))


def second_factor_outstanding(user) -> bool:
    """Signed in with the password, and a code from an authenticator app still to give: every staff
    role must give one, and so must anyone else who has set an app up (issue 13: a second factor
    a person chose protects their account only if it is asked for)."""
    if not is_signed_in(user) or user.is_verified():
        return False
    return needs_two_factor(user) or has_confirmed_two_factor_device(user)


def is_regional_representative(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or Role.REGIONAL_REPRESENTATIVE in roles_of(user))


def can_use_regional_admin(user) -> bool:
    """The admin for the regional body: organisations, people and the register's imports."""
    return is_regional_representative(user)


def is_staff_member(user) -> bool:
    return is_signed_in(user) and (user.is_superuser or bool(roles_of(user) & STAFF_ROLES))


def can_read_timeline(user) -> bool:
    """Staff read an object's timeline of changes; the object itself is scoped by its own policy."""
    return is_staff_member(user)


def coordinates_or_represents(user) -> bool:
    """TSA or hub coordinators and regional representatives: the people who run the programme's
    lists (designations, recruitment rounds). Each object is then checked by its own policy."""
    return is_signed_in(user) and (
        user.is_superuser or bool(roles_of(user) & {Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE})
    )
