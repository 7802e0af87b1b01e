"""Organisations made and changed by hand in the regional body's admin (issue 12): add an
organisation (the kind, its details, check your answers), change its details or lead school, and
move an alliance to a teaching school hub (seed 003: hubs replace teaching schools)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from domain.accounts.policies import can_use_regional_admin, coordinates_or_represents
from domain.leaders.hub_transfer import AssociationRefused, alliance_move_to_hub, hub_move_preview
from domain.organisations import admin_services as admin
from domain.organisations.models import OrganisationKind
from domain.organisations.policies import (
    can_create_organisation_in,
    can_manage_organisation,
    can_move_alliance_to_hub,
)
from domain.organisations.selectors import (
    alliances_for_grouping,
    hubs_in_region,
    member_alliances_of,
    organisation_by_id,
    organisations_for,
    region_by_id,
    regions_for_creating,
)
from web.common.policy import policy

from .organisation_forms import (
    ADD_KINDS,
    NEW_COMMISSIONER,
    DetailsForm,
    HubChoiceForm,
    KindForm,
    LeadSchoolForm,
    school_label,
)

K = OrganisationKind
DRAFT_KEY = "regional_new_organisation"
ADD_LABELS = dict(ADD_KINDS)


def _managed(request, organisation_id):
    """Another region's organisation answers 404, as if it did not exist."""
    organisation = get_object_or_404(
        organisations_for(request.user).select_related("region", "lead_school"), pk=organisation_id
    )
    if not can_manage_organisation(request.user, organisation):
        raise Http404
    return organisation


def _posted(request):
    """The posted data, even when empty (an empty post must show its errors)."""
    return request.POST if request.method == "POST" else None


def _add_service_errors(form, invalid: admin.OrganisationInvalid) -> None:
    for field, message in invalid.errors.items():
        target = {"lead_school": "school_query" if "school" not in form.errors else "school"}.get(field, field)
        form.add_error(target if target in form.fields else None, message)


# Add an organisation ------------------------------------------------------------------------


@policy(can_use_regional_admin)
def organisation_add(request):
    """The kind of organisation first (and the region, for someone with several)."""
    regions = regions_for_creating(request.user)
    if not regions:
        raise Http404
    draft = request.session.get(DRAFT_KEY) or {}
    initial = {"kind": draft.get("kind", ""), "region": str(draft.get("region_id", ""))}
    form = KindForm(_posted(request), initial=initial, regions=regions)
    if request.method == "POST" and form.is_valid():
        region = form.chosen_region()
        if region is None or not can_create_organisation_in(request.user, region):
            form.add_error("region" if "region" in form.fields else None, "Choose the region")
        else:
            kind = form.cleaned_data["kind"]
            details = draft.get("details", {}) if draft.get("kind") == kind else {}
            request.session[DRAFT_KEY] = {"kind": kind, "region_id": region.pk, "details": details}
            return redirect("regional:organisation-add-details")
    return render(request, "regional/organisation_add_kind.html", {"page_title": "Add an organisation", "form": form})


def _draft(request):
    """The organisation being added, its region and the details form's kind; None when there is
    no draft or the person may no longer make organisations in its region."""
    draft = request.session.get(DRAFT_KEY)
    if not draft or draft.get("kind") not in ADD_LABELS:
        return None
    region = region_by_id(draft.get("region_id"))
    if region is None or not can_create_organisation_in(request.user, region):
        return None
    form_kind = NEW_COMMISSIONER if draft["kind"] == "commissioner" else draft["kind"]
    return draft, region, form_kind


def _details_form(data, *, form_kind, region, initial=None):
    alliances = alliances_for_grouping(region_id=region.pk) if form_kind == K.TSA_GROUPING else ()
    return DetailsForm(data, initial=initial, kind=form_kind, alliances=alliances)


@policy(can_use_regional_admin)
def organisation_add_details(request):
    found = _draft(request)
    if found is None:
        return redirect("regional:organisation-add")
    draft, region, form_kind = found
    if request.method == "POST":
        form = _details_form(request.POST, form_kind=form_kind, region=region)
        if form.is_valid():
            details = {
                name: form.data.getlist(name) if name == "member_alliances" else form.data.get(name, "")
                for name in form.fields
            }
            request.session[DRAFT_KEY] = {**draft, "details": details}
            return redirect("regional:organisation-add-check")
    else:
        form = _details_form(None, form_kind=form_kind, region=region, initial=draft.get("details") or None)
    label = ADD_LABELS[draft["kind"]]
    return render(
        request,
        "regional/organisation_details.html",
        {
            "page_title": f"{label}: its details",
            "form": form,
            "region": region,
            "back_url": reverse("regional:organisation-add"),
            "button_text": "Continue",
        },
    )


@policy(can_use_regional_admin)
def organisation_add_check(request):
    found = _draft(request)
    if found is None:
        return redirect("regional:organisation-add")
    draft, region, form_kind = found
    form = _details_form(draft.get("details") or {}, form_kind=form_kind, region=region)
    if not draft.get("details") or not form.is_valid():
        return redirect("regional:organisation-add-details")
    data = form.cleaned_data
    kind = data.get("commissioner_kind") if form_kind == NEW_COMMISSIONER else form_kind
    problems = []
    if request.method == "POST":
        try:
            organisation = admin.organisation_create(
                actor=request.user,
                region=region,
                kind=kind,
                name=data["name"],
                code=data.get("code", ""),
                website=data.get("website", ""),
                lead_school=data.get("school_object"),
                member_alliances=data.get("member_objects", []),
            )
        except admin.OrganisationInvalid as invalid:
            details = reverse("regional:organisation-add-details")
            anchors = {"lead_school": "school_query"}
            problems = [
                {"text": message, "href": f"{details}#id_{anchors.get(field, field)}"}
                for field, message in invalid.errors.items()
            ]
        else:
            request.session.pop(DRAFT_KEY, None)
            messages.success(request, f"{organisation.name} has been added")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/organisation_add_check.html",
        {
            "page_title": "Check the organisation's details",
            "form": form,
            "data": data,
            "kind_label": ADD_LABELS[draft["kind"]],
            "commissioner_label": dict(form.fields["commissioner_kind"].choices).get(kind)
            if "commissioner_kind" in form.fields
            else "",
            "region": region,
            "school_text": school_label(data["school_object"]) if data.get("school_object") else "",
            "problems": problems,
        },
    )


# Change an organisation --------------------------------------------------------------------


@policy(can_use_regional_admin)
def organisation_change(request, organisation_id):
    organisation = _managed(request, organisation_id)
    if organisation.kind not in admin.EDITABLE_KINDS:
        raise Http404
    grouping = organisation.kind == K.TSA_GROUPING
    alliances = alliances_for_grouping(region_id=organisation.region_id, grouping=organisation) if grouping else ()
    initial = {
        "name": organisation.name,
        "code": organisation.code,
        "website": organisation.website,
        "member_alliances": [str(a.pk) for a in member_alliances_of(organisation)] if grouping else [],
    }
    form = DetailsForm(
        _posted(request), initial=initial, kind=organisation.kind, alliances=alliances, with_school=False
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            admin.organisation_change(
                actor=request.user,
                organisation=organisation,
                name=data["name"],
                code=data.get("code", ""),
                website=data.get("website", ""),
                member_alliances=data["member_objects"] if grouping else None,
            )
        except admin.OrganisationInvalid as invalid:
            _add_service_errors(form, invalid)
        else:
            messages.success(request, f"The details of {data['name']} have been changed")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/organisation_details.html",
        {
            "page_title": f"Change the details of {organisation.name}",
            "form": form,
            "region": organisation.region,
            "back_url": reverse("regional:organisation", kwargs={"organisation_id": organisation.pk}),
            "button_text": "Save changes",
        },
    )


@policy(can_use_regional_admin)
def organisation_lead_school(request, organisation_id):
    organisation = _managed(request, organisation_id)
    if organisation.kind not in admin.LED_KINDS:
        raise Http404
    required = organisation.kind == K.TSA
    initial = {"school_query": str(organisation.lead_school.urn) if organisation.lead_school else ""}
    form = LeadSchoolForm(_posted(request), initial=initial, required=required)
    if request.method == "POST" and form.is_valid():
        school = form.cleaned_data["school_object"]
        try:
            admin.lead_school_set(actor=request.user, organisation=organisation, lead_school=school)
        except admin.OrganisationInvalid as invalid:
            _add_service_errors(form, invalid)
        else:
            done = f"{school.display_name} is now the lead school of" if school else "There is no lead school for"
            messages.success(request, f"{done} {organisation.name}")
            return redirect("regional:organisation", organisation_id=organisation.pk)
    return render(
        request,
        "regional/organisation_lead_school.html",
        {
            "page_title": f"Change the lead school of {organisation.name}",
            "form": form,
            "organisation": organisation,
            "required": required,
        },
    )


# Move an alliance to a hub (seed 003) ---------------------------------------------------------


def _movable(request, organisation_id):
    """The alliance and the hubs the person may move it to; 404 when it is not theirs to move."""
    alliance = organisation_by_id(organisation_id, kind=K.TSA)
    if alliance is None or not alliance.is_active or not can_move_alliance_to_hub(request.user, alliance):
        raise Http404
    hubs = [hub for hub in hubs_in_region(alliance.region_id) if can_move_alliance_to_hub(request.user, alliance, hub)]
    if not hubs and not can_manage_organisation(request.user, alliance):
        raise Http404
    return alliance, hubs


def _back_to(request, organisation):
    if can_manage_organisation(request.user, organisation):
        return reverse("regional:organisation", kwargs={"organisation_id": organisation.pk})
    return reverse("portal:home")


@policy(coordinates_or_represents)
def organisation_move_to_hub(request, organisation_id):
    alliance, hubs = _movable(request, organisation_id)
    form = HubChoiceForm(_posted(request), hubs=hubs)
    if request.method == "POST" and form.is_valid():
        return redirect("regional:organisation-move-to-hub-check", organisation_id=alliance.pk, hub_id=form.chosen().pk)
    return render(
        request,
        "regional/organisation_move_to_hub.html",
        {
            "page_title": f"Move {alliance.name} to a hub",
            "form": form,
            "alliance": alliance,
            "hubs": hubs,
            "back_url": _back_to(request, alliance),
        },
    )


@policy(coordinates_or_represents)
def organisation_move_to_hub_check(request, organisation_id, hub_id):
    alliance, hubs = _movable(request, organisation_id)
    hub = next((h for h in hubs if h.pk == hub_id), None)
    if hub is None:
        raise Http404
    problems = []
    if request.method == "POST":
        try:
            moved = alliance_move_to_hub(actor=request.user, alliance=alliance, hub=hub)
        except AssociationRefused as refusal:
            problems = [{"text": str(refusal)}]
        else:
            leaders = len(moved.associations)
            messages.success(
                request,
                f"{alliance.name} has moved to {hub.name}: {leaders} leader{'' if leaders == 1 else 's'} and "
                f"{moved.schools_moved} school{'' if moved.schools_moved == 1 else 's'}",
            )
            return redirect(_back_to(request, hub))
    return render(
        request,
        "regional/organisation_move_to_hub_check.html",
        {
            "page_title": f"Check before moving {alliance.name} to {hub.name}",
            "alliance": alliance,
            "hub": hub,
            "preview": hub_move_preview(alliance),
            "problems": problems,
        },
    )


urlpatterns = [
    path("organisations/add/", organisation_add, name="organisation-add"),
    path("organisations/add/details/", organisation_add_details, name="organisation-add-details"),
    path("organisations/add/check/", organisation_add_check, name="organisation-add-check"),
    path("organisations/<id:organisation_id>/change/", organisation_change, name="organisation-change"),
    path("organisations/<id:organisation_id>/lead-school/", organisation_lead_school, name="organisation-lead-school"),
    path("organisations/<id:organisation_id>/move-to-hub/", organisation_move_to_hub, name="organisation-move-to-hub"),
    path(
        "organisations/<id:organisation_id>/move-to-hub/<id:hub_id>/",
        organisation_move_to_hub_check,
        name="organisation-move-to-hub-check",
    ),
]
