"""The selection pages of the alliance or hub running a round (seed 000 "Application and selection";
seed 004 §13): an application's selection steps, the eligibility check criterion by criterion, the
NLE paper exercise, the summary across assessors and the appeal's decision. Each page checks
policies.can_run_selection; an application of a round the person does not manage answers 404.
The assessor's, panel's and applicant's pages are in selection_panel.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts.policies import is_signed_in
from domain.designation.models import DesignationRole
from domain.recruitment.assessment import assessment_summary, paper_exercise_score
from domain.recruitment.decisions import appeal_decide, decision_for_applicant
from domain.recruitment.eligibility import (
    RERUN_STATES,
    application_check_eligibility,
    earlier_checks,
    eligibility_result,
)
from domain.recruitment.judgements import judgeable_criteria_ids
from domain.recruitment.models import PaperExercise
from domain.recruitment.panel import sits_on_panel
from domain.recruitment.policies import can_run_selection
from domain.recruitment.selectors import applications_visible_to
from domain.recruitment.services import RecruitmentRefused
from domain.recruitment.workflows import ApplicationStatus
from web.common.policy import policy

from .forms import AppealDecisionForm, PaperExerciseForm

A = ApplicationStatus
RESULT_TAGS = {
    "met": ("Met", "govuk-tag--green"),
    "not_met": ("Not met", "govuk-tag--red"),
    "needs_evidence": ("Needs evidence", "govuk-tag--yellow"),
}


def managed_application(request, application_id):
    """An application of a round the person manages; any other answers 404, as if it did not exist."""
    application = get_object_or_404(applications_visible_to(request.user), pk=application_id)
    if not can_run_selection(request.user, application):
        raise Http404
    return application


def is_nle(application) -> bool:
    return application.round.role == DesignationRole.NLE


@policy(is_signed_in)
def selection_overview(request, application_id):
    application = managed_application(request, application_id)
    return render(
        request,
        "recruitment/selection/overview.html",
        {
            "page_title": f"Selection: {application.applicant}",
            "application": application,
            "nle": is_nle(application),
            "eligibility": eligibility_result(application),
            "summary": assessment_summary(application),
            "outcome": decision_for_applicant(application),
        },
    )


@policy(is_signed_in)
def eligibility(request, application_id):
    application = managed_application(request, application_id)
    error = None
    if request.method == "POST":
        try:
            application_check_eligibility(actor=request.user, application=application)
        except RecruitmentRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, "The eligibility check has been recorded")  # every run is kept
            return redirect("selection:eligibility", application_id=application.pk)
    return render(
        request,
        "recruitment/selection/eligibility.html",
        {
            "page_title": "Eligibility check",
            "application": application,
            "result": eligibility_result(application),
            "earlier": earlier_checks(application),
            "can_check": application.status == A.REFERENCES_COMPLETE,
            # Issue 14: run again when the facts change, until the application is decided.
            "can_rerun": application.status in RERUN_STATES,
            "judgeable": judgeable_criteria_ids(application),
            "tags": RESULT_TAGS,
            "error": error,
        },
    )


@policy(is_signed_in)
def paper_exercise(request, application_id):
    application = managed_application(request, application_id)
    if not is_nle(application):
        raise Http404  # only NLE selection has a paper exercise (seed 004 §13)
    paper = PaperExercise.objects.filter(application=application).first()
    form = PaperExerciseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            paper_exercise_score(
                actor=request.user,
                application=application,
                score=form.cleaned_data["score"],
                notes=form.cleaned_data["notes"],
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The paper exercise score has been recorded")
            return redirect("selection:application", application_id=application.pk)
    return render(
        request,
        "recruitment/selection/paper_exercise.html",
        {
            "page_title": "Paper exercise score",
            "application": application,
            "paper": paper,
            "form": form,
            "open": paper is None and application.status == A.ELIGIBILITY_CHECKED,
        },
    )


@policy(is_signed_in)
def assessment_summary_page(request, application_id):
    application = managed_application(request, application_id)
    return render(
        request,
        "recruitment/selection/summary.html",
        {
            "page_title": "Assessment summary",
            "application": application,
            "summary": assessment_summary(application),
        },
    )


@policy(is_signed_in)
def appeal_decision(request, application_id):
    application = managed_application(request, application_id)
    outcome = decision_for_applicant(application)
    form = AppealDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal_decide(
                actor=request.user,
                application=application,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The appeal's outcome has been recorded and the applicant told")
            return redirect("selection:application", application_id=application.pk)
    return render(
        request,
        "recruitment/selection/appeal_decision.html",
        {
            "page_title": "Decide the appeal",
            "application": application,
            "appeal": outcome["appeal"],
            "decision": outcome["decision"],
            "sat_on_panel": sits_on_panel(request.user, application),
            "open": application.status == A.APPEALED,
            "form": form,
        },
    )
