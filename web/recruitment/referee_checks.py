"""The coordinator's check of referees' and chairs of governors' addresses (ADR 18): the list of
those waiting for a check, linked from the home page's things to do, and the check of one, which
confirms the address and sends the single-use link. A request of another organisation's round,
or of the person's own application, is not in `references_to_confirm` and answers 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from domain.recruitment.policies import can_manage_rounds
from domain.recruitment.referee_addresses import CHOSEN_HOW, warnings_for, website_domain
from domain.recruitment.reference_services import reference_confirm
from domain.recruitment.selectors import references_to_confirm
from domain.recruitment.services import RecruitmentRefused
from web.common.policy import policy

from .forms import ConfirmRefereeForm


@policy(can_manage_rounds)
def references_to_confirm_list(request):
    requests = list(references_to_confirm(request.user).select_related("application__school"))
    return render(
        request,
        "recruitment/rounds/to_confirm.html",
        {"page_title": "Referees to confirm", "requests": requests},
    )


@policy(can_manage_rounds)
def reference_confirm_view(request, request_id):
    reference = get_object_or_404(
        references_to_confirm(request.user).select_related("application__school"), pk=request_id
    )
    application = reference.application
    form = ConfirmRefereeForm(
        [(c.value, c.label) for c in CHOSEN_HOW], request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            reference_confirm(
                actor=request.user, request=reference, how=form.cleaned_data["how"], note=form.cleaned_data["note"]
            )
        except RecruitmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"{reference.name}'s address is confirmed: we have emailed them a link")
            return redirect("rounds:application", round_id=application.round_id, application_id=application.pk)
    school = application.school
    return render(
        request,
        "recruitment/rounds/confirm.html",
        {
            "page_title": f"Check {reference.name}'s address",
            "reference": reference,
            "application": application,
            "school": school,
            "school_domain": website_domain(school.website) if school else "",
            "warnings": warnings_for(reference.email, applicant_email=application.applicant.email),
            "form": form,
        },
    )
