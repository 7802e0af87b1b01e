"""The assessor's scoring page, the panel (members, warnings, the decision) and the applicant's
appeal (seed 000 "Application and selection"; issue 3). Each page checks its policy from
domain/recruitment/policies.py; an application the person may not see answers 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts.policies import is_signed_in
from domain.recruitment.application_form import form_for
from domain.recruitment.assessment import (
    SCORE_LABELS,
    assessment_score,
    assessment_scores_visible_to,
    assessment_submit,
    grid_for,
)
from domain.recruitment.decisions import APPROVABLE_STATES, DECLINABLE_STATES, decision_for_applicant, panel_decide
from domain.recruitment.decisions import appeal_lodge as lodge_appeal
from domain.recruitment.department import decided_by_department
from domain.recruitment.eligibility import eligibility_result
from domain.recruitment.judgements import judgeable_criteria_ids
from domain.recruitment.models import Application, AssessorSubmission
from domain.recruitment.panel import panel_member_add, panel_of, panel_warnings
from domain.recruitment.policies import (
    can_assess_application,
    can_decide_application,
    can_judge_criteria,
    can_run_selection,
)
from domain.recruitment.selectors import applications_for_applicant, references_answered
from domain.recruitment.services import RecruitmentRefused
from domain.recruitment.workflows import ApplicationStatus
from web.common.policy import policy

from .forms import AppealForm, DecisionForm, PanelMemberForm, ScoresForm
from .selection import RESULT_TAGS, is_nle

A = ApplicationStatus


def _application_for(request, application_id, check):
    """The application when `check(user, application)` allows it; otherwise 404, as if it did not
    exist. (There is no selector of the applications a person may assess or decide: the policy is
    the scope.)"""
    application = get_object_or_404(
        Application.objects.select_related("round__organisation", "applicant", "school"), pk=application_id
    )
    if not check(request.user, application):
        raise Http404
    return application


def _scoring_open(application) -> bool:
    """Mirrors assessment._refuse_unless_scoring_open, to hide the form when it would be refused."""
    if is_nle(application):
        return application.status in (A.PAPER_SCORED, A.ASSESSED)
    return application.status in (A.ELIGIBILITY_CHECKED, A.ASSESSED)


@policy(is_signed_in)
def assessment(request, application_id):
    application = _application_for(request, application_id, can_assess_application)
    grid = grid_for(application)
    own = {
        s.competency: s
        for s in assessment_scores_visible_to(application, request.user)
        if s.assessor_id == request.user.pk
    }
    submitted = AssessorSubmission.objects.filter(application=application, assessor=request.user).exists()
    initial = {}
    for key, row in own.items():
        initial[f"score_{key}"], initial[f"evidence_{key}"] = row.score, row.evidence
    form = ScoresForm(grid, SCORE_LABELS, request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            if form.scores():
                assessment_score(assessor=request.user, application=application, scores=form.scores())
            elif not submit:
                raise RecruitmentRefused("Give a score for at least one competency")
            if submit:
                assessment_submit(assessor=request.user, application=application)
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Your scores have been submitted" if submit else "Your scores have been saved")
            return redirect("selection:assessment", application_id=application.pk)
    rows = [
        {
            "competency": c,
            "field": form[f"score_{c.key}"],
            "evidence": form[f"evidence_{c.key}"],
            "saved": own.get(c.key),
        }
        for c in grid
    ]
    return render(
        request,
        "recruitment/selection/assessment.html",
        {
            "page_title": "Your assessment scores",
            "application": application,
            "form": form,
            "rows": rows,
            "submitted": submitted,
            "open": _scoring_open(application) and not submitted,
            "labels": SCORE_LABELS,
            "manages": can_run_selection(request.user, application),
            # What the assessor reads while scoring (issue 14, "Assessors' pages"), read-only.
            "app_form": form_for(application.round),
            "references": references_answered(application),
            "eligibility": eligibility_result(application),
            # A member of the panel (or a manager) judges the criteria needing evidence (issue 14).
            "judgeable": judgeable_criteria_ids(application)
            if can_judge_criteria(request.user, application)
            else set(),
            "tags": RESULT_TAGS,
        },
    )


@policy(is_signed_in)
def panel(request, application_id):
    application = _application_for(request, application_id, can_decide_application)
    form = PanelMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            panel_member_add(
                actor=request.user,
                application=application,
                user=form.user,
                experienced_system_leader=form.cleaned_data["experienced"],
            )
        except RecruitmentRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(request, f"{form.user} has been added to the panel")
            return redirect("selection:panel", application_id=application.pk)
    check = panel_warnings(application)
    return render(
        request,
        "recruitment/selection/panel.html",
        {
            "page_title": "Selection panel",
            "application": application,
            "members": list(panel_of(application)),
            "check": check,
            "form": form,
            "manages": can_run_selection(request.user, application),
        },
    )


@policy(is_signed_in)
def decision(request, application_id):
    application = _application_for(request, application_id, can_decide_application)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = panel_decide(
                actor=request.user,
                application=application,
                outcome=form.cleaned_data["outcome"],
                feedback=form.cleaned_data["feedback"],
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            if made.outcome != "approved":
                done = "The application is declined"
            elif application.status == A.RECOMMENDED:
                done = "The application is recommended to the Department for Education"
            else:
                done = "The application is approved"
            messages.success(request, done)
            return redirect("selection:decision", application_id=application.pk)
    # Before the assessment the application can only be declined (issue 14).
    decline_only = application.status in DECLINABLE_STATES and application.status not in APPROVABLE_STATES
    return render(
        request,
        "recruitment/selection/decision.html",
        {
            "page_title": "Decline the application" if decline_only else "The panel's decision",
            "application": application,
            "outcome": decision_for_applicant(application),
            "problems": panel_warnings(application).problems if application.status in APPROVABLE_STATES else [],
            "open": application.status in (*DECLINABLE_STATES, A.APPEAL_UPHELD),
            "decline_only": decline_only,
            "form": form,
            "manages": can_run_selection(request.user, application),
            # NLE and NLG: the panel recommends, the department decides (seed 004 §14; seed 003).
            "recommends": decided_by_department(application.round),
        },
    )


@policy(is_signed_in)
def appeal_lodge(request, application_id):
    application = get_object_or_404(applications_for_applicant(request.user), pk=application_id)
    outcome = decision_for_applicant(application)
    if outcome["decision"] is None:
        return redirect("recruitment:application", application_id=application.pk)
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            lodge_appeal(applicant=request.user, application=application, grounds=form.cleaned_data["grounds"])
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Your appeal has been sent. Someone who did not sit on the panel will hear it")
            return redirect("selection:appeal", application_id=application.pk)
    return render(
        request,
        "recruitment/selection/appeal.html",
        {
            "page_title": "Appeal the panel's decision",
            "application": application,
            "outcome": outcome,
            "open": application.status in (A.DECLINED, A.DEPARTMENT_DECLINED),
            "form": form,
        },
    )
