"""The judgement page of one criterion (issue 14): the round's coordinator or a member of the
application's panel records whether it is met, with the evidence, and for a criterion with an
exception whether the applicant claims it (seed 004 §11 footnotes). Saving runs the eligibility
check again. Checks policies.can_judge_criteria; anything else answers 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.policies import is_signed_in
from domain.recruitment.eligibility import RERUN_STATES
from domain.recruitment.judgements import criterion_judge, judgeable_criterion
from domain.recruitment.policies import can_judge_criteria, can_run_selection
from domain.recruitment.services import RecruitmentRefused
from web.common.policy import policy

from .forms import JudgementForm
from .selection_panel import _application_for


@policy(is_signed_in)
def criterion_judgement(request, application_id, criterion_id):
    application = _application_for(request, application_id, can_judge_criteria)
    if application.status not in RERUN_STATES:  # after the check, until the decision
        raise Http404
    found = judgeable_criterion(application, criterion_id)
    if found is None:
        raise Http404
    manages = can_run_selection(request.user, application)
    back = "selection:eligibility" if manages else "selection:assessment"
    saved = found.judgement
    initial = (
        {"result": saved.result, "evidence": saved.evidence, "claims_exception": saved.claims_exception}
        if saved
        else {}
    )
    form = JudgementForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            criterion_judge(
                actor=request.user,
                application=application,
                criterion_id=found.criterion.id,
                result=form.cleaned_data["result"],
                evidence=form.cleaned_data["evidence"],
                claims_exception=form.cleaned_data["claims_exception"],
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Your judgement has been recorded and the eligibility check run again")
            return redirect(back, application_id=application.pk)
    return render(
        request,
        "recruitment/selection/judgement.html",
        {
            "page_title": "Record a judgement",
            "application": application,
            "criterion": found.criterion,
            "group": found.group,
            "form": form,
            "back": back,
        },
    )
