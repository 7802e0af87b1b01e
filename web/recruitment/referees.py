"""The applicant's referees page (two referees and the chair of governors, named with their role,
organisation and address by reference_nominate; each is e-mailed a single-use link once the
alliance's coordinator has checked the address, ADR 18) and their withdraw page. Another person's
application is not in `applications_for_applicant`, so it answers 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from domain.accounts.policies import is_signed_in
from domain.recruitment.models import REQUIRED_REQUESTS, ReferenceKind
from domain.recruitment.policies import can_withdraw_application
from domain.recruitment.reference_services import LIVE_STATES, reference_nominate
from domain.recruitment.selectors import applications_for_applicant, reference_requests_of
from domain.recruitment.services import RecruitmentRefused, application_withdraw
from domain.recruitment.workflows import ApplicationStatus
from web.common.policy import policy

from .forms import ReasonForm, RefereesForm, person_data

ORDINALS = ("first", "second", "third")


def _own_application(request, application_id):
    return get_object_or_404(applications_for_applicant(request.user), pk=application_id)


def _slots(requests) -> list[tuple[str, str, str]]:
    """The people still to ask: (field prefix, kind, who) for each place not yet taken."""
    slots = []
    for kind, needed in REQUIRED_REQUESTS.items():
        asked = sum(1 for r in requests if r.kind == kind and r.status in LIVE_STATES)
        for n in range(asked, needed):
            if kind == ReferenceKind.REFERENCE:
                slots.append((f"referee_{n + 1}", kind, f"your {ORDINALS[n]} referee"))
            else:
                slots.append(("chair", kind, "the chair of governors"))
    return slots


@policy(is_signed_in)
def application_referees(request, application_id):
    application = _own_application(request, application_id)
    requests = list(reference_requests_of(application))
    can_ask = application.status == ApplicationStatus.SUBMITTED
    slots = _slots(requests) if can_ask else []
    form = RefereesForm(slots, request.POST if request.method == "POST" and slots else None)
    if request.method == "POST" and slots and form.is_valid():
        given = []
        for prefix, kind, _who in slots:
            try:
                reference_nominate(actor=request.user, application=application, kind=kind, **person_data(form, prefix))
            except RecruitmentRefused as refusal:
                form.add_error(f"{prefix}_email", str(refusal))
            else:
                given.append(form.cleaned_data[f"{prefix}_name"])
        if given:
            messages.success(
                request,
                f"{application.round.organisation.name} will check the address of {', '.join(given)}, "
                "then email them a link",
            )
        if not form.errors:
            return redirect("recruitment:application-referees", application_id=application.pk)
        requests = list(reference_requests_of(application))
    return render(
        request,
        "recruitment/referees/referees.html",
        {
            "page_title": "Your referees and chair of governors",
            "application": application,
            "requests": requests,
            "form": form,
            "slots": slots,
            "can_ask": can_ask,
        },
    )


@policy(is_signed_in)
def application_withdraw_view(request, application_id):
    application = _own_application(request, application_id)
    if not can_withdraw_application(request.user, application):
        messages.error(
            request, f"This application is {application.get_status_display().lower()}: it cannot be withdrawn"
        )
        return redirect("recruitment:application", application_id=application.pk)
    form = ReasonForm(request.POST if request.method == "POST" else None, what="you are withdrawing")
    if request.method == "POST" and form.is_valid():
        try:
            application_withdraw(actor=request.user, application=application, reason=form.cleaned_data["reason"])
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "You have withdrawn your application")
            return redirect("recruitment:application", application_id=application.pk)
    return render(
        request,
        "recruitment/referees/withdraw.html",
        {
            "page_title": f"Withdraw your application to {application.round.title}",
            "application": application,
            "form": form,
        },
    )
