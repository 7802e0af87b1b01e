"""The cause for concern pages: raise, read, escalate, resolve; and the deployment page's section."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from domain.deployments.concern_services import concern_raise
from domain.deployments.models import Concern, ConcernSeverity
from domain.deployments.workflows import ConcernStatus
from tests.conftest import sign_in
from tests.queries import assert_constant_queries
from web.deployments import concern_views


def raise_url(cast):
    return reverse("deployments:concern-raise", kwargs={"deployment_id": cast.deployment.pk})


def concern_url(concern, name="concern-detail"):
    return reverse(f"deployments:{name}", kwargs={"deployment_id": concern.deployment_id, "concern_id": concern.pk})


def a_concern(cast, n=0):
    return concern_raise(
        actor=cast.leader,
        deployment=cast.deployment,
        severity=ConcernSeverity.MEDIUM,
        summary=f"Sessions keep being cancelled {n}",
        details="Three of four sessions were cancelled.",
    )


def test_the_raise_page_offers_each_severity_with_its_hint(client, cast):
    page = sign_in(client, cast.client).get(raise_url(cast))
    html = page.content.decode()
    assert page.status_code == 200
    assert "How serious is the concern?" in html
    assert "The deployment or pupils are at risk" in html and "To note and watch" in html


def test_raising_a_concern_takes_you_to_it(client, cast):
    response = sign_in(client, cast.client).post(
        raise_url(cast), {"severity": "low", "summary": "Notes arrive late", "details": "A month after the visits."}
    )
    concern = Concern.objects.get()
    assert response.status_code == 302 and response.url == concern_url(concern)
    assert (concern.raised_by, concern.summary) == (cast.client, "Notes arrive late")
    page = client.get(concern_url(concern))
    assert "Notes arrive late" in page.content.decode() and "The alliance&#39;s quality lead has been told" in (
        page.content.decode()
    )


def test_a_raise_without_answers_shows_each_error(client, cast):
    html = sign_in(client, cast.leader).post(raise_url(cast), {"summary": " "}).content.decode()
    assert "There is a problem" in html
    for message in ("Select how serious the concern is", "Enter a summary of the concern", "Enter the details"):
        assert message in html
    assert not Concern.objects.exists()


def test_the_commissioner_cannot_raise_a_concern(client, cast):
    assert sign_in(client, cast.commissioner).get(raise_url(cast)).status_code == 403


def test_the_alliance_sees_the_steps_and_the_leader_does_not(client, cast):
    concern = a_concern(cast)
    html = sign_in(client, cast.coordinator).get(concern_url(concern)).content.decode()
    assert "Resolve the concern" in html and "Escalate the concern" in html
    leader = sign_in(client, cast.leader).get(concern_url(concern)).content.decode()
    assert "Sessions keep being cancelled" in leader and "Resolve the concern" not in leader
    assert client.get(concern_url(concern, "concern-resolve")).status_code == 403


def test_the_client_gets_404_for_the_leaders_concern(client, cast):
    concern = a_concern(cast)
    assert sign_in(client, cast.client).get(concern_url(concern)).status_code == 404
    assert client.get(concern_url(concern, "concern-escalate")).status_code == 404


def test_escalating_needs_a_reason_then_escalates(client, cast):
    concern = a_concern(cast)
    sign_in(client, cast.coordinator)
    html = client.post(concern_url(concern, "concern-escalate"), {"reason": ""}).content.decode()
    assert "Enter why you are escalating the concern" in html
    response = client.post(concern_url(concern, "concern-escalate"), {"reason": "The school has not replied"})
    concern.refresh_from_db()
    assert response.status_code == 302 and concern.status == ConcernStatus.ESCALATED


def test_resolving_keeps_the_resolution_on_the_page(client, cast):
    concern = a_concern(cast)
    sign_in(client, cast.coordinator)
    html = client.post(concern_url(concern, "concern-resolve"), {"resolution": ""}).content.decode()
    assert "Enter how the concern was resolved" in html
    client.post(concern_url(concern, "concern-resolve"), {"resolution": "Cover booked a term ahead"})
    html = client.get(concern_url(concern)).content.decode()
    assert "Cover booked a term ahead" in html and "Resolve the concern" not in html


def test_a_refusal_is_shown_as_an_error(client, cast):
    concern = a_concern(cast)
    sign_in(client, cast.coordinator)
    client.post(concern_url(concern, "concern-resolve"), {"resolution": "Done"})
    html = client.post(concern_url(concern, "concern-resolve"), {"resolution": "Again"}).content.decode()
    assert "already resolved" in html


@pytest.mark.parametrize(("who", "offered"), [("leader", True), ("client", True), ("commissioner", False)])
def test_the_deployment_page_offers_raise_a_concern_to_those_who_may(client, cast, who, offered):
    html = sign_in(client, getattr(cast, who)).get(
        reverse("deployments:detail", kwargs={"deployment_id": cast.deployment.pk})
    )
    assert ("Raise a concern" in html.content.decode()) is offered


def test_the_section_reads_the_concerns_in_a_fixed_number_of_queries(cast):
    a_concern(cast)
    request = RequestFactory().get("/")
    request.user = cast.coordinator
    concern_views.section(request, cast.deployment)  # reads the person's memberships once
    count = [0]

    def grow():
        count[0] += 1
        a_concern(cast, count[0])

    def fetch():
        rows = concern_views.section(request, cast.deployment)["rows"]
        return [(r["concern"].summary, r["severity"]["text"], r["concern"].raised_by.full_name) for r in rows]

    assert_constant_queries(fetch, grow)
    assert len(fetch()) == 3
