"""Reading invitations and people for those who invite them or look after their accounts: each
read is scoped to what the reader may see (a regional representative's region, a coordinator's
alliance or hub and its member schools)."""

from django.db.models import Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.organisations.models import AllianceMembership, Organisation
from domain.organisations.selectors import regions_administered_by
from domain.schools.models import School

from .invitation_policies import invite_scope
from .models import Invitation, Membership, User


def invitations_for(user) -> QuerySet[Invitation]:
    """The invitations into organisations the person may invite into, newest first."""
    qs = Invitation.objects.select_related("organisation", "invited_by").order_by("-created_at", "-id")
    scope = invite_scope(user)
    if scope.everywhere:
        return qs
    return qs.filter(
        Q(organisation__region_id__in=scope.region_ids)
        | Q(organisation_id__in=scope.alliance_ids)
        | Q(organisation__school_id__in=scope.school_ids)
    )


def invitation_for(user, invitation_id) -> Invitation | None:
    return invitations_for(user).filter(pk=invitation_id).first()


def coordinated_organisations(user) -> list[Organisation]:
    """The alliances or hubs the person coordinates."""
    scope = invite_scope(user)
    return list(Organisation.objects.filter(pk__in=scope.alliance_ids).order_by("name"))


def member_schools(user) -> list[School]:
    """The member schools of the alliances or hubs the person coordinates, each once, by name."""
    scope = invite_scope(user)
    memberships = (
        AllianceMembership.objects.filter(alliance_id__in=scope.alliance_ids)
        .select_related("school")
        .order_by("school__name", "school__urn")
    )
    seen, schools = set(), []
    for membership in memberships:
        if membership.school_id not in seen:
            seen.add(membership.school_id)
            schools.append(membership.school)
    return schools


def invite_target(user, kind: str, pk) -> Organisation | School | None:
    """The organisation or school of the register the person may invite into; None otherwise."""
    scope = invite_scope(user)
    if kind == "organisation":
        organisation = Organisation.objects.filter(pk=pk).select_related("school").first()
        return organisation if organisation is not None and scope.covers_organisation(organisation) else None
    if kind == "school":
        school = School.objects.filter(pk=pk).select_related("organisation").first()
        return school if school is not None and scope.covers_school(school) else None
    return None


def person_in_region_of(user, person_id) -> User | None:
    """A person with a role (of any status) in an organisation of the representative's region."""
    if getattr(user, "is_superuser", False):
        return User.objects.filter(pk=person_id).first()
    regions = regions_administered_by(user)
    if not regions:
        return None
    return User.objects.filter(pk=person_id, memberships__organisation__region_id__in=regions).distinct().first()


def person_roles_in_region(user, person) -> list[Membership]:
    """The person's roles in organisations of the reader's region (every region for the admin)."""
    qs = Membership.objects.filter(user=person).select_related("organisation")
    if not getattr(user, "is_superuser", False):
        qs = qs.filter(organisation__region_id__in=regions_administered_by(user))
    return list(qs.order_by("status", "organisation__name", "role"))


def has_authenticator(person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def schools_to_invite_into(user, text: str, *, limit: int = 20) -> tuple[list[School], int]:
    """Schools of the register the person may invite a contact into, matching `text` (a name, URN or
    postcode): any school of a representative's region, a coordinator's member schools. Every school
    can have contacts: its organisation is made when the first person is invited (issue 12)."""
    from domain.schools.selectors import schools_matching

    scope = invite_scope(user)
    found, _ = schools_matching(text, limit=200)
    allowed = [school for school in found if scope.covers_school(school)]
    return allowed[:limit], len(allowed)
