"""The applicant's employment history (add, change and remove a post, the school chosen from the
register), an SLE's specialisms and an NLE's route: question pages of the draft application.
Another person's application answers 404; a submitted one goes back to its overview."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts.policies import is_signed_in
from domain.designation.specialisms import specialisms_by_area
from domain.recruitment.application_form import form_for
from domain.recruitment.employment import employment_post_add, employment_post_change, employment_post_remove
from domain.recruitment.selectors import posts_of
from domain.recruitment.services import RecruitmentRefused, application_save_draft
from web.commissioning.request_forms import schools_found
from web.common.policy import policy

from .applications import _editable
from .post_forms import PostForm, RouteForm, SpecialismsForm


def _back(application):
    return redirect("recruitment:application", application_id=application.pk)


@policy(is_signed_in)
def application_posts(request, application_id):
    application, editable = _editable(request, application_id)
    if not editable:
        return _back(application)
    return render(
        request,
        "recruitment/applications/posts.html",
        {"page_title": "Your posts", "application": application, "posts": list(posts_of(application))},
    )


def _post_page(request, application, post=None):
    # The search is a GET on the same page; the POST keeps it in the address, so the school posted
    # is one of its results (or the application's or the post's own); anything else is refused.
    q = request.GET.get("q", "")
    found, more = schools_found(q)
    schools = list(found)
    if application.school is not None:
        schools.insert(0, application.school)
    if post is not None and post.school is not None:
        schools.insert(0, post.school)
    schools = list({s.pk: s for s in schools}.values())
    initial = {}
    if post is not None:
        initial = {
            "role": post.role,
            "school": str(post.school_id or ""),
            "start": post.start,
            "still_in_post": "yes" if post.end is None else "no",
            "end": post.end,
        }
    form = PostForm(request.POST if request.method == "POST" else None, initial=initial, schools=schools)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in ("role", "school", "start", "end")}
        try:
            if post is None:
                employment_post_add(actor=request.user, application=application, **values)
            else:
                employment_post_change(actor=request.user, post=post, **values)
        except RecruitmentRefused as refusal:
            form.add_error("start", str(refusal))
        else:
            messages.success(request, "Your post has been saved")
            return redirect("recruitment:application-posts", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/post.html",
        {
            "page_title": "Add a post" if post is None else "Change a post",
            "application": application,
            "form": form,
            "q": q,
            "searched": bool(q.strip()),
            "found": found,
            "more": more,
            "change": False,
        },
    )


@policy(is_signed_in)
def application_post_add(request, application_id):
    application, editable = _editable(request, application_id)
    if not editable:
        return _back(application)
    return _post_page(request, application)


@policy(is_signed_in)
def application_post_change(request, application_id, post_id):
    application, editable = _editable(request, application_id)
    post = get_object_or_404(posts_of(application), pk=post_id)
    if not editable:
        return _back(application)
    return _post_page(request, application, post)


@policy(is_signed_in)
def application_post_remove(request, application_id, post_id):
    application, editable = _editable(request, application_id)
    post = get_object_or_404(posts_of(application), pk=post_id)
    if not editable:
        return _back(application)
    error = None
    if request.method == "POST":
        try:
            employment_post_remove(actor=request.user, post=post)
        except RecruitmentRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, "Your post has been removed")
            return redirect("recruitment:application-posts", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/post_remove.html",
        {"page_title": "Remove this post?", "application": application, "post": post, "error": error},
    )


@policy(is_signed_in)
def application_specialisms(request, application_id):
    application, editable = _editable(request, application_id)
    if not form_for(application.round).asks_specialisms:
        raise Http404
    if not editable:
        return _back(application)
    form = SpecialismsForm(
        request.POST if request.method == "POST" else None, initial={"specialisms": application.specialisms}
    )
    if request.method == "POST" and form.is_valid():
        try:
            application_save_draft(
                actor=request.user, application=application, specialisms=form.cleaned_data["specialisms"]
            )
        except RecruitmentRefused as refusal:
            form.add_error("specialisms", str(refusal))
        else:
            return _back(application)
    return render(
        request,
        "recruitment/applications/specialisms.html",
        {"page_title": "Your specialisms", "application": application, "form": form, "areas": specialisms_by_area()},
    )


@policy(is_signed_in)
def application_route(request, application_id):
    application, editable = _editable(request, application_id)
    app_form = form_for(application.round)
    if not app_form.routes:
        raise Http404
    if not editable:
        return _back(application)
    form = RouteForm(
        app_form.routes, request.POST if request.method == "POST" else None, initial={"route": application.route}
    )
    if request.method == "POST" and form.is_valid():
        try:
            application_save_draft(actor=request.user, application=application, route=form.cleaned_data["route"])
        except RecruitmentRefused as refusal:
            form.add_error("route", str(refusal))
        else:
            return _back(application)
    return render(
        request,
        "recruitment/applications/route.html",
        {"page_title": "Your route to eligibility", "application": application, "form": form},
    )
