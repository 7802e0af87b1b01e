from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from domain.schools import selectors
from web.common.policy import public

from .forms import SchoolSearchForm

RESULTS_PER_PAGE = 25


@public
def start(request):
    return render(request, "public/start.html", {"page_title": "Find and arrange school-to-school support"})


def _page_href(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return f"?{query.urlencode()}"


def _pagination(request, page) -> dict | None:
    """govukPagination parameters: first, last, and the pages either side of the current one."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    shown = sorted(
        {1, paginator.num_pages, *range(max(1, page.number - 1), min(paginator.num_pages, page.number + 1) + 1)}
    )
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": _page_href(request, number), "current": number == page.number})
        previous = number
    return {
        "previous": {"href": _page_href(request, page.previous_page_number())} if page.has_previous() else None,
        "next": {"href": _page_href(request, page.next_page_number())} if page.has_next() else None,
        "items": items,
        "landmarkLabel": "Search results pages",
    }


@public
def school_search(request):
    form = SchoolSearchForm(request.GET or None, options=selectors.school_filter_options())
    page = None
    if form.is_bound and form.is_valid() and form.has_search():
        results = selectors.school_search(**form.search_arguments())
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "public/schools/search.html",
        {
            "page_title": "Find a school"
            if page is None or page.number == 1
            else f"Find a school (page {page.number})",
            "form": form,
            "page": page,
            "pagination": _pagination(request, page) if page else None,
        },
    )


@public
def school_detail(request, urn):
    page = selectors.school_page(urn)
    if page is None:
        raise Http404("No school with that URN is on the register")
    return render(
        request,
        "public/schools/detail.html",
        {"page_title": page.school.display_name, "school_page": page, "school": page.school},
    )
