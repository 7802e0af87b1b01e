"""The offers list and an offer's page: who sees what, and why the panel chose the leader."""

import pytest
from django.urls import reverse

from tests.queries import assert_constant_queries

from .conftest import offer_through_a_panel
from .helpers import assert_well_formed, main_text, soup

pytestmark = pytest.mark.django_db


def detail(offer):
    return reverse("offers:detail", kwargs={"offer_id": offer.pk})


def test_the_leader_sees_the_offer_made_to_them_with_its_status(as_person, demo):
    response = as_person("alex").get(reverse("offers:list"))
    assert response.status_code == 200
    assert_well_formed(response)
    # The demo's other offer to Alex was accepted: it is the demo deployment.
    (row,) = [tr for tr in soup(response).select("tbody tr") if tr.select_one("a")["href"] == detail(demo["offer"])]
    assert "Goldthorpe Junior School" in row.get_text()
    assert row.select_one(".govuk-tag").get_text(strip=True) == "Waiting for the leader"
    assert "4 days" in row.get_text()


def test_someone_with_no_offers_is_told_what_offers_are(as_person, demo):
    response = as_person("sle_maths").get(reverse("offers:list"))
    assert response.status_code == 200
    text = main_text(response)
    assert "You have no offers" in text
    assert "panel meeting to choose a system leader" in text
    assert soup(response).select("table") == []


def test_the_leaders_alliance_sees_offers_waiting_for_its_agreement(as_person, demo, hub_offer):
    response = as_person("hub_coordinator").get(reverse("offers:list"))
    rows = soup(response).select("tbody tr")
    assert [r.select_one("a")["href"] for r in rows] == [detail(hub_offer)]
    assert "Taylor Whitcliffe" in rows[0].get_text()
    assert "Aire Valley Teaching School Alliance" in rows[0].get_text()


def test_the_list_runs_the_same_number_of_queries_however_many_offers(as_person, demo):
    client = as_person("alex")
    schools = iter(["Larchwood Primary School", "Beckside Church of England Primary School"])

    def grow():
        offer_through_a_panel(
            demo,
            leader=demo["alex"],
            school=next(schools),
            days_offered=None,
            role_sought="lle",
            phase="primary",
            needs=["closing_the_gap"],
            days="2",
        )

    response = assert_constant_queries(lambda: client.get(reverse("offers:list")), grow)
    assert len(soup(response).select("tbody tr")) == 4


def test_the_offer_shows_the_support_and_why_the_panel_chose_the_leader(as_person, demo):
    offer = demo["offer"]
    response = as_person("alex").get(detail(offer))
    assert response.status_code == 200
    assert_well_formed(response)
    page = soup(response)
    text = main_text(response)
    school = offer.request.client_school
    assert page.find("a", href=reverse("public:school-detail", kwargs={"urn": school.urn})).get_text() == school.name
    for shown in ("Closing the gap", "Primary", "4 days, spread over the window", "The school or trust pays"):
        assert shown in text
    assert offer.request.description in text
    assert "Brokered by Aire Valley Teaching School Alliance" in text
    # Why: the panel's rationale and Alex's own score, factor by factor.
    assert "Why the panel chose you" in text
    assert "Closing the gap in a primary school close by" in text
    factors = [r.select_one("th").get_text(strip=True) for r in page.select("table")[0].select("tbody tr")]
    assert factors[:2] == ["Needs and specialisms", "Phase"]
    assert "Covers 1 of 1 needs: Closing the gap 30 of 30" in text
    # What they can do, and what happened so far.
    buttons = [a.get_text(strip=True) for a in page.select(".govuk-button-group a")]
    assert buttons == ["Accept the offer", "Decline the offer"]
    assert "Offered to Alex Fernleigh" in text


def test_the_client_sees_the_offer_and_rationale_but_not_the_leaders_score(as_person, demo):
    response = as_person("contact").get(detail(demo["offer"]))
    assert response.status_code == 200
    text = main_text(response)
    assert "Why the panel chose Alex Fernleigh" in text
    assert "Closing the gap in a primary school close by" in text
    assert "What the panel saw" not in text
    assert soup(response).select(".govuk-button-group") == []


def test_the_brokering_alliance_sees_the_score_but_cannot_answer_for_the_leader(as_person, demo):
    response = as_person("coordinator").get(detail(demo["offer"]))
    assert response.status_code == 200
    assert "What the panel saw" in main_text(response)
    assert soup(response).select(".govuk-button-group") == []


@pytest.mark.parametrize("name", ["sle_maths", "commissioner", "hub_coordinator"])
def test_anyone_else_is_told_the_offer_is_not_found(name, as_person, demo):
    client = as_person(name)
    assert client.get(detail(demo["offer"])).status_code == 404
    answer = reverse("offers:answer", kwargs={"offer_id": demo["offer"].pk, "event": "decline"})
    assert client.get(answer).status_code == 404
    assert client.post(answer, {"reason": "Not mine"}).status_code == 404


def test_the_alliances_panel_member_sees_the_offer_but_cannot_answer_it(as_person, demo):
    """Consent is given to share a request with "the alliance and its panel"."""
    client = as_person("panel_member")
    assert client.get(detail(demo["offer"])).status_code == 200
    answer = reverse("offers:answer", kwargs={"offer_id": demo["offer"].pk, "event": "decline"})
    assert client.post(answer, {"reason": "Not mine"}).status_code == 403
    demo["offer"].refresh_from_db()
    assert demo["offer"].status == "with_leader"


def test_an_offer_that_does_not_exist_is_not_found(as_person, demo):
    assert as_person("alex").get(reverse("offers:detail", kwargs={"offer_id": 999999})).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, db):
    response = client.get(reverse("offers:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))


def test_the_leaders_alliance_sees_the_offer_it_must_agree_to(as_person, demo, hub_offer):
    response = as_person("hub_coordinator").get(detail(hub_offer))
    assert response.status_code == 200
    text = main_text(response)
    assert "Pennine Teaching School Hub (must agree)" in text
    assert "Waiting for Taylor Whitcliffe to accept or decline the offer" in text
    assert soup(response).select(".govuk-button-group") == []  # not until the leader accepts
