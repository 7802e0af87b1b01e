"""The front door for requests for support, signed in: a school contact asks for their own school,
anyone else refers a school (seed 002's list of referrers). One question a page (ask_views), then
check your answers, then request_submit. "Your requests" lists the requests the person made or their school's; each
request's page shows where it stands (request_progress.py). Another person's request answers 404."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for
from domain.commissioning.models import ReferrerKind, Route
from domain.commissioning.policies import can_ask_for_support
from domain.commissioning.request_services import request_submit
from domain.commissioning.selectors import request_for, requests_for
from domain.commissioning.workflows import RequestStatus
from domain.organisations.models import OrganisationKind
from domain.schools.models import School
from web.common.policy import policy

from . import ask_views
from .ask_steps import SIGNED_IN
from .request_forms import KIND_FOR_ORGANISATION

DRAFT_KEY = "commissioning_request_draft"

PER_PAGE = 20
R = RequestStatus
# The status tag's colour (GOV.UK tag classes).
TAG_CLASSES = {
    R.AWAITING_CONFIRMATION: "govuk-tag--yellow",
    R.SUBMITTED: "govuk-tag--blue",
    R.TRIAGED: "govuk-tag--light-blue",
    R.ON_AGENDA: "govuk-tag--purple",
    R.MATCHED: "govuk-tag--turquoise",
    R.AGREED: "govuk-tag--green",
    R.DECLINED: "govuk-tag--red",
    R.WITHDRAWN: "govuk-tag--grey",
}


def own_schools(user) -> list[School]:
    """The schools the person is a contact of (they ask for these as the school itself)."""
    ids = [m.organisation.school_id for m in active_memberships_for(user) if m.role == Role.SCHOOL_CONTACT]
    return list(School.objects.filter(pk__in=[i for i in ids if i]).order_by("name"))


def _referrer_organisation(user):
    """The organisation a referral is made for: the person's first that is not a school."""
    organisations = [m.organisation for m in active_memberships_for(user)]
    return next((o for o in organisations if o.kind != OrganisationKind.SCHOOL), None) or (
        organisations[0] if organisations else None
    )


def _default_kind(user, own) -> str:
    if own:
        return ReferrerKind.CLIENT_SCHOOL
    organisation = _referrer_organisation(user)
    if organisation is None:
        return ""
    if organisation.kind == OrganisationKind.SCHOOL:
        return ReferrerKind.SYSTEM_LEADER
    return KIND_FOR_ORGANISATION.get(organisation.kind, "")


def _flow(request) -> ask_views.Flow:
    own = own_schools(request.user)
    return ask_views.Flow(
        route=SIGNED_IN,
        draft_key=DRAFT_KEY,
        question_url="requests:question",
        check_url="requests:check",
        first_back="requests:list",
        caption="Ask for support",
        own_schools=own,
        defaults={"school": str(own[0].pk) if own else "", "referrer_kind": _default_kind(request.user, own)},
    )


@policy(can_ask_for_support)
def request_new(request):
    """The way in (from the directory, "Ask for support from this alliance", with ?organisation=)."""
    return ask_views.start(request, _flow(request))


@policy(can_ask_for_support)
def request_question(request, step):
    return ask_views.question(request, _flow(request), step)


@policy(can_ask_for_support)
def request_check_answers(request):
    user = request.user
    flow = _flow(request)
    kind = ask_views.answers_of(request, flow).draft.get("referrer_kind")
    as_school = kind == ReferrerKind.CLIENT_SCHOOL
    organisation = None if as_school else _referrer_organisation(user)

    def send(answers):
        created = request_submit(
            actor=user,
            school=answers.school,
            values=answers.values(),
            referrer_kind=kind,
            referrer_organisation=organisation,
            preferred_organisation=answers.preferred(),
            route=Route.SCHOOL if as_school else Route.REFERRAL,
        )
        return redirect("requests:submitted", request_id=created.pk)

    return ask_views.check_answers(request, flow, send=send, referrer_organisation=organisation)


def visible_request(request, request_id):
    """The request, if the person may see it; anyone else's answers 404, as if it did not exist."""
    found = request_for(request.user, request_id)
    if found is None:
        raise Http404
    return found


@policy(can_ask_for_support)
def request_submitted(request, request_id):
    created = visible_request(request, request_id)
    if created.submitted_by_id != request.user.pk:
        raise Http404
    return render(
        request,
        "commissioning/requests/submitted.html",
        {"page_title": "Request sent", "support_request": created},
    )


@policy(can_ask_for_support)
def request_list(request):
    user = request.user
    school_ids = [s.pk for s in own_schools(user)]
    mine = requests_for(user).filter(Q(submitted_by=user) | Q(client_school_id__in=school_ids))
    page = Paginator(mine, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "commissioning/requests/list.html",
        {"page_title": "Your requests for support", "page": page, "tag_classes": TAG_CLASSES},
    )
