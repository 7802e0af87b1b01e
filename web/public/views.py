from django.shortcuts import render

from web.common.policy import public


@public
def start(request):
    return render(request, "public/start.html", {"page_title": "Find and arrange school-to-school support"})


@public
def school_search(request):
    return render(request, "public/start.html", {"page_title": "Search for a school"})


@public
def school_detail(request, urn):
    return render(request, "public/start.html", {"page_title": "School"})
