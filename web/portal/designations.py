"""Designations: the list a coordinator or regional representative manages, a designation's page,
and its changes (suspend, reinstate, de-designate). Each change goes through the designation's
transition table (domain/designation/workflows.py)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from domain.designation import services
from domain.designation.models import DeDesignationReason
from domain.designation.policies import can_list_designations, can_manage_designation
from domain.designation.review_selectors import review_of_designation
from domain.designation.selectors import designations_managed_by
from domain.designation.specialisms import labels_of
from domain.designation.workflows import DESIGNATION
from domain.training.selectors import induction_status
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

# The steps a person takes on this page; lapse is the service's own, redesignate follows a review.
STEPS = ("suspend", "reinstate", "de_designate")


class ChangeForm(forms.Form):
    reason = forms.CharField(required=False, max_length=4000, widget=forms.Textarea)


class DeDesignateForm(ChangeForm):
    reason_code = forms.ChoiceField(
        choices=DeDesignationReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the leader is being de-designated"},
    )


def _designation_for(request, designation_id):
    """Another organisation's designation answers 404, as if it did not exist."""
    designation = get_object_or_404(designations_managed_by(request.user), pk=designation_id)
    if not can_manage_designation(request.user, designation):
        raise Http404
    return designation


@policy(can_list_designations)
def designation_list(request):
    page = Paginator(designations_managed_by(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "portal/designations/list.html", {"page_title": "Designations", "page": page})


@policy(can_list_designations)
def designation_detail(request, designation_id):
    designation = _designation_for(request, designation_id)
    steps = [DESIGNATION.get(e) for e in DESIGNATION.allowed_events(designation.status) if e in STEPS]
    phases, specialisms = labels_of(designation.phases, designation.specialisms)
    return render(
        request,
        "portal/designations/detail.html",
        {
            "page_title": str(designation.person),
            "designation": designation,
            "steps": steps,
            "phases": phases,
            "specialisms": specialisms,
            "induction": induction_status(designation),
            "review": review_of_designation(designation),
        },
    )


@policy(can_list_designations)
def designation_change(request, designation_id, event):
    designation = _designation_for(request, designation_id)
    if event not in STEPS:
        raise Http404
    step = DESIGNATION.get(event)
    form_class = DeDesignateForm if event == "de_designate" else ChangeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if event == "suspend":
                changed = services.designation_suspend(
                    actor=request.user, designation=designation, reason=data["reason"]
                )
            elif event == "reinstate":
                changed = services.designation_reinstate(
                    actor=request.user, designation=designation, reason=data["reason"]
                )
            else:
                changed = services.designation_de_designate(
                    actor=request.user, designation=designation, reason_code=data["reason_code"], reason=data["reason"]
                )
        except (TransitionRefused, services.DesignationRefused) as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(
                request, f"The designation of {designation.person} is now {changed.get_status_display().lower()}"
            )
            return redirect("portal:designation", designation_id=designation.pk)
    return render(
        request,
        "portal/designations/change.html",
        {"page_title": f"{step.label}: {designation.person}", "form": form, "designation": designation, "step": step},
    )
