"""The Department for Education's pages (seed 004 §14: "the department makes the final decision"
on NLEs; seed 003: NLGs are "designated by the DfE"): the recommendations of every region's
alliances and hubs, each read-only with the decision. Only the department's officials see them;
anyone else gets 404, as if they did not exist."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.policies import is_signed_in
from domain.recruitment.application_form import form_for
from domain.recruitment.assessment import assessment_summary
from domain.recruitment.decisions import decision_for_applicant
from domain.recruitment.department import (
    department_decide,
    recommendation_for,
    recommendation_of,
    recommendations_for,
)
from domain.recruitment.eligibility import eligibility_result
from domain.recruitment.policies import is_department_official
from domain.recruitment.selectors import references_answered
from domain.recruitment.services import RecruitmentRefused
from domain.recruitment.workflows import ApplicationStatus
from web.common.policy import policy

from .forms import DepartmentDecisionForm
from .selection import RESULT_TAGS


@policy(is_signed_in)
def recommendations(request):
    if not is_department_official(request.user):
        raise Http404
    return render(
        request,
        "recruitment/department/recommendations.html",
        {"page_title": "Recommendations to decide", "applications": list(recommendations_for(request.user))},
    )


@policy(is_signed_in)
def recommendation(request, application_id):
    application = recommendation_for(request.user, application_id)
    if application is None:
        raise Http404
    form = DepartmentDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = department_decide(
                actor=request.user,
                application=application,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                f"{application.applicant} is designated"
                if made.outcome == "approved"
                else "The recommendation is declined",
            )
            return redirect("department:recommendation", application_id=application.pk)
    return render(
        request,
        "recruitment/department/recommendation.html",
        {
            "page_title": f"Recommendation: {application.applicant}",
            "application": application,
            "app_form": form_for(application.round),
            "references": references_answered(application),
            "eligibility": eligibility_result(application),
            "summary": assessment_summary(application),
            "recommendation": recommendation_of(application),
            "outcome": decision_for_applicant(application),
            "open": application.status == ApplicationStatus.RECOMMENDED,
            "form": form,
            "tags": RESULT_TAGS,
        },
    )
