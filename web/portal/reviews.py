"""The review of a designation (seed 004 §22-26) on the web: the leader's self-assessment (one
question a page, then check and send) and appeal; the designating body's review pack, decision
and hearing of an appeal; and the feedback asked of supported schools and alliances. Each page
parses its input, checks its policy, calls one service and renders."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from domain.accounts.policies import is_signed_in
from domain.deployments.impact import ATTRIBUTION_CAUTION
from domain.designation import review_services as services
from domain.designation.models import AppealOutcome, DeDesignationReason, ReviewDecision
from domain.designation.policies import can_list_designations, can_manage_designation
from domain.designation.review_questions import ANSWER_MAX_LENGTH, question_for, questions_for, unanswered
from domain.designation.review_selectors import (
    feedback_for,
    review_managed_by,
    review_of_leader,
    review_pack,
    reviews_managed_by,
)
from domain.designation.workflows import APPEALABLE_STATES, ReviewStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

REFUSALS = (services.ReviewRefused, TransitionRefused)


def _text(required_message: str, max_message: str) -> forms.CharField:
    return forms.CharField(
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"required": required_message, "max_length": max_message},
    )


class AnswerForm(forms.Form):
    answer = _text("Enter your answer", f"Your answer must be {ANSWER_MAX_LENGTH:,} characters or fewer")


class AppealForm(forms.Form):
    grounds = _text("Enter why you are appealing", f"Your grounds must be {ANSWER_MAX_LENGTH:,} characters or fewer")


# One question: the decision, with de-designation split by seed 004 §26's reasons.
DECISIONS = [
    (ReviewDecision.REDESIGNATE.value, "Re-designate the leader for a new term"),
    (ReviewDecision.NOT_RENEW.value, "Do not renew: the designation ends with its term"),
    *((f"de_designate:{code}", f"De-designate now: {label.lower()}") for code, label in DeDesignationReason.choices),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your decision", "invalid_choice": "Choose your decision"},
    )
    reasons = _text("Explain your decision", f"Your reasons must be {ANSWER_MAX_LENGTH:,} characters or fewer")


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=AppealOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome", "invalid_choice": "Choose the outcome"},
    )
    reasons = _text("Explain the outcome", f"Your reasons must be {ANSWER_MAX_LENGTH:,} characters or fewer")


SCORES = [("5", "5: excellent"), ("4", "4: good"), ("3", "3: adequate"), ("2", "2: weak"), ("1", "1: poor")]


class FeedbackForm(forms.Form):
    score = forms.ChoiceField(
        choices=SCORES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a score from 1 to 5", "invalid_choice": "Choose a score from 1 to 5"},
    )
    comments = _text("Enter your comments", f"Your comments must be {ANSWER_MAX_LENGTH:,} characters or fewer")


def _own_review(request, review_id):
    review = review_of_leader(request.user, review_id)
    if review is None:
        raise Http404
    return review


def _managed_review(request, review_id):
    review = review_managed_by(request.user, review_id)
    if review is None or not can_manage_designation(request.user, review.designation):
        raise Http404
    return review


# The leader ----------------------------------------------------------------------------------


@policy(is_signed_in)
def review(request, review_id):
    review = _own_review(request, review_id)
    questions = questions_for(review.designation.role)
    return render(
        request,
        "portal/reviews/leader.html",
        {
            "page_title": "The review of your designation",
            "review": review,
            "questions": questions,
            "answers": review.self_assessment,
            "missing": len(unanswered(review.designation.role, review.self_assessment)),
            "may_appeal": review.status in APPEALABLE_STATES and review.appealed_at is None,
        },
    )


@policy(is_signed_in)
def review_question(request, review_id, key):
    review = _own_review(request, review_id)
    question = question_for(review.designation.role, key)
    if question is None or review.status != ReviewStatus.OPEN:
        raise Http404
    form = AnswerForm(request.POST or None, initial={"answer": review.self_assessment.get(key, "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.review_answer(actor=request.user, review=review, key=key, answer=form.cleaned_data["answer"])
        except REFUSALS as refusal:
            form.add_error("answer", str(refusal))
        else:
            if request.GET.get("change"):
                return redirect("portal:review-check", review_id=review.pk)
            left = unanswered(review.designation.role, review.self_assessment)
            if left:
                return redirect("portal:review-question", review_id=review.pk, key=left[0].key)
            return redirect("portal:review-check", review_id=review.pk)
    return render(
        request,
        "portal/reviews/question.html",
        {"page_title": question.title, "review": review, "question": question, "form": form},
    )


@policy(is_signed_in)
def review_check(request, review_id):
    review = _own_review(request, review_id)
    if review.status != ReviewStatus.OPEN:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            services.review_submit(actor=request.user, review=review)
        except REFUSALS as refusal:
            error = str(refusal)
        else:
            messages.success(request, f"Your self-assessment has been sent to {review.designation.designating_body}")
            return redirect("portal:review", review_id=review.pk)
    questions = questions_for(review.designation.role)
    return render(
        request,
        "portal/reviews/check.html",
        {
            "page_title": "Check your self-assessment before you send it",
            "review": review,
            "questions": questions,
            "answers": review.self_assessment,
            "error": error,
        },
    )


@policy(is_signed_in)
def review_appeal(request, review_id):
    review = _own_review(request, review_id)
    if review.status not in APPEALABLE_STATES or review.appealed_at is not None:
        raise Http404
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_appeal(actor=request.user, review=review, grounds=form.cleaned_data["grounds"])
        except REFUSALS as refusal:
            form.add_error("grounds", str(refusal))
        else:
            messages.success(request, "Your appeal has been sent")
            return redirect("portal:review", review_id=review.pk)
    context = {"page_title": "Appeal against the decision", "review": review, "form": form}
    return render(request, "portal/reviews/appeal.html", context)


# The designating body ------------------------------------------------------------------------


@policy(can_list_designations)
def review_list(request):
    return render(
        request,
        "portal/reviews/list.html",
        {"page_title": "Reviews of designations", "reviews": list(reviews_managed_by(request.user)[:200])},
    )


@policy(can_list_designations)
def review_pack_page(request, review_id):
    review = _managed_review(request, review_id)
    return render(
        request,
        "portal/reviews/pack.html",
        {
            "page_title": f"Review of {review.designation.person.full_name}",
            "pack": review_pack(review),
            "review": review,
            "caution": ATTRIBUTION_CAUTION,
        },
    )


@policy(can_list_designations)
def review_decide(request, review_id):
    review = _managed_review(request, review_id)
    if review.status != ReviewStatus.SUBMITTED:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, _, reason_code = form.cleaned_data["decision"].partition(":")
        try:
            services.review_decide(
                actor=request.user,
                review=review,
                decision=decision,
                reason_code=reason_code,
                reasons=form.cleaned_data["reasons"],
            )
        except REFUSALS as refusal:
            form.add_error("decision", str(refusal))
        else:
            messages.success(request, f"Decided: {ReviewDecision(decision).label.split(':')[0].lower()}")
            return redirect("portal:review-pack", review_id=review.pk)
    return render(
        request,
        "portal/reviews/decide.html",
        {"page_title": f"Decide the review of {review.designation.person.full_name}", "review": review, "form": form},
    )


@policy(can_list_designations)
def review_appeal_decide(request, review_id):
    review = _managed_review(request, review_id)
    if review.status != ReviewStatus.APPEALED:
        raise Http404
    form = AppealDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            services.review_appeal_decide(
                actor=request.user, review=review, outcome=data["outcome"], reasons=data["reasons"]
            )
        except REFUSALS as refusal:
            form.add_error("outcome", str(refusal))
        else:
            messages.success(request, "The outcome of the appeal has been recorded")
            return redirect("portal:review-pack", review_id=review.pk)
    return render(
        request,
        "portal/reviews/appeal_decide.html",
        {"page_title": f"Hear the appeal of {review.designation.person.full_name}", "review": review, "form": form},
    )


# Feedback from supported schools and alliances ----------------------------------------------


@policy(is_signed_in)
def review_feedback(request, feedback_id):
    feedback = feedback_for(request.user, feedback_id)
    if feedback is None:
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():  # a closed request is refused by the service
        try:
            services.review_feedback_give(
                actor=request.user,
                feedback=feedback,
                score=form.cleaned_data["score"],
                comments=form.cleaned_data["comments"],
            )
        except REFUSALS as refusal:
            form.add_error("comments", str(refusal))
        else:
            messages.success(request, "Thank you: your feedback has been recorded")
            return redirect("portal:home")
    leader = feedback.review.designation.person
    closed = feedback.answered_at is not None or feedback.review.status != ReviewStatus.SUBMITTED
    return render(
        request,
        "portal/reviews/feedback_closed.html" if closed else "portal/reviews/feedback.html",
        {"page_title": f"Feedback on {leader.full_name}'s work", "feedback": feedback, "leader": leader, "form": form},
    )
