"""Answering an offer: the leader accepts or declines; the leader's own alliance agrees or
declines when another alliance brokered the request."""

from decimal import Decimal

import pytest
from django.urls import reverse

from domain.commissioning.models import Offer
from domain.leaders import availability_services as availability
from domain.leaders.models import Commitment, Term

from .helpers import assert_well_formed, banner, errors, soup

pytestmark = pytest.mark.django_db


def answer(offer, event):
    return reverse("offers:answer", kwargs={"offer_id": offer.pk, "event": event})


def detail(offer):
    return reverse("offers:detail", kwargs={"offer_id": offer.pk})


def live_commitments(offer):
    return Commitment.objects.filter(reference=f"offer:{offer.pk}", released_at__isnull=True)


@pytest.mark.parametrize("event", ["accept", "decline"])
def test_each_answer_page_asks_for_confirmation(event, as_person, demo):
    response = as_person("alex").get(answer(demo["offer"], event))
    assert response.status_code == 200
    assert_well_formed(response)
    assert soup(response).find("form", method="post") is not None
    assert Offer.objects.get(pk=demo["offer"].pk).status == "with_leader"


def test_the_leader_accepts_and_their_days_are_committed(as_person, demo):
    offer = demo["offer"]
    client = as_person("alex")
    page = soup(client.get(answer(offer, "accept")))
    # 1 December to 22 March: 1 of the 4 days falls in the autumn term, 3 in the spring term.
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in page.select("[data-testid=days-by-term] tbody tr")
    ]
    assert rows == [
        ["Autumn term 2026 to 2027", "1 day", "5 days free of the 10 days you offered"],
        ["Spring term 2026 to 2027", "3 days", "7 days free of the 8 days you offered"],
    ]
    response = client.post(answer(offer, "accept"), follow=True)
    assert response.redirect_chain[-1][0] == detail(offer)
    assert "You accepted the offer. Goldthorpe Junior School is asked to accept it" in banner(response)
    offer.refresh_from_db()
    assert offer.status == "with_client" and offer.leader_answered_at is not None
    assert [(c.leader, c.days, c.term) for c in live_commitments(offer).order_by("pk")] == [
        (demo["alex"], Decimal("1"), "autumn"),
        (demo["alex"], Decimal("3"), "spring"),
    ]
    history = soup(response).select("table")[-1].get_text(" ")
    assert "Offered to Alex Fernleigh" in history and "Accepted by the leader" in history
    assert soup(response).select(".govuk-button-group") == []  # nothing more for Alex to do


def test_accepting_past_the_days_offered_is_refused_with_a_way_to_offer_more(as_person, demo):
    offer = demo["offer"]
    alex = demo["alex"]
    spring = Term.containing(offer.request.window_ends)
    # 1 of Alex's 8 spring days is committed (the demo deployment): 5 more leave 2 free, fewer than
    # the 3 of the request's 4 days that fall in the spring term.
    availability.commitment_add(actor=demo["coordinator"], leader=alex, term=spring, days="5", purpose="Another visit")
    client = as_person("alex")
    page = client.get(answer(offer, "accept"))
    assert "You do not have enough free days" in page.content.decode()
    response = client.post(answer(offer, "accept"))
    assert response.status_code == 200
    (message,) = errors(response)
    assert (
        "has 2 days left in the spring term" in message
        and "Offer more days in your availability first, or decline" in message
    )
    assert soup(response).find("a", href=reverse("leader:availability")) is not None
    assert reverse("leader:availability") == "/home/availability/"
    offer.refresh_from_db()
    assert offer.status == "with_leader"
    assert not live_commitments(offer).exists()


def test_declining_needs_a_reason(as_person, demo):
    offer = demo["offer"]
    response = as_person("alex").post(answer(offer, "decline"), {"reason": "  "})
    assert response.status_code == 200
    assert errors(response) == ["Enter why you are declining the offer"]
    assert soup(response).select_one("#id_reason") is not None
    offer.refresh_from_db()
    assert offer.status == "with_leader"


def test_the_leader_declines_with_a_reason_and_the_request_goes_back_to_the_alliance(as_person, demo):
    offer = demo["offer"]
    response = as_person("alex").post(answer(offer, "decline"), {"reason": "I am moving school in January"})
    assert response.status_code == 302 and response.url == detail(offer)
    offer.refresh_from_db()
    offer.request.refresh_from_db()
    assert offer.status == "declined"
    assert offer.decline_reason == "I am moving school in January"
    assert offer.request.status == "triaged"
    page = as_person("alex").get(detail(offer))
    assert "Why it was declined I am moving school in January" in " ".join(soup(page).get_text(" ").split())


def test_an_answer_already_given_cannot_be_given_again(as_person, demo):
    offer = demo["offer"]
    client = as_person("alex")
    client.post(answer(offer, "accept"), follow=True)
    response = client.get(answer(offer, "accept"), follow=True)
    assert response.redirect_chain[-1][0] == detail(offer)
    assert "You cannot accept the offer: it is waiting for the client" in banner(response)
    assert client.post(answer(offer, "decline"), {"reason": "Changed my mind"}).status_code == 302
    offer.refresh_from_db()
    assert offer.status == "with_client"  # the leader's answer stands: the client answers now


def test_an_unknown_answer_is_not_found(as_person, demo):
    assert as_person("alex").get(answer(demo["offer"], "approve")).status_code == 404


@pytest.mark.parametrize("name", ["coordinator", "contact"])
def test_people_who_see_the_offer_cannot_answer_for_the_leader(name, as_person, demo):
    offer = demo["offer"]
    client = as_person(name)
    assert client.get(answer(offer, "accept")).status_code == 403
    assert client.post(answer(offer, "decline"), {"reason": "On their behalf"}).status_code == 403
    offer.refresh_from_db()
    assert offer.status == "with_leader"


def test_the_leader_cannot_agree_for_an_alliance(as_person, demo):
    assert as_person("alex").post(answer(demo["offer"], "agree")).status_code == 403


# The leader's own alliance, when another alliance brokered the request -------------------------


def test_the_leaders_alliance_agrees_after_the_leader_accepts(as_person, demo, hub_offer, client):
    nle_client = as_person("nle")
    response = nle_client.post(answer(hub_offer, "accept"), follow=True)
    assert "Pennine Teaching School Hub is asked to agree" in banner(response)
    hub_offer.refresh_from_db()
    assert hub_offer.status == "with_leaders_alliance"
    assert live_commitments(hub_offer).count() == 2  # the autumn and spring terms

    client.logout()
    hub = as_person("hub_coordinator")
    page = hub.get(detail(hub_offer))
    buttons = [a.get_text(strip=True) for a in soup(page).select(".govuk-button-group a")]
    assert buttons == ["Agree to the deployment", "Decline the offer"]
    assert hub.get(answer(hub_offer, "agree")).status_code == 200
    assert hub.get(answer(hub_offer, "accept")).status_code == 403  # the leader's answer, not theirs
    response = hub.post(answer(hub_offer, "agree"), follow=True)
    assert "You agreed to Taylor Whitcliffe's deployment" in banner(response)
    hub_offer.refresh_from_db()
    assert hub_offer.status == "with_client"


def test_the_leaders_alliance_cannot_agree_before_the_leader_accepts(as_person, demo, hub_offer):
    response = as_person("hub_coordinator").post(answer(hub_offer, "agree"), follow=True)
    assert "You cannot agree to the deployment: it is waiting for the leader" in banner(response)
    hub_offer.refresh_from_db()
    assert hub_offer.status == "with_leader"


def test_the_leaders_alliance_declines_with_a_reason_and_the_days_are_released(as_person, demo, hub_offer, client):
    as_person("nle").post(answer(hub_offer, "accept"))
    client.logout()
    hub = as_person("hub_coordinator")
    assert errors(hub.post(answer(hub_offer, "decline"), {"reason": ""})) == ["Enter why you are declining the offer"]
    response = hub.post(answer(hub_offer, "decline"), {"reason": "Taylor is needed in our own schools this term"})
    assert response.status_code == 302
    hub_offer.refresh_from_db()
    hub_offer.request.refresh_from_db()
    assert hub_offer.status == "declined"
    assert hub_offer.request.status == "triaged"
    assert not live_commitments(hub_offer).exists()


def test_the_brokering_alliance_cannot_agree_for_the_leaders_alliance(as_person, demo, hub_offer, client):
    as_person("nle").post(answer(hub_offer, "accept"))
    client.logout()
    assert as_person("coordinator").post(answer(hub_offer, "agree")).status_code == 403
    hub_offer.refresh_from_db()
    assert hub_offer.status == "with_leaders_alliance"
