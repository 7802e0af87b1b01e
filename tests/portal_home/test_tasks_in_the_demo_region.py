"""Every kind of task the demo region gives its people goes through its life on the home page:
created (by the demo's state), shown with a link to the item itself, done through the service the
item's page calls, and gone. The kinds the demo does not hold are in test_tasks_on_deployments."""

import pytest
from django.urls import reverse

from domain.accounts.models import User
from domain.commissioning import offer_services, request_services
from domain.commissioning.models import Offer, SupportRequest
from domain.deployments import concern_services, feedback_services, invoice_services
from domain.deployments.models import Concern, FeedbackRound, Party
from domain.leaders import association_services, availability_services, memorandum_services, portrait_services
from domain.leaders.models import Association, MemorandumParty, PenPortrait, Term
from domain.recruitment.models import ReferenceRequest
from domain.recruitment.reference_services import reference_confirm
from domain.recruitment.selectors import references_to_confirm
from domain.training import services as training
from domain.training.models import Event

from .tasks import goes_through, tasks_on_home

pytestmark = pytest.mark.django_db

TERM = Term(2026, 0)  # the frozen clock's term: autumn 2026
PORTRAIT = {
    "experience": "Headteacher of a primary school for ten years.",
    "specialisms": ["maths"],
    "phases": ["primary"],
    "school_context": "A large primary school.",
    "areas_served": "Leeds and Bradford",
}
FEEDBACK = {"needs_met": 5, "working_together": 5, "brokerage": 2, "difference": "A plan governors understand."}


@pytest.fixture
def demo(demo_region_once):
    return {email.split("@")[0]: user for user in User.objects.all() for email in [user.email]}


def test_an_invitation_opens_the_leaders_association_page_and_goes_when_answered(client, demo):
    drew = demo["existing.lle"]
    invitation = Association.objects.get(leader=drew, status="invited")
    goes_through(
        client,
        drew,
        "invitations",
        opens=reverse("leader:association"),
        do=lambda: association_services.association_decline(actor=drew, association=invitation),
    )


def test_a_pen_portrait_to_write_goes_once_written_then_to_send_once_sent(client, demo):
    drew = demo["existing.lle"]
    goes_through(
        client,
        drew,
        "pen_portrait",
        opens=reverse("leader:pen-portrait"),
        do=lambda: portrait_services.portrait_save_draft(actor=drew, values=PORTRAIT),
    )
    # Once associated, the draft is to be sent to the alliance for approval.
    association = Association.objects.get(leader=drew, status="invited")
    association_services.association_accept(actor=drew, association=association)
    goes_through(
        client,
        drew,
        "pen_portrait",
        opens=reverse("leader:pen-portrait"),
        do=lambda: portrait_services.portrait_submit(actor=drew, portrait=PenPortrait.objects.get(leader=drew)),
    )


def test_the_terms_days_open_that_term_and_go_once_given(client, demo):
    drew = demo["existing.lle"]
    goes_through(
        client,
        drew,
        "availability",
        opens=reverse("leader:availability-term", args=[TERM.key]),
        do=lambda: availability_services.availability_set(actor=drew, leader=drew, term=TERM, days="5"),
    )


def test_an_induction_to_book_goes_once_a_place_is_booked_and_the_home_page_says_so(client, demo):
    drew = demo["existing.lle"]
    induction = Event.objects.get(kind="induction")
    goes_through(
        client,
        drew,
        "induction",
        opens=reverse("events:list"),
        do=lambda: training.booking_make(actor=drew, event=induction, delegate=drew),
    )
    designations = client.get(reverse("portal:home")).content.decode()
    assert "Induction booked" in designations
    assert "Induction due" not in designations


def test_the_leaders_memorandum_goes_once_accepted(client, demo):
    riley = demo["sle.english"]
    association = Association.objects.get(leader=riley, status="active")
    goes_through(
        client,
        riley,
        "memorandum",
        opens=reverse("leader:memorandum"),
        do=lambda: memorandum_services.memorandum_accept(
            actor=riley, association=association, party=MemorandumParty.LEADER
        ),
    )


def test_a_pen_portrait_to_approve_opens_that_portrait_and_goes_once_approved(client, demo):
    coordinator = demo["hub.coordinator"]
    portrait = PenPortrait.objects.get(leader=demo["sle.english"], status="submitted")
    goes_through(
        client,
        coordinator,
        "portraits",
        opens=reverse("alliance:portrait", args=[portrait.pk]),
        do=lambda: portrait_services.portrait_approve(actor=coordinator, portrait=portrait),
    )


def test_an_associated_leaders_memorandum_opens_the_association_and_goes_once_accepted(client, demo):
    coordinator = demo["hub.coordinator"]
    association = Association.objects.get(leader=demo["sle.english"], status="active")
    goes_through(
        client,
        coordinator,
        "leaders",
        opens=reverse("alliance:association", args=[association.pk]),
        do=lambda: memorandum_services.memorandum_accept(
            actor=coordinator, association=association, party=MemorandumParty.ORGANISATION
        ),
    )


def test_a_request_to_associate_opens_it_and_goes_once_accepted(client, demo):
    drew, coordinator = demo["existing.lle"], demo["coordinator"]
    association_services.association_decline(actor=drew, association=Association.objects.get(leader=drew))
    aire = Association.objects.get(leader=demo["system.leader"]).organisation
    requested = association_services.association_request(actor=drew, organisation=aire)
    goes_through(
        client,
        coordinator,
        "requests",
        opens=reverse("alliance:association", args=[requested.pk]),
        do=lambda: association_services.association_accept(actor=coordinator, association=requested),
    )


def test_requests_to_triage_open_the_queue_then_the_last_one_and_go_once_triaged(client, demo):
    coordinator = demo["coordinator"]
    waiting = list(SupportRequest.objects.filter(status="submitted"))
    confirming = SupportRequest.objects.get(status="awaiting_confirmation")
    assert tasks_on_home(client, coordinator)["triage"] == [reverse("broker:queue")]  # two: the queue
    for request in waiting:
        request_services.request_triage(actor=coordinator, request=request)
    goes_through(  # one left: the request itself
        client,
        coordinator,
        "triage",
        opens=reverse("broker:request", args=[confirming.pk]),
        do=lambda: request_services.request_triage(
            actor=coordinator, request=request_services.request_confirm(actor=coordinator, request=confirming)
        ),
    )


def test_a_cause_for_concern_opens_it_and_goes_once_resolved(client, demo):
    coordinator = demo["coordinator"]
    concern = Concern.objects.get()
    goes_through(
        client,
        coordinator,
        "concern",
        opens=reverse("deployments:concern-detail", args=[concern.deployment_id, concern.pk]),
        do=lambda: concern_services.concern_resolve(actor=coordinator, concern=concern, resolution="Sorted"),
    )


def test_days_to_invoice_open_the_new_invoice_and_go_once_drafted(client, demo):
    coordinator = demo["coordinator"]
    deployment = Concern.objects.get().deployment
    goes_through(
        client,
        coordinator,
        "invoice_draft",
        opens=reverse("deployments:invoice-draft", args=[deployment.pk]),
        do=lambda: invoice_services.invoice_draft(actor=coordinator, deployment=deployment),
    )


def test_referees_to_check_open_the_list_then_the_last_one_and_go_once_confirmed(client, demo):
    coordinator = demo["coordinator"]
    waiting = list(references_to_confirm(coordinator).order_by("pk"))
    assert len(waiting) == 3
    assert tasks_on_home(client, coordinator)["referees"] == [reverse("rounds:references-to-confirm")]
    for request in waiting[:2]:
        reference_confirm(actor=coordinator, request=request, how="known")
    last = ReferenceRequest.objects.get(pk=waiting[2].pk)
    goes_through(
        client,
        coordinator,
        "referees",
        opens=reverse("rounds:reference-confirm", args=[last.pk]),
        do=lambda: reference_confirm(actor=coordinator, request=last, how="known"),
    )


def test_an_offer_opens_it_and_goes_once_answered(client, demo):
    leader = demo["system.leader"]
    offer = Offer.objects.get(leader=leader, status="with_leader")
    goes_through(
        client,
        leader,
        "offers",
        opens=reverse("offers:detail", args=[offer.pk]),
        do=lambda: offer_services.offer_leader_accept(actor=leader, offer=offer),
    )


def test_feedback_to_give_opens_the_round_and_goes_once_given(client, demo):
    leader = demo["system.leader"]
    round_ = FeedbackRound.objects.get(deployment__leader=leader)
    goes_through(
        client,
        leader,
        "feedback",
        opens=reverse("deployments:feedback-round", args=[round_.deployment_id, round_.pk]),
        do=lambda: feedback_services.feedback_submit(actor=leader, round=round_, party=Party.LEADER, answers=FEEDBACK),
    )


def test_a_regional_representative_is_not_given_the_alliances_tasks(client, demo):
    shown = tasks_on_home(client, demo["regional.lead"])
    assert not {"requests", "portraits", "leaders", "triage", "invoice_draft", "referees"} & set(shown)
