"""What the client or referrer does with a request: withdraw it, confirm (or decline) a request
made through the public form, and accept or decline the offer of a leader. A request the person
may not act on this way answers 404, like one they may not see."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from domain.commissioning import offer_services, request_services
from domain.commissioning.errors import CommissioningRefused
from domain.commissioning.offer_cost import offer_cost
from domain.commissioning.policies import (
    can_answer_offer_as_client,
    can_ask_for_support,
    can_confirm_request,
    is_client_of,
)
from domain.commissioning.workflows import REQUEST, OfferStatus, RequestStatus
from domain.deployments.selectors import deployment_of_request
from domain.leaders.models.availability import days_text
from domain.leaders.portrait_services import portrait_published
from domain.workflows.table import TransitionRefused
from web.common.policy import policy

from .request_answer_forms import ConfirmForm, OfferAnswerForm, WithdrawForm
from .request_forms import posted
from .request_views import visible_request


def _to_request(support_request):
    return redirect("requests:detail", request_id=support_request.pk)


@policy(can_ask_for_support)
def request_withdraw(request, request_id):
    support_request = visible_request(request, request_id)
    if not is_client_of(request.user, support_request) or "withdraw" not in REQUEST.allowed_events(
        support_request.status
    ):
        raise Http404
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            request_services.request_withdraw(
                actor=request.user, request=support_request, reason=form.cleaned_data["reason"]
            )
        except (CommissioningRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Request {support_request.reference} was withdrawn")
            return _to_request(support_request)
    return render(
        request,
        "commissioning/requests/withdraw.html",
        {
            "page_title": "Are you sure you want to withdraw this request?",
            "form": form,
            "support_request": support_request,
        },
    )


@policy(can_ask_for_support)
def request_confirm(request, request_id):
    support_request = visible_request(request, request_id)
    if support_request.status != RequestStatus.AWAITING_CONFIRMATION or not can_confirm_request(
        request.user, support_request
    ):
        raise Http404
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        confirmed = form.cleaned_data["answer"] == "confirm"
        try:
            if confirmed:
                request_services.request_confirm(actor=request.user, request=support_request)
            else:
                request_services.request_decline(
                    actor=request.user, request=support_request, reason=form.cleaned_data["reason"]
                )
        except (CommissioningRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            done = "confirmed: the alliance or hub will now consider it" if confirmed else "declined"
            messages.success(request, f"Request {support_request.reference} was {done}")
            return _to_request(support_request)
    return render(
        request,
        "commissioning/requests/confirm.html",
        {
            "page_title": f"Did {support_request.client_school.display_name} ask for this support?",
            "form": form,
            "support_request": support_request,
        },
    )


@policy(can_ask_for_support)
def offer_answer(request, request_id):
    support_request = visible_request(request, request_id)
    offer = (
        support_request.offers.select_related("leader", "leaders_organisation")
        .filter(status=OfferStatus.WITH_CLIENT)
        .first()
    )
    if offer is None or not can_answer_offer_as_client(request.user, offer):
        raise Http404
    portrait = portrait_published(offer.leader)
    form = OfferAnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        accepted = form.cleaned_data["answer"] == "accept"
        try:
            if accepted:
                offer_services.offer_client_accept(actor=request.user, offer=offer)
            else:
                offer_services.offer_decline(actor=request.user, offer=offer, reason=form.cleaned_data["reason"])
        except (CommissioningRefused, TransitionRefused) as refusal:
            form.add_error(None, str(refusal))
        else:
            if accepted:
                messages.success(request, f"Deployment agreed: {offer.leader.full_name} will support the school")
                deployment = deployment_of_request(request.user, support_request)
                if deployment is not None:
                    # Straight to what comes next: the contract the school agrees before the work starts.
                    return redirect(reverse("deployments:detail", args=[deployment.pk]) + "#contract")
            else:
                messages.success(request, "You declined the offer: the alliance or hub will choose again")
            return _to_request(support_request)
    return render(
        request,
        "commissioning/requests/offer_answer.html",
        {
            "page_title": f"Do you accept {offer.leader.full_name}'s support?",
            "form": form,
            "support_request": support_request,
            "offer": offer,
            "portrait": portrait,
            "days": days_text(support_request.days),
            "cost": offer_cost(support_request),
        },
    )
