"""The applicant's pages: their applications, the rounds open to them, and one application's task
list, sections, declarations and check-your-answers page. A draft is edited only by its applicant
(policies.can_edit_application); once submitted, the pages are read-only and say where it stands.
Another person's application is not in `applications_for_applicant`, so it answers 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from domain.accounts.policies import is_signed_in
from domain.recruitment.application_form import form_for
from domain.recruitment.decisions import declined_at_the_check
from domain.recruitment.department import department_decision_of
from domain.recruitment.models import ReferenceKind
from domain.recruitment.policies import can_edit_application
from domain.recruitment.selectors import (
    applications_for_applicant,
    held_role_reasons,
    own_school_of,
    references_summary,
    rounds_open_for_applications,
    rounds_open_to,
)
from domain.recruitment.services import (
    RecruitmentRefused,
    application_save_draft,
    application_submit,
    missing_for_submission,
)
from domain.recruitment.services import (
    application_start as start_application,
)
from domain.recruitment.workflows import ApplicationStatus
from web.common.policy import policy, public

from .forms import DeclarationsForm, SchoolForm, SectionForm

A = ApplicationStatus
# Where the application stands, in words the applicant can act on (workflows.APPLICATION).
WHERE_IT_STANDS = {
    A.SUBMITTED: "You have submitted your application. The alliance or hub is waiting for your references "
    "and the chair of governors' confirmation.",
    A.REFERENCES_COMPLETE: "Your references are complete. The alliance or hub will now check your eligibility.",
    A.ELIGIBILITY_CHECKED: "Your eligibility has been checked. Next is the assessment.",
    A.PAPER_SCORED: "Your paper exercise has been scored. Next is the interview or assessment.",
    A.ASSESSED: "You have been assessed. The panel will now decide.",
    A.APPROVED: "The panel approved your application.",
    A.DECLINED: "The panel declined your application. Read its feedback below: you can appeal within 28 days.",
    A.APPEALED: "You have appealed. Someone who did not sit on the panel will hear your appeal.",
    A.APPEAL_UPHELD: "Your appeal was upheld. The panel will decide again.",
    A.APPEAL_DISMISSED: "Your appeal was dismissed.",
    A.WITHDRAWN: "You withdrew this application.",
    A.RECOMMENDED: "The panel recommended you to the Department for Education, which makes the final decision.",
    A.DEPARTMENT_APPROVED: "The Department for Education approved the panel's recommendation: you are designated.",
    A.DEPARTMENT_DECLINED: "The Department for Education declined the panel's recommendation. Read its reasons "
    "below: you can appeal within 28 days.",
}


def _own_application(request, application_id):
    """The person's own application; anyone else's answers 404, as if it did not exist."""
    return get_object_or_404(applications_for_applicant(request.user), pk=application_id)


def _editable(request, application_id):
    """The person's own draft, or None when it can no longer be changed."""
    application = _own_application(request, application_id)
    return application, can_edit_application(request.user, application)


def _answered(application, key) -> bool:
    return bool((application.answers.get(key) or {}).get("answer", "").strip())


def _tasks(application, form) -> list[dict]:
    accepted = application.declarations.get("accepted", {})
    tasks = [
        {
            "title": "Your school",
            "href": ("recruitment:application-school", {}),
            "done": application.school_id is not None,
            "optional": False,
        }
    ]
    # Seed 000, Criteria: "at least 3 years of experience as a serving headteacher": the posts give
    # the criteria engine the person's years in post, current post and schools.
    tasks.append(
        {
            "title": "Your posts",
            "href": ("recruitment:application-posts", {}),
            "done": application.posts.exists(),
            "optional": not form.posts_required,
        }
    )
    if form.asks_specialisms:
        tasks.append(
            {
                "title": "Your specialisms",
                "href": ("recruitment:application-specialisms", {}),
                "done": bool(application.specialisms),
                "optional": False,
            }
        )
    if form.routes:
        tasks.append(
            {
                "title": "Your route to eligibility",
                "href": ("recruitment:application-route", {}),
                "done": form.route(application.route) is not None,
                "optional": False,
            }
        )
    for section in form.sections_for(application.route):
        tasks.append(
            {
                "title": section.title,
                "href": ("recruitment:application-section", {"section_key": section.key}),
                "done": _answered(application, section.key),
                "optional": not section.required,
            }
        )
    made = sum(1 for d in form.declarations if accepted.get(d.key) is True)
    tasks.append(
        {
            "title": "Declarations",
            "href": ("recruitment:application-declarations", {}),
            "done": made == len(form.declarations),
            "started": made > 0,
            "optional": False,
        }
    )
    return tasks


def _references(application) -> list[dict]:
    summary = references_summary(application)
    return [{"label": ReferenceKind(kind).label, **counts} for kind, counts in summary.items()]


@policy(is_signed_in)
def application_list(request):
    applications = list(applications_for_applicant(request.user))
    return render(
        request,
        "recruitment/applications/list.html",
        {"page_title": "Your applications", "applications": applications},
    )


@public
def open_rounds(request):
    """The rounds open for applications today, for anyone (issue 12: a would-be applicant sees
    them before they have an account). Signed in: the rounds they have not yet applied to."""
    rounds = rounds_open_to(request.user) if is_signed_in(request.user) else rounds_open_for_applications()
    return render(
        request,
        "recruitment/open_rounds.html",
        {
            "page_title": "Apply to be a system leader",
            "rounds": list(rounds),
            # A role held in force is refused at the start: the page says so instead of "Apply".
            "held": held_role_reasons(request.user),
        },
    )


@policy(is_signed_in)
def application_start(request, round_id):
    live = applications_for_applicant(request.user).filter(round_id=round_id).exclude(status=A.WITHDRAWN).first()
    if live is not None:
        return redirect("recruitment:application", application_id=live.pk)
    round_ = get_object_or_404(rounds_open_to(request.user), pk=round_id)
    error = None
    if request.method == "POST":
        try:
            application = start_application(actor=request.user, round_=round_, school=own_school_of(request.user))
        except RecruitmentRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, "Your application has been started. You can save it and come back later")
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/start.html",
        {"page_title": f"Apply to {round_.title}", "round": round_, "error": error},
    )


@policy(is_signed_in)
def application_overview(request, application_id):
    application = _own_application(request, application_id)
    form = form_for(application.round)
    editable = can_edit_application(request.user, application)
    context = {
        "page_title": f"Your application to {application.round.title}",
        "application": application,
        "editable": editable,
        "app_form": form,
    }
    if editable:
        context["tasks"] = _tasks(application, form)
        context["missing"] = missing_for_submission(application)
    else:
        context["where_it_stands"] = WHERE_IT_STANDS.get(application.status, application.get_status_display())
        context["department_decision"] = department_decision_of(application)
        context["declined_at_the_check"] = declined_at_the_check(application)
        context["references"] = _references(application)
    return render(request, "recruitment/applications/overview.html", context)


@policy(is_signed_in)
def application_school(request, application_id):
    application, editable = _editable(request, application_id)
    if not editable:
        return redirect("recruitment:application", application_id=application.pk)
    initial = {"urn": application.school.urn} if application.school_id else {}
    form = SchoolForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application_save_draft(actor=request.user, application=application, school=form.school)
        except RecruitmentRefused as refusal:
            form.add_error("urn", str(refusal))
        else:
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/school.html",
        {"page_title": "Your school", "form": form, "application": application},
    )


@policy(is_signed_in)
def application_section(request, application_id, section_key):
    application, editable = _editable(request, application_id)
    section = form_for(application.round).section(section_key)
    if section is None:
        raise Http404
    if not editable:
        return redirect("recruitment:application", application_id=application.pk)
    saved = application.answers.get(section.key) or {}
    form = SectionForm(request.POST if request.method == "POST" else None, initial=saved)
    if request.method == "POST" and form.is_valid():
        try:
            application_save_draft(
                actor=request.user,
                application=application,
                answers={
                    section.key: {"answer": form.cleaned_data["answer"], "evidence": form.cleaned_data["evidence"]}
                },
            )
        except RecruitmentRefused as refusal:
            form.add_error("answer", str(refusal))
        else:
            messages.success(request, f"Your answer to '{section.title}' has been saved")
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/section.html",
        {"page_title": section.title, "form": form, "section": section, "application": application},
    )


@policy(is_signed_in)
def application_declarations(request, application_id):
    application, editable = _editable(request, application_id)
    if not editable:
        return redirect("recruitment:application", application_id=application.pk)
    declarations = form_for(application.round).declarations
    accepted = application.declarations.get("accepted", {})
    initial = {"accepted": [d.key for d in declarations if accepted.get(d.key) is True]}
    form = DeclarationsForm(declarations, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["accepted"])
        try:
            application_save_draft(
                actor=request.user,
                application=application,
                declarations={d.key: d.key in chosen for d in declarations},
            )
        except RecruitmentRefused as refusal:
            form.add_error("accepted", str(refusal))
        else:
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/declarations.html",
        {"page_title": "Declarations", "form": form, "declarations": declarations, "application": application},
    )


@policy(is_signed_in)
def application_check(request, application_id):
    application, editable = _editable(request, application_id)
    if not editable:
        return redirect("recruitment:application", application_id=application.pk)
    problems = []
    if request.method == "POST":
        try:
            application_submit(actor=request.user, application=application)
        except RecruitmentRefused as refusal:
            # What is left to do, each linked to its task; otherwise the service's reason (the round
            # has closed, for example).
            problems = [
                {
                    "text": f"Complete '{task['title']}'",
                    "href": reverse(task["href"][0], kwargs={"application_id": application.pk, **task["href"][1]}),
                }
                for task in _tasks(application, form_for(application.round))
                if not task["done"] and not task["optional"]
            ] or [{"text": str(refusal)}]
        else:
            messages.success(request, "Your application has been submitted")
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/applications/check.html",
        {
            "page_title": "Check your answers before submitting your application",
            "application": application,
            "app_form": form_for(application.round),
            "problems": problems,
        },
        status=200,
    )
