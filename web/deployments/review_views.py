"""Deployment pages: reviews (issue 6, parts 4 and 7): the mid-deployment and final reviews with
the results of the contract's impact measures and the evaluation, and an NLG deployment's initial
governance report and progress review (seed 003: "within 4 months of the initial report")."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from domain.deployments import review_services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.models import ReviewKind
from domain.deployments.policies import can_use_deployments, is_open
from domain.deployments.review_selectors import measures_in_force, reviews_of
from domain.deployments.review_services import can_record_review
from domain.deployments.review_todo import reviews_due
from domain.deployments.workflows import DeploymentStatus
from web.common.policy import policy

from .review_forms import ReviewForm
from .views import deployment_or_404

KIND_HINTS = {
    ReviewKind.MID: "Halfway through: how the work is going against each impact measure.",
    ReviewKind.FINAL: "At the end: the result of every impact measure and the evaluation of the deployment. "
    "Recording it completes the deployment.",
    ReviewKind.NLG_INITIAL: "The national leader of governance's initial report on the governing board.",
    ReviewKind.NLG_PROGRESS: "Within four months of the initial governance report.",
}


def _recordable(deployment, recorded: set[str]) -> list[str]:
    """The kinds of review that can be recorded now, in order."""
    kinds = []
    if deployment.status == DeploymentStatus.ACTIVE:
        kinds += [k for k in (ReviewKind.MID, ReviewKind.FINAL) if k not in recorded]
    if is_open(deployment) and deployment.is_nlg:
        if ReviewKind.NLG_INITIAL not in recorded:
            kinds.append(ReviewKind.NLG_INITIAL)
        elif ReviewKind.NLG_PROGRESS not in recorded:
            kinds.append(ReviewKind.NLG_PROGRESS)
    return kinds


def section(request, deployment) -> dict:
    """The reviews recorded, those due, and the links to record the ones the person may."""
    reviews = list(reviews_of(deployment))
    recorded = {r.kind for r in reviews}
    initial = next((r for r in reviews if r.kind == ReviewKind.NLG_INITIAL), None)
    today = timezone.localdate()
    due = [
        {"label": d.label, "due_on": d.due_on, "overdue": d.is_overdue(today)}
        for d in reviews_due(
            deployment, recorded=recorded, initial_on=initial.held_on if initial else None, today=today
        )
    ]
    can_record = can_record_review(request.user, deployment)
    return {
        "reviews": reviews,
        "due": due,
        "record": [{"kind": k, "label": ReviewKind(k).label} for k in _recordable(deployment, recorded)]
        if can_record
        else [],
    }


def _kind_or_404(kind: str) -> str:
    if kind not in ReviewKind.values:
        raise Http404("No such kind of review")
    return kind


@policy(can_use_deployments)
def review_record(request, deployment_id, kind):
    deployment = deployment_or_404(request, deployment_id)
    kind = _kind_or_404(kind)
    if not can_record_review(request.user, deployment):
        raise PermissionDenied
    existing = reviews_of(deployment).filter(kind=kind).first()
    if existing is not None:
        messages.info(request, f"The {existing.get_kind_display().lower()} has already been recorded")
        return redirect("deployments:review-detail", deployment_id=deployment.pk, review_id=existing.pk)
    measures = measures_in_force(deployment) if kind in (ReviewKind.MID, ReviewKind.FINAL) else []
    form = ReviewForm(request.POST or None, kind=kind, measures=measures)
    if request.method == "POST" and form.is_valid():
        try:
            review = review_services.review_record(
                actor=request.user,
                deployment=deployment,
                kind=kind,
                held_on=form.cleaned_data["held_on"],
                summary=form.cleaned_data["summary"],
                evaluation=form.cleaned_data.get("evaluation", ""),
                results=form.results(),
            )
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            done = f"The {review.get_kind_display().lower()} has been recorded."
            if kind == ReviewKind.FINAL:
                done += " The deployment is complete."
            messages.success(request, done)
            return redirect("deployments:review-detail", deployment_id=deployment.pk, review_id=review.pk)
    label = ReviewKind(kind).label
    return render(
        request,
        "deployments/review/record.html",
        {
            "page_title": f"Record the {label[:1].lower()}{label[1:]}",
            "deployment": deployment,
            "form": form,
            "kind": kind,
            "is_final": kind == ReviewKind.FINAL,
            "hint": KIND_HINTS[kind],
        },
    )


@policy(can_use_deployments)
def review_detail(request, deployment_id, review_id):
    deployment = deployment_or_404(request, deployment_id)
    review = reviews_of(deployment).filter(pk=review_id).first()
    if review is None:
        raise Http404("No such review")
    results = list(review.results.select_related("measure"))
    return render(
        request,
        "deployments/review/detail.html",
        {"page_title": review.get_kind_display(), "deployment": deployment, "review": review, "results": results},
    )
