"""Deployment pages: feedback from the client and the leader at the middle and the end, and the
region's feedback form (issue 6: "feedback forms that a region edits, sent to client and leader at
the middle and the end, both sides revealed together").

A side answers once; nobody reads a side's answers until both sides have answered
(domain.deployments.feedback_selectors). The deployment answers 404 to anyone who may not see it;
answering for a side the person does not speak for answers 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.accounts.policies import is_regional_representative
from domain.deployments import feedback_questions as fq
from domain.deployments import feedback_services as fs
from domain.deployments.errors import DeploymentRefused
from domain.deployments.feedback_selectors import SIDES, form_versions, round_for, round_view, rounds_of
from domain.deployments.models import Party
from domain.deployments.policies import can_manage_deployment, can_use_deployments, is_leader_of, parties_of
from domain.leaders.memorandum_selectors import regions_represented
from web.common.policy import policy

from .feedback_forms import AnswersForm, QuestionForm, field_name
from .views import deployment_or_404

SIDE_WORDS = {Party.CLIENT: "the school", Party.LEADER: "the system leader"}
SIDE_TITLES = {Party.CLIENT: "The client school", Party.LEADER: "The system leader"}


def state_text(view) -> str:
    """The round's state for the person: who it is waiting for, or that both have answered."""
    if view.revealed:
        return "Both sides have answered"
    if not view.answered:
        return "Waiting for both sides"
    waiting = view.waiting_for[0]
    return "Waiting for your feedback" if waiting in view.to_answer else f"Waiting for {SIDE_WORDS[waiting]}'s feedback"


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html."""
    parties = parties_of(request.user, deployment)
    rows = []
    for round_ in rounds_of(deployment):
        view = round_view(request.user, round_, parties)
        rows.append({"round": round_, "view": view, "state": state_text(view)})
    return {
        "rows": rows,
        "side_words": SIDE_WORDS,
        "is_leader": is_leader_of(request.user, deployment),
        "can_manage": can_manage_deployment(request.user, deployment),
    }


def _round_or_404(request, deployment_id, round_id):
    deployment = deployment_or_404(request, deployment_id)
    round_ = round_for(deployment, round_id)
    if round_ is None:
        raise Http404("No such feedback round")
    return deployment, round_


@policy(can_use_deployments)
def feedback_round(request, deployment_id, round_id):
    deployment, round_ = _round_or_404(request, deployment_id, round_id)
    view = round_view(request.user, round_)
    return render(
        request,
        "deployments/feedback/round.html",
        {
            "page_title": f"Feedback at the {round_.get_stage_display().lower()}",
            "deployment": deployment,
            "round": round_,
            "view": view,
            "state": state_text(view),
            "sides": SIDES,
            "side_words": SIDE_WORDS,
            "side_titles": SIDE_TITLES,
        },
    )


@policy(can_use_deployments)
def feedback_answer(request, deployment_id, round_id, party):
    deployment, round_ = _round_or_404(request, deployment_id, round_id)
    if party not in SIDES:
        raise Http404("Only the client school and the system leader give feedback")
    if not fs.speaks_for(request.user, deployment, party):
        raise PermissionDenied
    if any(r.party == party for r in round_.responses.all()):
        messages.info(request, f"{SIDE_TITLES[party]} has already given its feedback for this round.")
        return redirect("deployments:feedback-round", deployment_id=deployment.pk, round_id=round_.pk)
    form = AnswersForm(request.POST or None, questions=fq.questions_for(round_.questions, party))
    if request.method == "POST" and form.is_valid():
        try:
            fs.feedback_submit(actor=request.user, round=round_, party=party, answers=form.answers())
        except fs.FeedbackAnswersRefused as refusal:
            for key, message in refusal.errors.items():
                form.add_error(field_name(key), message)
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                "Your feedback has been sent. You can read the other side's answers once they have given theirs.",
            )
            return redirect("deployments:feedback-round", deployment_id=deployment.pk, round_id=round_.pk)
    return render(
        request,
        "deployments/feedback/answer.html",
        {
            "page_title": f"Your feedback at the {round_.get_stage_display().lower()}",
            "deployment": deployment,
            "round": round_,
            "party": party,
            "form": form,
            "scale": fq.SCALE,
            "button_text": "Send your feedback",
        },
    )


# The region's feedback form ------------------------------------------------------------------


def _region(request):
    """The region named by `?region=`, else the first the person represents; another: 404."""
    regions = regions_represented(request.user)
    if not regions:
        raise Http404("You do not represent a region")
    wanted = request.GET.get("region")
    if not wanted:
        return regions[0], regions
    region = next((r for r in regions if str(r.pk) == wanted), None)
    if region is None:
        raise Http404("Not a region you represent")
    return region, regions


def _form_url(region) -> str:
    return f"{reverse('deployments:feedback-form')}?region={region.pk}"


def _question_or_404(region, key) -> dict:
    question = next((q for q in fs.questions_current(region) if q["key"] == key), None)
    if question is None:
        raise Http404("No such question on the form")
    return question


@policy(is_regional_representative)
def feedback_form(request):
    region, regions = _region(request)
    versions = form_versions(region)
    questions = list(versions[0].questions) if versions else fq.default_questions()
    return render(
        request,
        "deployments/feedback/form.html",
        {
            "page_title": "Feedback form",
            "region": region,
            "other_regions": [r for r in regions if r.pk != region.pk],
            "current": versions[0] if versions else None,
            "versions": versions,
            "questions": questions,
            "kinds": fq.KINDS,
            "audience_text": fq.audience_text,
        },
    )


def _question_page(request, *, region, form, title, button, question=None):
    return render(
        request,
        "deployments/feedback/question.html",
        {
            "page_title": title,
            "region": region,
            "form": form,
            "question": question,
            "button_text": button,
            "back_url": _form_url(region),
        },
    )


@policy(is_regional_representative)
def feedback_question_add(request):
    region, _ = _region(request)
    form = QuestionForm(request.POST or None, initial={"required": "yes", "audience": [fq.CLIENT, fq.LEADER]})
    if request.method == "POST" and form.is_valid():
        try:
            saved = fs.feedback_question_add(actor=request.user, region=region, **form.values())
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Question added. The form is now version {saved.version}.")
            return redirect(_form_url(region))
    return _question_page(request, region=region, form=form, title="Add a question", button="Add the question")


@policy(is_regional_representative)
def feedback_question_change(request, key):
    region, _ = _region(request)
    question = _question_or_404(region, key)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_of(question))
    if request.method == "POST" and form.is_valid():
        try:
            saved = fs.feedback_question_change(actor=request.user, region=region, key=key, **form.values())
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Question changed. The form is now version {saved.version}.")
            return redirect(_form_url(region))
    return _question_page(
        request, region=region, form=form, title="Change a question", button="Save the question", question=question
    )


@policy(is_regional_representative)
def feedback_question_remove(request, key):
    region, _ = _region(request)
    question = _question_or_404(region, key)
    error = None
    if request.method == "POST":
        try:
            saved = fs.feedback_question_remove(actor=request.user, region=region, key=key)
        except DeploymentRefused as refusal:
            error = str(refusal)
        else:
            messages.success(request, f"Question removed. The form is now version {saved.version}.")
            return redirect(_form_url(region))
    return render(
        request,
        "deployments/feedback/remove.html",
        {
            "page_title": "Remove this question",
            "region": region,
            "question": question,
            "error": error,
            "audience_text": fq.audience_text,
            "back_url": _form_url(region),
        },
    )


@policy(is_regional_representative)
def feedback_question_move(request, key, direction):
    region, _ = _region(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _question_or_404(region, key)
    try:
        saved = fs.feedback_question_move(actor=request.user, region=region, key=key, direction=direction)
    except DeploymentRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Question moved {direction}. The form is now version {saved.version}.")
    return redirect(_form_url(region))
