"""Deployment pages: visits and their notes, and requests for more days (issue 6: "Notes of visit:
date, hours, activities, findings, next steps; shared with the client; due within a set number of
working days after a visit, with a chaser; time logged against the agreed days, a warning at 80%
and a variation request to go beyond").

Who may do what: the leader plans visits and writes the notes; the brokering alliance reads
everything, plans and cancels visits and decides on more days; the client and the commissioner
read a note once it is shared. A deployment the person may not see answers 404; so does a note
not yet shared, to the client and the commissioner. A step the person may see but not take
answers 403."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from domain.deployments import variation_services, visit_services
from domain.deployments.errors import DeploymentRefused
from domain.deployments.policies import can_manage_deployment, can_use_deployments, is_leader_of, is_open, parties_of
from domain.deployments.visit_selectors import may_read_note, time_used, variations_of, visits_of
from domain.deployments.workflows import DeploymentStatus, VariationStatus, VisitStatus
from domain.leaders.models.availability import days_text
from web.common.formatting import how_many
from web.common.policy import policy

from .views import deployment_or_404
from .visit_forms import CancelForm, NoteForm, PlanForm, RecordForm, VariationDecideForm, VariationRequestForm

PER_PAGE = 25
# How many visits still to come the deployment's page lists.
NEXT_VISITS = 3

VISIT_TAGS = {
    VisitStatus.PLANNED: "govuk-tag--blue",
    VisitStatus.SHARED: "govuk-tag--green",
    VisitStatus.CANCELLED: "govuk-tag--grey",
}
VARIATION_TAGS = {
    VariationStatus.REQUESTED: "govuk-tag--yellow",
    VariationStatus.APPROVED: "govuk-tag--green",
    VariationStatus.REFUSED: "govuk-tag--red",
}


def _tag(obj, classes) -> dict:
    return {"text": obj.get_status_display(), "classes": classes.get(obj.status, "")}


def visit_tag(visit, today) -> dict:
    if visit.status == VisitStatus.PLANNED and visit.visited_on <= today:
        overdue = visit.note_due_on < today
        return {
            "text": "Note overdue" if overdue else "Note to write",
            "classes": "govuk-tag--red" if overdue else "govuk-tag--yellow",
        }
    if visit.status == VisitStatus.PLANNED:
        return {"text": "Planned", "classes": "govuk-tag--blue"}
    return _tag(visit, VISIT_TAGS)


def time_text(used) -> str:
    """ "2.5 of 4 days" """
    return f"{days_text(used.logged)} of {how_many(used.allowed, 'day')}"


def _rights(user, deployment) -> dict:
    parties = parties_of(user, deployment)
    open_ = is_open(deployment)
    leader = is_leader_of(user, deployment)
    manager = can_manage_deployment(user, deployment)
    return {
        "parties": parties,
        "is_leader": leader,
        "can_manage": manager,
        "can_plan": open_ and (leader or manager),
        "can_record": open_ and leader and deployment.status == DeploymentStatus.ACTIVE,
        "can_ask_days": open_ and (leader or manager),
        "can_decide_days": open_ and manager,
        "sees_variations": leader or manager,
    }


def _visit_or_404(request, deployment, visit_id):
    """The deployment's visit if the person may read it: the leader and the alliance always, the
    client and the commissioner once its note is shared. 404 otherwise."""
    visit = visits_of(deployment).filter(pk=visit_id).first()
    if visit is None or not may_read_note(request.user, visit, parties_of(request.user, deployment)):
        raise Http404("No such visit, or not one you can see")
    visit.deployment = deployment
    return visit


def _refused(form, refusal, field=None):
    message = str(refusal)
    if field is None and "date of the visit" in message and "visited_on" in form.fields:
        field = "visited_on"
    form.add_error(field, message)


# The deployment's page ------------------------------------------------------------------------


def section(request, deployment) -> dict:
    """What the deployment's page shows of this part, for deployments/detail.html: the time logged
    (with a warning at 80%), the next visits, notes overdue, requests for more days waiting."""
    rights = _rights(request.user, deployment)
    today = timezone.localdate()
    used = time_used(deployment)
    planned = list(visits_of(deployment).filter(status=VisitStatus.PLANNED))
    upcoming = [v for v in planned if v.visited_on >= today][:NEXT_VISITS]
    overdue = [v for v in planned if v.note_due_on < today]
    waiting = (
        variations_of(deployment).filter(status=VariationStatus.REQUESTED).count() if rights["sees_variations"] else 0
    )
    return {
        **rights,
        "time": time_text(used),
        "warning": used.warning,
        "remaining": days_text(used.remaining),
        "upcoming": upcoming,
        # The leader and the alliance chase notes; the school reads them once shared.
        "overdue": len(overdue) if rights["sees_variations"] else 0,
        "waiting": waiting,
    }


# Visits ---------------------------------------------------------------------------------------


@policy(can_use_deployments)
def visit_list(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    rights = _rights(request.user, deployment)
    today = timezone.localdate()
    page = Paginator(visits_of(deployment), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "visit": visit,
            "tag": visit_tag(visit, today),
            "readable": may_read_note(request.user, visit, rights["parties"]),
        }
        for visit in page.object_list
    ]
    variations = (
        [{"variation": v, "tag": _tag(v, VARIATION_TAGS)} for v in variations_of(deployment)]
        if rights["sees_variations"]
        else []
    )
    return render(
        request,
        "deployments/visit/list.html",
        {
            "page_title": "Visits and notes of visit",
            "deployment": deployment,
            "page": page,
            "rows": rows,
            "variations": variations,
            "time": time_text(time_used(deployment)),
            **rights,
        },
    )


@policy(can_use_deployments)
def visit_plan(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    if not visit_services.may_plan_visit(request.user, deployment):
        raise PermissionDenied
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = visit_services.visit_plan(
                actor=request.user, deployment=deployment, visited_on=form.cleaned_data["visited_on"]
            )
        except DeploymentRefused as refusal:
            _refused(form, refusal, "visited_on")
        else:
            messages.success(
                request, f"Visit planned. The note of visit is due by {visit.note_due_on.day} {visit.note_due_on:%B %Y}"
            )
            return redirect("deployments:visit-list", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/visit/plan.html",
        {
            "page_title": "Plan a visit",
            "deployment": deployment,
            "form": form,
            "due_days": visit_services.note_due_working_days(),
        },
    )


@policy(can_use_deployments)
def visit_record(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    if not is_leader_of(request.user, deployment):
        raise PermissionDenied
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = visit_services.visit_record(
                actor=request.user,
                deployment=deployment,
                visited_on=form.cleaned_data["visited_on"],
                note=form.note(),
            )
        except DeploymentRefused as refusal:
            _refused(form, refusal)
        else:
            messages.success(request, "The note of visit is shared with the school")
            return redirect("deployments:visit", deployment_id=deployment.pk, visit_id=visit.pk)
    return render(
        request,
        "deployments/visit/record.html",
        {
            "page_title": "Record a visit after the event",
            "deployment": deployment,
            "form": form,
            "time": time_used(deployment),
        },
    )


@policy(can_use_deployments)
def visit_detail(request, deployment_id, visit_id):
    deployment = deployment_or_404(request, deployment_id)
    visit = _visit_or_404(request, deployment, visit_id)
    rights = _rights(request.user, deployment)
    planned = visit.status == VisitStatus.PLANNED
    return render(
        request,
        "deployments/visit/visit.html",
        {
            "page_title": f"Visit on {visit.visited_on.day} {visit.visited_on:%B %Y}",
            "deployment": deployment,
            "visit": visit,
            "tag": visit_tag(visit, timezone.localdate()),
            "can_write": planned and rights["is_leader"] and is_open(deployment),
            "can_cancel": planned and rights["can_plan"],
            **rights,
        },
    )


@policy(can_use_deployments)
def visit_note(request, deployment_id, visit_id):
    deployment = deployment_or_404(request, deployment_id)
    visit = _visit_or_404(request, deployment, visit_id)
    if not visit_services.may_write_note(request.user, visit):
        raise PermissionDenied
    if visit.status != VisitStatus.PLANNED:
        return redirect("deployments:visit", deployment_id=deployment.pk, visit_id=visit.pk)
    sharing = request.POST.get("action") == "share"
    initial = {
        "hours": visit.hours or None,
        "days": days_text(visit.days) if visit.days else "",
        "activities": visit.activities,
        "findings": visit.findings,
        "next_steps": visit.next_steps,
    }
    form = NoteForm(request.POST or None, initial=initial, sharing=sharing)
    if request.method == "POST" and form.is_valid():
        service = visit_services.visit_note_share if sharing else visit_services.visit_note_save
        try:
            service(actor=request.user, visit=visit, note=form.note())
        except DeploymentRefused as refusal:
            _refused(form, refusal)
        else:
            if sharing:
                messages.success(request, "The note of visit is shared with the school")
                return redirect("deployments:visit", deployment_id=deployment.pk, visit_id=visit.pk)
            messages.success(request, "Your draft is saved. The school cannot see it until you share it")
            return redirect("deployments:visit-note", deployment_id=deployment.pk, visit_id=visit.pk)
    today = timezone.localdate()
    return render(
        request,
        "deployments/visit/note.html",
        {
            "page_title": "Write the note of visit",
            "deployment": deployment,
            "visit": visit,
            "form": form,
            "time": time_used(deployment),
            "can_share": visit.visited_on <= today and deployment.status == DeploymentStatus.ACTIVE,
            "before_visit": visit.visited_on > today,
            "contracting": deployment.status == DeploymentStatus.CONTRACTING,
        },
    )


@policy(can_use_deployments)
def visit_cancel(request, deployment_id, visit_id):
    deployment = deployment_or_404(request, deployment_id)
    visit = _visit_or_404(request, deployment, visit_id)
    if not visit_services.may_plan_visit(request.user, deployment):
        raise PermissionDenied
    if visit.status != VisitStatus.PLANNED:
        return redirect("deployments:visit", deployment_id=deployment.pk, visit_id=visit.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.visit_cancel(actor=request.user, visit=visit, reason=form.cleaned_data["reason"])
        except DeploymentRefused as refusal:
            _refused(form, refusal, "reason")
        else:
            messages.success(request, "The visit is cancelled")
            return redirect("deployments:visit-list", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/visit/cancel.html",
        {"page_title": "Cancel the visit", "deployment": deployment, "visit": visit, "form": form},
    )


# Variations -----------------------------------------------------------------------------------


@policy(can_use_deployments)
def variation_request(request, deployment_id):
    deployment = deployment_or_404(request, deployment_id)
    if not variation_services.may_request_variation(request.user, deployment):
        raise PermissionDenied
    form = VariationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            variation_services.variation_request(
                actor=request.user,
                deployment=deployment,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except DeploymentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Your request for more days is sent to the brokering alliance")
            return redirect("deployments:visit-list", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/visit/variation_request.html",
        {
            "page_title": "Ask for more days",
            "deployment": deployment,
            "form": form,
            "time": time_text(time_used(deployment)),
        },
    )


@policy(can_use_deployments)
def variation_decide(request, deployment_id, variation_id):
    deployment = deployment_or_404(request, deployment_id)
    if not can_manage_deployment(request.user, deployment):
        raise PermissionDenied
    variation = variations_of(deployment).filter(pk=variation_id).first()
    if variation is None:
        raise Http404("No such request for more days")
    variation.deployment = deployment
    if variation.status != VariationStatus.REQUESTED:
        messages.info(request, f"This request for more days is already {variation.get_status_display().lower()}")
        return redirect("deployments:visit-list", deployment_id=deployment.pk)
    form = VariationDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                variation_services.variation_approve(
                    actor=request.user, variation=variation, override_reason=data["reason"]
                )
            else:
                variation_services.variation_refuse(actor=request.user, variation=variation, reason=data["reason"])
        except DeploymentRefused as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(
                request,
                f"{days_text(variation.days)} more days approved"
                if data["decision"] == "approve"
                else "The extra days are refused",
            )
            return redirect("deployments:visit-list", deployment_id=deployment.pk)
    return render(
        request,
        "deployments/visit/variation_decide.html",
        {
            "page_title": "Decide on more days",
            "deployment": deployment,
            "variation": variation,
            "days": days_text(variation.days),
            "form": form,
            "time": time_text(time_used(deployment)),
        },
    )
