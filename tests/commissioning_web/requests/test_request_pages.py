"""Your requests, one request's page and progress, withdrawing it, and the client's answer to an
offer. Another person's request answers 404."""

import pytest
from django.urls import reverse

from demo.commissioning import request_values as _values
from domain.commissioning import request_services
from domain.commissioning.offer_services import offer_leader_accept
from domain.deployments.models import Deployment
from tests.queries import assert_constant_queries

from .helpers import banner, errors, main_text, soup

pytestmark = pytest.mark.django_db


def _url(name, support_request):
    return reverse(name, kwargs={"request_id": support_request.pk})


def test_your_requests_lists_the_persons_own_with_their_status(demo, as_person):
    page = as_person("contact").get(reverse("requests:list"))
    rows = [" ".join(tr.get_text(" ").split()) for tr in soup(page).select("tbody tr")]
    # The demo deployment's request (agreed) is the school's too.
    assert len(rows) == 2
    assert any(demo["request"].reference in row and "Leader chosen" in row for row in rows)
    referred = as_person("commissioner").get(reverse("requests:list"))
    references = [a.get_text() for a in soup(referred).select("tbody a")]
    assert len(references) == 2 and demo["referred"].reference in references


def test_the_list_runs_the_same_queries_however_long_it_is(demo, as_person):
    client = as_person("contact")

    def grow():
        request_services.request_submit(
            actor=demo["contact"], school=demo["goldthorpe"], values=_values(), referrer_kind="client_school"
        )

    response = assert_constant_queries(lambda: client.get(reverse("requests:list")), grow)
    assert len(soup(response).select("tbody tr")) == 4


def test_the_list_is_paginated(demo, as_person):
    for _ in range(20):
        request_services.request_submit(
            actor=demo["contact"], school=demo["goldthorpe"], values=_values(), referrer_kind="client_school"
        )
    client = as_person("contact")
    assert len(soup(client.get(reverse("requests:list"))).select("tbody tr")) == 20
    assert len(soup(client.get(reverse("requests:list") + "?page=2")).select("tbody tr")) == 2


def test_a_request_page_shows_its_progress_and_actions(demo, as_person):
    page = as_person("contact").get(_url("requests:detail", demo["request"]))
    text = main_text(page)
    for step in (
        "Request sent",
        "Accepted for matching by Aire Valley Teaching School Alliance",
        "On the agenda of a panel meeting on 30 November 2026",  # the demo meets on a school day
        "Leader chosen: Alex Fernleigh",
    ):
        assert step in text
    assert "Closing the gap" in text and "4 days, spread over the window" in text
    assert soup(page).find("a", href=_url("requests:withdraw", demo["request"]))
    assert not soup(page).find("a", href=_url("requests:offer-answer", demo["request"])), "the leader has not answered"
    brokered = as_person("coordinator").get(_url("requests:detail", demo["request"]))
    assert soup(brokered).find("a", string=lambda s: s and "Broker this request" in s)
    assert not soup(brokered).find("a", href=_url("requests:withdraw", demo["request"]))
    offered = as_person("leader").get(_url("requests:detail", demo["request"]))
    assert soup(offered).find("a", href=f"/home/offers/{demo['offer'].pk}/", string="Answer your offer")


def test_another_persons_request_is_not_found(demo, as_person):
    client = as_person("commissioner")
    for name in ("requests:detail", "requests:withdraw", "requests:offer-answer", "requests:submitted"):
        assert client.get(_url(name, demo["request"])).status_code == 404, name
    assert as_person("contact").get(_url("requests:detail", demo["referred"])).status_code == 404


def test_the_referrer_withdraws_a_request(demo, as_person):
    client = as_person("commissioner")
    referred = demo["referred"]
    page = client.get(_url("requests:withdraw", referred))
    assert "Are you sure you want to withdraw this request?" in main_text(page)
    done = client.post(_url("requests:withdraw", referred), {"reason": "The school found support"}, follow=True)
    referred.refresh_from_db()
    assert referred.status == "withdrawn"
    assert "was withdrawn" in banner(done) and "Withdrawn: The school found support" in main_text(done)
    assert client.get(_url("requests:withdraw", referred)).status_code == 404, "once withdrawn, no more"


def test_withdrawing_a_matched_request_withdraws_its_offer(demo, as_person):
    as_person("contact").post(_url("requests:withdraw", demo["request"]), {"reason": ""})
    demo["offer"].refresh_from_db()
    assert demo["offer"].status == "withdrawn"


def test_the_client_accepts_the_offer(demo, as_person):
    offer_leader_accept(actor=demo["leader"], offer=demo["offer"])
    client = as_person("contact")
    detail = client.get(_url("requests:detail", demo["request"]))
    assert soup(detail).find("a", href=_url("requests:offer-answer", demo["request"]))
    page = client.get(_url("requests:offer-answer", demo["request"]))
    text = main_text(page)
    assert "Alex Fernleigh" in text and "4 days" in text and "About Alex Fernleigh" in text
    refused = client.post(_url("requests:offer-answer", demo["request"]), {})
    assert errors(refused) == ["Select yes if the school accepts the offer"]
    done = client.post(_url("requests:offer-answer", demo["request"]), {"answer": "accept"})
    demo["request"].refresh_from_db()
    assert demo["request"].status == "agreed"
    deployment = Deployment.objects.get(request=demo["request"])
    assert deployment.leader == demo["leader"]
    # Straight on to the deployment's contract, which the school agrees next.
    assert done.url == reverse("deployments:detail", args=[deployment.pk]) + "#contract"
    landed = client.get(done.url)
    assert "Deployment agreed" in banner(landed) and soup(landed).find(id="contract")
    again = client.get(_url("requests:detail", demo["request"]))
    assert "The school accepted the offer" in main_text(again) and "Deployment agreed" in main_text(again)
    link = soup(again).find("a", string="See the deployment and its contract")
    assert link["href"] == reverse("deployments:detail", args=[deployment.pk]) + "#contract"


def test_the_offer_shows_the_cost_and_who_pays(demo, as_person):
    offer_leader_accept(actor=demo["leader"], offer=demo["offer"])
    support = demo["request"]
    page = as_person("contact").get(_url("requests:offer-answer", support))
    rate = support.brokering_organisation.day_rate
    total = rate * support.days
    assert f"Cost The school pays {support.brokering_organisation.name}: £{total:,.2f}" in main_text(page)
    assert f"at £{rate:,.2f} a day" in main_text(page)
    # The contract starts from the same rate.
    as_person("contact").post(_url("requests:offer-answer", support), {"answer": "accept"})
    contract = Deployment.objects.get(request=support).contract_versions.get()
    assert contract.day_rate == rate


def test_the_client_declines_the_offer_saying_why(demo, as_person):
    offer_leader_accept(actor=demo["leader"], offer=demo["offer"])
    client = as_person("contact")
    url = _url("requests:offer-answer", demo["request"])
    assert errors(client.post(url, {"answer": "decline"})) == ["Enter why the school declines the offer"]
    client.post(url, {"answer": "decline", "reason": "We need a secondary specialist"})
    demo["offer"].refresh_from_db()
    demo["request"].refresh_from_db()
    assert (demo["offer"].status, demo["request"].status) == ("declined", "triaged")
    assert not Deployment.objects.filter(request=demo["request"]).exists()
