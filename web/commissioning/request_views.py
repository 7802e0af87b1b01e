"""The front door for requests for support, signed in: a school contact asks for their own school,
anyone else refers a school (seed 002's list of referrers). One form, then check your answers,
then request_submit. "Your requests" lists the requests the person made or their school's; each
request's page shows where it stands (request_progress.py). Another person's request answers 404."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for
from domain.commissioning.errors import CommissioningRefused, RequestInvalid
from domain.commissioning.models import ReferrerKind, Route
from domain.commissioning.policies import can_ask_for_support
from domain.commissioning.request_services import request_submit
from domain.commissioning.selectors import request_for, requests_for
from domain.commissioning.workflows import RequestStatus
from domain.organisations.models import OrganisationKind
from domain.schools.models import School
from web.common.fields import id_from
from web.common.policy import policy

from .request_forms import (
    DRAFT_KEY,
    KIND_FOR_ORGANISATION,
    RequestForm,
    bound_draft,
    draft_from,
    initial_from,
    schools_found,
)

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


def _posted_school(request) -> list[School]:
    chosen = id_from(request.POST.get("school"))
    return list(School.objects.filter(pk=chosen)) if chosen is not None else []


@policy(can_ask_for_support)
def request_new(request):
    user = request.user
    own = own_schools(user)
    q = request.GET.get("q", "")
    found, more = schools_found(q)
    preferred = id_from(request.GET.get("organisation"))
    draft = request.session.get(DRAFT_KEY)
    if request.method == "POST":
        form = RequestForm(request.POST, own_schools=own, schools=found + _posted_school(request))
        form.is_valid()
        form.check_with_service(form.cleaned_data.get("school_object"))
        if not form.errors:
            request.session[DRAFT_KEY] = draft_from(form)
            return redirect("requests:check")
    elif draft:
        # Back from the check page: the answers so far (a new search adds its schools).
        drafted = list(School.objects.filter(pk=int(draft["school"])))
        form = RequestForm(initial=initial_from(draft), own_schools=own, schools=drafted + found)
    else:
        initial = {
            "school": str(own[0].pk) if own and not found else "",
            "referrer_kind": _default_kind(user, own),
            # From the directory's "Ask for support from this alliance".
            "preferred_organisation": str(preferred or ""),
        }
        form = RequestForm(initial=initial, own_schools=own, schools=found)
    return render(
        request,
        "commissioning/requests/new.html",
        {
            "page_title": "Ask for school-to-school support",
            "form": form,
            "q": q,
            "searched": bool(q.strip()),
            "found": found,
            "more": more,
            "preferred_id": preferred,
            "own": own,
        },
    )


@policy(can_ask_for_support)
def request_check_answers(request):
    user = request.user
    draft = request.session.get(DRAFT_KEY)
    form = None
    if draft:
        drafted = list(School.objects.filter(pk=draft["school"]))
        form = bound_draft(draft, own_schools=own_schools(user), schools=drafted)
    if form is None:
        return redirect("requests:new")
    school = form.cleaned_data["school_object"]
    kind = form.cleaned_data["referrer_kind"]
    problems = []
    if request.method == "POST":
        as_school = kind == ReferrerKind.CLIENT_SCHOOL
        try:
            created = request_submit(
                actor=user,
                school=school,
                values=form.values(school),
                referrer_kind=kind,
                referrer_organisation=None if as_school else _referrer_organisation(user),
                preferred_organisation=form.preferred(),
                route=Route.SCHOOL if as_school else Route.REFERRAL,
            )
        except RequestInvalid as invalid:
            change = reverse("requests:new")
            problems = [{"text": message, "href": f"{change}#id_{field}"} for field, message in invalid.errors.items()]
        except CommissioningRefused as refusal:
            problems = [{"text": str(refusal)}]
        else:
            request.session.pop(DRAFT_KEY, None)
            return redirect("requests:submitted", request_id=created.pk)
    return render(
        request,
        "commissioning/requests/check.html",
        {
            "page_title": "Check your answers before asking for support",
            "form": form,
            "school": school,
            "referrer_kind": ReferrerKind(kind).label,
            "referrer_organisation": None if kind == ReferrerKind.CLIENT_SCHOOL else _referrer_organisation(user),
            "problems": problems,
        },
    )


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
