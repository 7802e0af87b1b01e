"""The coordinator's pages of leaders (issue: register, "Association"): the leaders associated with
their alliance, hub or grouping and the invitations and requests waiting for an answer, and the
regional list of designated leaders from which they invite (seed 000: "All TSA will be sent the
regional list of existing LLEs and should contact LLEs within their area and invite them to
associate with a local TSA"). A regional representative acts for every alliance of their region.

Each list reads a constant number of queries however many leaders it shows."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from domain.leaders.alliance_selectors import (
    associated_leader_rows,
    associated_leaders,
    role_labels,
)
from domain.leaders.association_services import association_invite_many
from domain.leaders.models.availability import days_text
from domain.leaders.policies import can_run_leader_lists, can_view_register
from domain.leaders.selectors import (
    associations_for,
    open_offer_ids,
    organisations_acted_for,
    portraits_awaiting,
    regional_leader_list,
)
from domain.leaders.workflows import OPEN_STATES, AssociationStatus
from web.common.policy import policy

from .alliance_forms import InviteForm, OrganisationForm, RegionalListFilterForm

PER_PAGE = 25


def days(value) -> str:
    """A number of days as people write it: 6, 2.5."""
    return days_text(value)


def organisations_for(request):
    """The organisations the person acts for and the one this page is about (`?organisation=`)."""
    form = OrganisationForm(organisations_acted_for(request.user).order_by("name"), request.GET)
    return form, form.chosen


@policy(can_run_leader_lists)
def leaders(request):
    chooser, organisation = organisations_for(request)
    active = associated_leaders(request.user, organisation) if organisation else associations_for(request.user).none()
    page = Paginator(active, PER_PAGE).get_page(request.GET.get("page"))
    rows = associated_leader_rows(organisation, list(page.object_list))
    waiting = (
        list(associations_for(request.user, statuses=list(OPEN_STATES), organisation=organisation))
        if organisation
        else []
    )
    return render(
        request,
        "leaders/alliance/leaders.html",
        {
            "page_title": "Your system leaders",
            "chooser": chooser,
            "organisation": organisation,
            "page": page,
            "rows": rows,
            "invitations": [a for a in waiting if a.status == AssociationStatus.INVITED],
            "requests": [a for a in waiting if a.status == AssociationStatus.REQUESTED],
            "awaiting_count": portraits_awaiting(request.user).count(),
            "shows_register": can_view_register(request.user),
        },
    )


@policy(can_run_leader_lists)
def regional_list(request):
    filters = RegionalListFilterForm(organisations_acted_for(request.user).order_by("name"), request.GET)
    organisation = filters.chosen
    region_ids = [organisation.region_id] if organisation and organisation.region_id else []
    people = regional_leader_list(region_ids=region_ids, **filters.filters())
    form = InviteForm(regional_leader_list(region_ids=region_ids), request.POST if request.method == "POST" else None)
    if request.method == "POST" and organisation is not None and form.is_valid():
        made, refused = association_invite_many(
            actor=request.user,
            organisation=organisation,
            leaders=form.cleaned_data["leaders"],
            message=form.cleaned_data["message"],
        )
        if made:
            messages.success(request, f"{len(made)} leader{'' if len(made) == 1 else 's'} invited")
        if not refused:
            return redirect(request.get_full_path())
        for reason in refused:
            form.add_error(None, reason)
    page = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    leaders_on_page = list(page.object_list)
    offered = (
        open_offer_ids(organisation=organisation, leader_ids=[p.pk for p in leaders_on_page]) if organisation else set()
    )
    rows = [_regional_row(person, offered) for person in leaders_on_page]
    return render(
        request,
        "leaders/alliance/regional_list.html",
        {
            "page_title": "Regional list of system leaders",
            "filters": filters,
            "organisation": organisation,
            "form": form,
            "page": page,
            "rows": rows,
            "can_invite": any(row["invitable"] for row in rows),
            "refused_count": len(form.non_field_errors()),
        },
    )


def _regional_row(person, offered: set) -> dict:
    designations = person.current_designations
    association = person.active_associations[0] if person.active_associations else None
    bodies = list(dict.fromkeys(d.designating_body for d in designations))
    schools = list(dict.fromkeys(d.school.display_name for d in designations if d.school_id))
    return {
        "person": person,
        "roles": role_labels(designations),
        "designated_by": ", ".join(bodies),
        "school": ", ".join(schools) or "Not recorded",
        "associated_with": association.organisation.name if association else "",
        "offer_open": person.pk in offered,
        "invitable": association is None and person.pk not in offered,
    }
