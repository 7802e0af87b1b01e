"""Who may do what with requests for support, panel meetings and offers. A request is private to
the client school's contacts, whoever submitted or referred it, the brokering alliance (and the
representatives of its region) and, once offered, the leader and their alliance. Everyone else
gets 404 from the pages."""

from domain.accounts.policies import is_signed_in
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of, roles_of
from domain.audit.policies import present_ids, register_timeline_subject, timeline_regions_of

from .models import ReferrerKind


def _coordinates(user, organisation_id) -> bool:
    return organisation_id is not None and organisation_id in organisation_ids_of(user, Role.TSA_COORDINATOR)


def _speaks_for_school(user, school_id) -> bool:
    return any(
        m.role == Role.SCHOOL_CONTACT and m.organisation.school_id == school_id for m in active_memberships_for(user)
    )


def can_ask_for_support(user) -> bool:
    """Anyone signed in asks for their school or refers one (seed 002's list of who may)."""
    return is_signed_in(user)


def can_broker(user, organisation_id) -> bool:
    """Triage requests, run panels and agree offers for this alliance: its coordinators and the
    representatives of its region."""
    if not is_signed_in(user):
        return False
    if user.is_superuser or _coordinates(user, organisation_id):
        return True
    from domain.organisations.models import Organisation

    region_id = Organisation.objects.filter(pk=organisation_id).values_list("region_id", flat=True).first()
    return region_id is not None and region_id in timeline_regions_of(user)


def can_triage(user, request) -> bool:
    return request is not None and can_broker(user, request.brokering_organisation_id)


def can_confirm_request(user, request) -> bool:
    """A request through the public form is confirmed by a contact at the school, or by the
    brokering alliance having checked with the school."""
    return request is not None and (_speaks_for_school(user, request.client_school_id) or can_triage(user, request))


def speaks_as_sender(user, request) -> bool:
    """The person who sent the request, while they still speak for the side they asked as (issue
    12: ending a membership ends at once every access it gave). A school asks through its contacts,
    so the sender keeps it only while a contact of the school; a referrer through their
    organisation, so only while active in it; a person who referred as a member of none keeps it.
    The same rule as selectors.sent_by_q."""
    if request is None or not is_signed_in(user) or request.submitted_by_id != user.pk:
        return False
    if request.referrer_kind == ReferrerKind.CLIENT_SCHOOL:
        return _speaks_for_school(user, request.client_school_id)
    if request.referrer_organisation_id is not None:
        return request.referrer_organisation_id in organisation_ids_of(user)
    return True


def is_client_of(user, request) -> bool:
    """The client school's contacts (while active), and whoever asked for it while they still speak
    for the side they asked as."""
    return request is not None and (
        _speaks_for_school(user, request.client_school_id) or speaks_as_sender(user, request)
    )


def can_run_panels(user) -> bool:
    """The requests and meetings pages of alliances: coordinators, representatives, panel members."""
    return is_signed_in(user) and (
        user.is_superuser
        or bool(roles_of(user) & {Role.TSA_COORDINATOR, Role.REGIONAL_REPRESENTATIVE, Role.PANEL_MEMBER})
    )


def can_sit_on_panel(user, meeting) -> bool:
    """Decide at a meeting: the alliance's coordinators and representatives, and its panel members."""
    if meeting is None or not is_signed_in(user):
        return False
    if can_broker(user, meeting.organisation_id):
        return True
    return meeting.organisation_id in organisation_ids_of(user, Role.PANEL_MEMBER)


def can_answer_offer_as_leader(user, offer) -> bool:
    return offer is not None and is_signed_in(user) and user.pk == offer.leader_id


def can_agree_offer_for_alliance(user, offer) -> bool:
    return (
        offer is not None
        and offer.leaders_organisation_id is not None
        and can_broker(user, offer.leaders_organisation_id)
    )


def can_answer_offer_as_client(user, offer) -> bool:
    """The client school's contacts, the person who asked, or the brokering alliance recording the
    school's answer for it."""
    return offer is not None and (is_client_of(user, offer.request) or can_triage(user, offer.request))


def register() -> None:
    for subject_type in ("commissioning.supportrequest", "commissioning.panelmeeting"):
        register_timeline_subject(
            subject_type,
            region_ids=lambda obj: present_ids(_organisation_of(obj).region_id),
            organisation_ids=lambda obj: present_ids(_organisation_of(obj).pk),
        )


def _organisation_of(obj):
    return getattr(obj, "brokering_organisation", None) or obj.organisation
