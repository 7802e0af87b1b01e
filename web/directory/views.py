"""The public school-to-school support directory (DESIGN.md capability 11; seed 003: "Find system
leaders in your area in the school-to-school support directory ... LLEs and SLEs can be contacted
through teaching schools"). No sign-in: every page reads only the public listing
(`DirectoryEntry`), published pen portraits and public fields of organisations and schools.

Pages: the search, a leader's page, an alliance's or hub's page of its leaders, that page for a
TSA's own website to embed, and the search's results as CSV or XLSX."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from domain.leaders.directory import directory_search
from domain.leaders.directory_export import directory_row, directory_rows, export_headings, export_rows
from domain.leaders.directory_listing import (
    ResultWindow,
    brokering_organisation,
    listed_leader,
    organisations_with_leaders,
)
from domain.schools.selectors import web_address
from web.common.downloads import audited_download
from web.common.policy import public
from web.common.spreadsheets import FORMATS, spreadsheet_response

from .forms import DirectorySearchForm

RESULTS_PER_PAGE = 25

# The embed page may be framed by any website (a TSA's own); every other page keeps the
# service's policy, which forbids framing.
EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}


def _query(request, **changes) -> str:
    """The current query string with some parameters changed (None removes one), page dropped."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


def _page(request, results):
    page = Paginator(ResultWindow(results), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return page, directory_rows(page.object_list)


@public
def search(request):
    form = DirectorySearchForm(request.GET, organisations=organisations_with_leaders())
    page = rows = near = None
    if form.is_valid() and not form.needs_school_choice:
        arguments = form.search_arguments()
        near = arguments["near"]
        page, rows = _page(request, directory_search(**arguments))
    query = _query(request)
    title = "Find a system leader"
    if page is not None and page.number > 1:
        title += f" (page {page.number})"
    return render(
        request,
        "directory/search.html",
        {
            "page_title": title,
            "form": form,
            "page": page,
            "rows": rows,
            "near": near,
            "near_has_grid": near is not None and near.has_grid,
            "school_choices": [
                {"school": school, "href": "?" + _query(request, school=str(school.urn))}
                for school in form.school_choices
            ],
            "downloads": {
                fmt: reverse("directory:download", kwargs={"fmt": fmt}) + (f"?{query}" if query else "")
                for fmt in FORMATS
            },
        },
    )


@public
def leader(request, leader_id):
    entry = listed_leader(leader_id)
    if entry is None:
        raise Http404("No system leader with that number is in the directory")
    row = directory_row(entry)
    return render(request, "directory/leader.html", {"page_title": row.name, "row": row, "portrait": row.portrait})


def _organisation_page(request, organisation_id, template, **context):
    organisation = brokering_organisation(organisation_id)
    if organisation is None:
        raise Http404("No teaching school alliance, hub or grouping with that number")
    page, rows = _page(request, directory_search(organisation=organisation.pk))
    title = f"System leaders of {organisation.name}"
    if page.number > 1:
        title += f" (page {page.number})"
    return render(
        request,
        template,
        {
            "page_title": title,
            "organisation": organisation,
            "website_url": web_address(organisation.website),
            "page": page,
            "rows": rows,
            **context,
        },
    )


@public
def organisation(request, organisation_id):
    page_url = request.build_absolute_uri(reverse("directory:organisation", args=[organisation_id]))
    embed_url = request.build_absolute_uri(reverse("directory:organisation-embed", args=[organisation_id]))
    return _organisation_page(
        request,
        organisation_id,
        "directory/organisation.html",
        page_url=page_url,
        embed_url=embed_url,
        search_href=reverse("directory:search") + "?" + urlencode({"organisation": organisation_id}),
    )


@xframe_options_exempt
@csp_override(EMBED_CSP)
@public
def organisation_embed(request, organisation_id):
    """The organisation's leaders for its own website to put in an iframe: no header or footer;
    links open the full directory in a new tab."""
    return _organisation_page(request, organisation_id, "directory/embed.html")


@public
def download(request, fmt):
    if fmt not in FORMATS:
        raise Http404("The directory downloads as CSV or XLSX")
    form = DirectorySearchForm(request.GET, organisations=organisations_with_leaders())
    if not form.is_valid() or form.needs_school_choice:
        # Nothing to download until the search is complete: back to it, to show why.
        query = _query(request)
        return redirect(reverse("directory:search") + (f"?{query}" if query else ""))
    arguments = form.search_arguments()
    near = arguments["near"]
    near_used = near is not None and near.has_grid
    entries = directory_search(**arguments)
    return audited_download(
        request,
        "Directory of system leaders",
        spreadsheet_response(
            fmt=fmt,
            filename="system-leaders",
            headings=export_headings(near=near_used),
            rows=export_rows(entries.iterator(chunk_size=2000), near=near_used),
            sheet_title="System leaders",
        ),
    )
