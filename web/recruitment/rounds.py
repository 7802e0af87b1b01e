"""The coordinator's pages: the rounds they manage, creating a round, a round's page with its
applications and its changes (open, close, cancel), one application read-only with its reference
requests and the referees to confirm (ADR 18, referee_checks.py), and chasing or replacing a
referee. Another organisation's round, application or request is not in `rounds_managed_by` and
answers 404, as if it did not exist."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts.rate_limits import rate_limit_hit
from domain.designation.models import DesignationRole
from domain.recruitment import services
from domain.recruitment.application_form import form_for
from domain.recruitment.models import REQUIRED_REQUESTS, ReferenceRequest
from domain.recruitment.policies import can_confirm_referees, can_manage_rounds
from domain.recruitment.reference_services import reference_chase, reference_replace
from domain.recruitment.selectors import (
    applications_of_round,
    organisations_running_rounds_for,
    reference_requests_of,
    rounds_managed_by,
)
from domain.recruitment.services import RecruitmentRefused
from domain.recruitment.workflows import REFERENCE_OPEN_STATES, ROUND, ReferenceStatus
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .forms import PersonForm, ReasonForm, RoundForm, person_data


def _round_for(request, round_id):
    return get_object_or_404(rounds_managed_by(request.user), pk=round_id)


ANSWERED = Count("reference_requests", filter=Q(reference_requests__status=ReferenceStatus.ANSWERED))
# The changes offered on the round's page (complete follows selection, on its own pages).
STEPS = ("open", "close", "cancel")


@policy(can_manage_rounds)
def round_list(request):
    rounds = list(rounds_managed_by(request.user).annotate(application_count=Count("applications")))
    return render(request, "recruitment/rounds/list.html", {"page_title": "Recruitment rounds", "rounds": rounds})


@policy(can_manage_rounds)
def round_create(request):
    organisations = list(organisations_running_rounds_for(request.user))
    form = RoundForm(organisations, DesignationRole.choices, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_create(
                actor=request.user,
                organisation=form.organisation,
                role=data["role"],
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                local_need=data["local_need"],
                criteria_set=data["criteria_set"].strip(),
                phases=data["phases"],
                form_version=data["form_version"] or None,
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{round_.title} has been created as a draft: open it when it is ready")
            return redirect("rounds:round", round_id=round_.pk)
    return render(request, "recruitment/rounds/create.html", {"page_title": "Create a recruitment round", "form": form})


@policy(can_manage_rounds)
def round_detail(request, round_id):
    round_ = _round_for(request, round_id)
    applications = list(applications_of_round(round_, request.user).annotate(answered=ANSWERED))
    steps = [ROUND.get(e) for e in ROUND.allowed_events(round_.status) if e in STEPS]
    return render(
        request,
        "recruitment/rounds/detail.html",
        {
            "page_title": round_.title,
            "round": round_,
            "applications": applications,
            "needed": sum(REQUIRED_REQUESTS.values()),
            "steps": steps,
        },
    )


@policy(can_manage_rounds)
def round_change(request, round_id, event):
    round_ = _round_for(request, round_id)
    if event not in STEPS:
        raise Http404
    step = ROUND.get(event)
    form = ReasonForm(
        request.POST if request.method == "POST" else None, required=event == "cancel", what="the round is cancelled"
    )
    if request.method == "POST" and form.is_valid():
        try:
            if event == "open":
                services.round_open(actor=request.user, round_=round_)
            elif event == "close":
                services.round_close(actor=request.user, round_=round_)
            else:
                services.round_cancel(actor=request.user, round_=round_, reason=form.cleaned_data["reason"])
        except (RecruitmentRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{step.label}: done")
            return redirect("rounds:round", round_id=round_.pk)
    return render(
        request,
        "recruitment/rounds/change.html",
        {"page_title": f"{step.label}: {round_.title}", "round": round_, "event": event, "form": form},
    )


@policy(can_manage_rounds)
def application_detail(request, round_id, application_id):
    round_ = _round_for(request, round_id)
    application = get_object_or_404(applications_of_round(round_, request.user), pk=application_id)
    return render(
        request,
        "recruitment/rounds/application.html",
        {
            "page_title": f"Application from {application.applicant}",
            "round": round_,
            "application": application,
            "app_form": form_for(round_),
            "requests": list(reference_requests_of(application)),
            # ADR 18: the round's managers check the addresses, never the applicant themselves.
            "can_confirm": can_confirm_referees(request.user, application),
        },
    )


def _request_for(request, request_id):
    requests = ReferenceRequest.objects.filter(application__round__in=rounds_managed_by(request.user)).select_related(
        "application__round", "application__applicant"
    )
    return get_object_or_404(requests, pk=request_id)


def _back_to_application(reference):
    application = reference.application
    return redirect("rounds:application", round_id=application.round_id, application_id=application.pk)


@policy(can_manage_rounds)
def reference_chase_view(request, request_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    reference = _request_for(request, request_id)
    refused = rate_limit_hit(action="reference_chase", keys={"person": str(request.user.pk)}, actor=request.user)
    if refused:
        messages.error(request, refused.message)
        return _back_to_application(reference)
    try:
        reference_chase(actor=request.user, request=reference)
    except RecruitmentRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"A new link has been sent to {reference.name}")
    return _back_to_application(reference)


@policy(can_manage_rounds)
def reference_replace_view(request, request_id):
    reference = _request_for(request, request_id)
    if reference.status not in REFERENCE_OPEN_STATES:
        messages.error(request, f"This request is {reference.get_status_display().lower()}, so it cannot be replaced")
        return _back_to_application(reference)
    who = "the new chair of governors" if reference.kind == "governors_confirmation" else "the new referee"
    # An address still to be checked is most often corrected for the same person: start from them.
    initial = (
        {
            "person_name": reference.name,
            "person_role": reference.job_title,
            "person_organisation": reference.organisation_name,
        }
        if reference.status == ReferenceStatus.TO_CONFIRM
        else {}
    )
    form = PersonForm(request.POST if request.method == "POST" else None, who=who, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new, _token = reference_replace(
                actor=request.user, request=reference, reason=form.cleaned_data["reason"], **person_data(form, "person")
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            sent = (
                "has been sent a link" if new.status == ReferenceStatus.AWAITING else "will be sent a link once checked"
            )
            messages.success(request, f"{reference.name} has been replaced: {new.name} {sent}")
            return _back_to_application(reference)
    return render(
        request,
        "recruitment/rounds/replace.html",
        {"page_title": f"Replace {reference.name}", "reference": reference, "form": form, "who": who},
    )
