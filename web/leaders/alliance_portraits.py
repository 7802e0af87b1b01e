"""Pen portraits as the alliance, hub or grouping a leader is associated with sees them: those
waiting for approval, oldest first, and one version to approve, return with the changes it needs,
or take down once published. Nothing reaches the public directory until it is approved.

A portrait of a leader associated with another organisation answers 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from domain.leaders.models import Association, PenPortrait
from domain.leaders.people import AssociationRefused
from domain.leaders.policies import can_approve_portrait, can_run_leader_lists
from domain.leaders.portrait_services import (
    portrait_approve,
    portrait_published,
    portrait_return,
    portrait_withdraw,
)
from domain.leaders.selectors import active_association_of, portraits_awaiting
from domain.leaders.workflows import AssociationStatus, PortraitStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .alliance_forms import ReturnForm, TakeDownForm
from .alliance_views import PER_PAGE


@policy(can_run_leader_lists)
def portrait_list(request):
    page = Paginator(portraits_awaiting(request.user), PER_PAGE).get_page(request.GET.get("page"))
    portraits = list(page.object_list)
    organisations = {
        a.leader_id: a.organisation
        for a in Association.objects.filter(
            leader_id__in=[p.leader_id for p in portraits], status=AssociationStatus.ACTIVE
        ).select_related("organisation")
    }
    rows = [{"portrait": p, "organisation": organisations.get(p.leader_id)} for p in portraits]
    return render(
        request,
        "leaders/alliance/portraits.html",
        {"page_title": "Pen portraits waiting for approval", "page": page, "rows": rows},
    )


def _portrait_for(request, portrait_id):
    portrait = PenPortrait.objects.select_related("leader", "decided_by").filter(pk=portrait_id).first()
    if portrait is None:
        raise Http404
    association = active_association_of(portrait.leader)
    if not can_approve_portrait(request.user, portrait, association):
        raise Http404
    return portrait, association


@policy(can_run_leader_lists)
def portrait_detail(request, portrait_id):
    portrait, association = _portrait_for(request, portrait_id)
    action = request.POST.get("action") if request.method == "POST" else None
    return_form = ReturnForm(request.POST if action == "return" else None)
    take_down_form = TakeDownForm(request.POST if action == "withdraw" else None)
    form = return_form if action == "return" else take_down_form
    if action in ("approve", "return", "withdraw"):
        try:
            if action == "approve":
                portrait_approve(actor=request.user, portrait=portrait)
                done = f"The pen portrait of {portrait.leader.full_name} is approved and published in the directory"
            elif action == "return" and return_form.is_valid():
                portrait_return(actor=request.user, portrait=portrait, reason=return_form.cleaned_data["changes"])
                done = f"The pen portrait of {portrait.leader.full_name} was returned with the changes it needs"
            elif action == "withdraw" and take_down_form.is_valid():
                portrait_withdraw(actor=request.user, portrait=portrait, reason=take_down_form.cleaned_data["reason"])
                done = f"The pen portrait of {portrait.leader.full_name} was taken down from the directory"
            else:
                done = ""
        except (AssociationRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            if done:
                messages.success(request, done)
                return redirect("alliance:portrait", portrait_id=portrait.pk)
    published = portrait_published(portrait.leader)
    return render(
        request,
        "leaders/alliance/portrait.html",
        {
            "page_title": f"Pen portrait of {portrait.leader.full_name}",
            "portrait": portrait,
            "association": association,
            "published": published if published and published.pk != portrait.pk else None,
            "waiting": portrait.status == PortraitStatus.SUBMITTED,
            "is_published": portrait.status == PortraitStatus.PUBLISHED,
            "return_form": return_form,
            "take_down_form": take_down_form,
            "form": form if form.errors else None,
        },
    )
