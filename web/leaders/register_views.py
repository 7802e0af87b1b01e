"""The regional register of system leaders (issue 4, "Regional register"): every designation
across the alliances, hubs and groupings of the representative's region, with filters and a
download; and the region's memorandum of understanding, its versions and who has accepted it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from domain.leaders import memorandum_services as memoranda
from domain.leaders.memorandum_selectors import (
    memorandum_acceptance_counts,
    memorandum_versions,
    regions_represented,
)
from domain.leaders.people import AssociationRefused
from domain.leaders.policies import can_publish_memorandum, can_view_register
from domain.leaders.register_export import (
    HEADINGS,
    associated_with,
    designating_body,
    register_export_rows,
    school_name,
)
from domain.leaders.selectors import organisations_acted_for, register_rows
from domain.organisations.models import Region
from web.common.downloads import audited_download
from web.common.policy import policy
from web.common.spreadsheets import spreadsheet_response

from .register_forms import MemorandumForm, RegisterFilterForm

PAGE_SIZE = 50

STATUS_TAGS = {
    "active": "govuk-tag--green",
    "suspended": "govuk-tag--yellow",
    "de_designated": "govuk-tag--red",
    "lapsed": "govuk-tag--grey",
    "redesignated": "govuk-tag--blue",
}


def _region_ids(user) -> set[int]:
    return {region.pk for region in regions_represented(user)}


def _filtered_register(request):
    """The filter form and the register's rows it selects, within the person's regions."""
    region_ids = _region_ids(request.user)
    organisations = organisations_acted_for(request.user).filter(region_id__in=region_ids).order_by("name")
    form = RegisterFilterForm(request.GET or None, organisations=organisations.values_list("pk", "name"))
    today = timezone.localdate()
    return form, register_rows(region_ids=region_ids, today=today, **form.filters(today))


@policy(can_view_register)
def leaders(request):
    form, rows = _filtered_register(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "leaders/register/leaders.html",
        {
            "page_title": "Register of system leaders",
            "form": form,
            "page": page,
            "filters_query": query.urlencode(),
            "designating_body": designating_body,
            "associated_with": associated_with,
            "school_name": school_name,
            "status_tags": STATUS_TAGS,
        },
    )


@policy(can_view_register)
def export(request, fmt):
    _, rows = _filtered_register(request)
    return audited_download(
        request,
        "Register of system leaders",
        spreadsheet_response(
            fmt=fmt,
            filename=f"system-leaders-register-{timezone.localdate().isoformat()}",
            headings=HEADINGS,
            rows=register_export_rows(rows),
            sheet_title="System leaders",
        ),
    )


def _chosen_region(request, regions: list[Region]) -> Region:
    """The region named by `?region=`, else the first the person represents; another region: 404."""
    if not regions:
        raise Http404
    wanted = request.GET.get("region")
    if not wanted:
        return regions[0]
    region = next((r for r in regions if str(r.pk) == wanted), None)
    if region is None:
        raise Http404
    return region


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@policy(can_view_register)
def memorandum(request):
    regions = regions_represented(request.user)
    region = _chosen_region(request, regions)
    versions = memorandum_versions(region)
    current = versions[0] if versions else None
    return render(
        request,
        "leaders/register/memorandum.html",
        {
            "page_title": "Memorandum of understanding",
            "region": region,
            "other_regions": [r for r in regions if r.pk != region.pk],
            "current": current,
            "paragraphs": _paragraphs(current.body) if current else [],
            "earlier": [(m, _paragraphs(m.body)) for m in versions[1:]],
            "counts": memorandum_acceptance_counts(region, current),
        },
    )


@policy(can_view_register)
def memorandum_publish(request):
    regions = regions_represented(request.user)
    region = _chosen_region(request, regions)
    current = memoranda.memorandum_current(region)
    initial = {"region": region.pk, "title": current.title if current else "", "body": current.body if current else ""}
    form = MemorandumForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "region" in form.fields:
            region = next(r for r in regions if r.pk == data["region"])
        if not can_publish_memorandum(request.user, region):
            raise Http404
        try:
            published = memoranda.memorandum_publish(
                actor=request.user, region=region, title=data["title"], body=data["body"]
            )
        except AssociationRefused as refusal:
            form.add_error("title" if "title" in str(refusal) else "body", str(refusal))
        else:
            messages.success(
                request,
                f"Version {published.version} of the memorandum of understanding is published for {region.name}. "
                "Both sides of every association will be asked to accept the new version.",
            )
            return redirect(f"{reverse('register:memorandum')}?region={region.pk}")
    return render(
        request,
        "leaders/register/memorandum_publish.html",
        {
            "page_title": "Publish a new version of the memorandum",
            "form": form,
            "region": region,
            "current": current,
            "button_text": "Publish new version",
        },
    )
