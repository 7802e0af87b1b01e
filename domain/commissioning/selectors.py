"""Reading requests, meetings and offers, scoped to what the person may see (policies.py)."""

from django.db.models import Q, QuerySet

from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of
from domain.audit.policies import timeline_regions_of

from .models import AgendaItem, Offer, PanelMeeting, ReferrerKind, SupportRequest
from .workflows import RequestStatus

_REQUEST_RELATED = ("client_school", "brokering_organisation", "referrer_organisation", "submitted_by")


def _brokering_scope(user, field: str) -> Q:
    if user.is_superuser:
        return Q()
    return Q(**{f"{field}__in": organisation_ids_of(user, Role.TSA_COORDINATOR)}) | Q(
        **{f"{field}__region_id__in": timeline_regions_of(user)}
    )


def sent_by_q(user, prefix: str = "") -> Q:
    """The requests the person sent, while they still speak for the side they asked as (the same
    rule as policies.speaks_as_sender): as the school, only while its contact (the school's own
    scope covers that); as a referrer, only while active in the referring organisation; as a member
    of no organisation, for good. `prefix` reaches the request from another model ("request__")."""
    return Q(**{f"{prefix}submitted_by": user}) & (
        Q(**{f"{prefix}referrer_organisation_id__in": organisation_ids_of(user)})
        | (
            Q(**{f"{prefix}referrer_organisation__isnull": True})
            & ~Q(**{f"{prefix}referrer_kind": ReferrerKind.CLIENT_SCHOOL})
        )
    )


def requests_for(user) -> QuerySet[SupportRequest]:
    """Every request the person may see, newest first."""
    qs = SupportRequest.objects.select_related(*_REQUEST_RELATED)
    if user.is_superuser:
        return qs
    schools = [m.organisation.school_id for m in active_memberships_for(user) if m.role == Role.SCHOOL_CONTACT]
    scope = (
        _brokering_scope(user, "brokering_organisation")
        | sent_by_q(user)
        | Q(client_school_id__in=[s for s in schools if s])
        | Q(offers__leader=user)
        | Q(offers__leaders_organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
        # Consent is given to share a request with "the alliance and its panel".
        | Q(brokering_organisation_id__in=organisation_ids_of(user, Role.PANEL_MEMBER))
    )
    return qs.filter(scope).distinct().order_by("-created_at", "-id")


def request_for(user, request_id) -> SupportRequest | None:
    return requests_for(user).filter(pk=request_id).first()


def requests_to_broker(user, *, statuses=None) -> QuerySet[SupportRequest]:
    """Requests of the alliances the person brokers for, oldest first (the triage queue)."""
    qs = SupportRequest.objects.select_related(*_REQUEST_RELATED).filter(
        _brokering_scope(user, "brokering_organisation")
    )
    if statuses:
        qs = qs.filter(status__in=statuses)
    return qs.order_by("created_at", "id")


def meetings_for(user) -> QuerySet[PanelMeeting]:
    """Meetings of the alliances the person brokers for or sits on the panel of, soonest first."""
    qs = PanelMeeting.objects.select_related("organisation")
    if user.is_superuser:
        return qs.order_by("meets_at", "id")
    scope = _brokering_scope(user, "organisation") | Q(organisation_id__in=organisation_ids_of(user, Role.PANEL_MEMBER))
    return qs.filter(scope).order_by("meets_at", "id")


def meeting_for(user, meeting_id) -> PanelMeeting | None:
    return meetings_for(user).filter(pk=meeting_id).first()


def agenda_of(meeting) -> list[AgendaItem]:
    return list(
        meeting.items.select_related(
            "request", "request__client_school", "chosen_leader", "decided_by"
        ).prefetch_related("recused")
    )


def triaged_requests_of(organisation) -> QuerySet[SupportRequest]:
    """Requests of the alliance waiting for a panel."""
    return (
        SupportRequest.objects.filter(brokering_organisation=organisation, status=RequestStatus.TRIAGED)
        .select_related(*_REQUEST_RELATED)
        .order_by("created_at", "id")
    )


def offers_for(user) -> QuerySet[Offer]:
    """Offers made to the person, and those waiting for their alliance's agreement."""
    scope = Q(leader=user) | Q(leaders_organisation_id__in=organisation_ids_of(user, Role.TSA_COORDINATOR))
    if regions := timeline_regions_of(user):  # policies.can_agree_offer_for_alliance lets them agree
        scope |= Q(leaders_organisation__region_id__in=regions)
    return (
        Offer.objects.filter(scope)
        .select_related("request", "request__client_school", "request__brokering_organisation", "leader")
        .order_by("-created_at", "-id")
    )


def offer_for(user, offer_id) -> Offer | None:
    """One offer the person may see: theirs, their alliance's, or of a request they may see."""
    offer = (
        Offer.objects.select_related(
            "request", "request__client_school", "request__brokering_organisation", "leader", "leaders_organisation"
        )
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        return None
    if offer.leader_id == user.pk or offer in offers_for(user) or request_for(user, offer.request_id) is not None:
        return offer
    return None
