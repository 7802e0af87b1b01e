"""Triage by the brokering alliance: the queue and one request's changes (confirm, accept for
matching, pass on, decline), each refused with a GOV.UK message when something is missing."""

from django.urls import reverse

from domain.commissioning.models import SupportRequest
from tests.queries import assert_constant_queries

from .conftest import submit, text_of


def request_url(support_request):
    return reverse("broker:request", kwargs={"request_id": support_request.pk})


def test_the_queue_lists_the_alliances_requests_oldest_first_with_their_wait(demo, as_user):
    page = text_of(as_user(demo["coordinator"]).get(reverse("broker:queue")))
    assert "Waiting for triage (1)" in page
    assert "Waiting for confirmation (1)" in page
    order = [page.index(r.reference) for r in (demo["matched"], demo["referred"], demo["public"])]
    assert order == sorted(order)
    assert "Upcoming panel meetings" in page
    # The meeting's count agrees with the queue's "On an agenda": decided items have moved on.
    on_agenda = int(page.split("On an agenda (", 1)[1].split(")", 1)[0])
    assert f"(2 requests on the agenda, {on_agenda or 'none'} still to decide)" in page


def test_the_queue_filters_by_status(demo, as_user):
    page = text_of(as_user(demo["coordinator"]).get(reverse("broker:queue") + "?status=submitted"))
    assert demo["referred"].reference in page
    assert demo["public"].reference not in page


def test_the_queue_runs_a_constant_number_of_queries(demo, as_user):
    client = as_user(demo["coordinator"])
    assert_constant_queries(
        lambda: client.get(reverse("broker:queue")),
        lambda: submit(actor=demo["commissioner"], organisation=demo["aire"]),
    )


def test_the_request_shows_everything_matching_needs(demo, as_user):
    page = text_of(as_user(demo["coordinator"]).get(request_url(demo["referred"])))
    for words in ("Larchwood Primary School", "Local authority", "Maths", "Specialist leader of education", "6"):
        assert words in page
    assert "Accept for matching" in page and "Pass on the request" in page and "Decline the request" in page
    assert "Confirm the request" not in page


def test_the_requests_history_is_linked_and_readable(demo, as_user):
    client = as_user(demo["coordinator"])
    timeline = reverse(
        "portal:timeline", kwargs={"subject_type": "commissioning.supportrequest", "subject_id": demo["referred"].pk}
    )
    assert f'href="{timeline}"' in client.get(request_url(demo["referred"])).content.decode()
    assert client.get(timeline).status_code == 200


def test_the_coordinator_confirms_a_request_from_the_public_form(demo, as_user):
    response = as_user(demo["coordinator"]).post(request_url(demo["public"]), {"action": "confirm"}, follow=True)
    assert "is confirmed" in text_of(response)
    assert SupportRequest.objects.get(pk=demo["public"].pk).status == "submitted"


def test_the_coordinator_accepts_the_referred_request_for_matching(demo, as_user):
    response = as_user(demo["coordinator"]).post(request_url(demo["referred"]), {"action": "triage"}, follow=True)
    assert "accepted for matching" in text_of(response)
    assert SupportRequest.objects.get(pk=demo["referred"].pk).status == "triaged"


def test_an_action_its_status_does_not_allow_is_refused(demo, as_user):
    response = as_user(demo["coordinator"]).post(request_url(demo["public"]), {"action": "triage"})
    assert "it cannot be changed that way now" in text_of(response)
    assert SupportRequest.objects.get(pk=demo["public"].pk).status == "awaiting_confirmation"


def test_passing_on_needs_an_alliance_and_a_reason(demo, as_user):
    response = as_user(demo["coordinator"]).post(request_url(demo["referred"]), {"action": "pass_on"})
    page = text_of(response)
    assert "There is a problem" in page
    assert "Select the alliance, hub or grouping to pass the request to" in page
    assert "Enter why the request is being passed on" in page
    assert SupportRequest.objects.get(pk=demo["referred"].pk).brokering_organisation == demo["aire"]


def test_the_coordinator_passes_a_request_on_to_the_hub(demo, as_user):
    client = as_user(demo["coordinator"])
    response = client.post(
        request_url(demo["referred"]),
        {"action": "pass_on", "pass_on-organisation": demo["hub"].pk, "pass_on-reason": "The hub has maths leaders"},
    )
    assert response.status_code == 302
    moved = SupportRequest.objects.get(pk=demo["referred"].pk)
    assert moved.brokering_organisation == demo["hub"] and moved.status == "submitted"
    # Now the hub's, not Aire's.
    assert client.get(request_url(moved)).status_code == 404
    assert as_user(demo["hub.coordinator"]).get(request_url(moved)).status_code == 200


def test_declining_without_a_reason_is_refused(demo, as_user):
    response = as_user(demo["coordinator"]).post(request_url(demo["referred"]), {"action": "decline"})
    page = text_of(response)
    assert "There is a problem" in page and "Enter why the request is declined" in page
    assert 'href="#id_decline-reason"' in response.content.decode()
    assert SupportRequest.objects.get(pk=demo["referred"].pk).status == "submitted"


def test_the_coordinator_declines_a_request_with_a_reason(demo, as_user):
    client = as_user(demo["coordinator"])
    response = client.post(
        request_url(demo["referred"]),
        {"action": "decline", "decline-reason": "The school is already supported by its trust"},
        follow=True,
    )
    assert "was declined" in text_of(response)
    declined = SupportRequest.objects.get(pk=demo["referred"].pk)
    assert declined.status == "declined" and declined.decision_reason == "The school is already supported by its trust"
    assert "Decline the request" not in text_of(client.get(request_url(declined)))


def test_another_alliance_gets_404_on_aires_request(demo, as_user):
    assert as_user(demo["hub.coordinator"]).get(request_url(demo["referred"])).status_code == 404


def test_the_regional_representative_brokers_aires_requests(demo, as_user):
    assert as_user(demo["regional.lead"]).get(request_url(demo["referred"])).status_code == 200


def test_a_panel_member_does_not_triage(demo, as_user):
    client = as_user(demo["panel.member"])
    assert client.get(reverse("broker:queue")).status_code == 200
    assert client.get(request_url(demo["referred"])).status_code == 404
