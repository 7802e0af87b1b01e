"""The leader's association pages: where they stand, asking, answering invitations, ending and
moving the association, and the memorandum of understanding."""

import datetime as dt

import pytest
from django.urls import reverse

from domain.leaders import association_services
from domain.leaders.models import Association, MemorandumAcceptance
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from tests import factories
from tests.queries import assert_constant_queries

from .helpers import banner, errors, main_text, soup

pytestmark = pytest.mark.django_db


def respond(association, event):
    return reverse("leader:association-respond", kwargs={"association_id": association.pk, "event": event})


def test_the_page_says_who_the_leader_is_associated_with_and_where_the_memorandum_stands(as_leader):
    page = main_text(as_leader("alex").get(reverse("leader:association")))
    assert "Aire Valley Teaching School Alliance (teaching school alliance)" in page
    assert "Designated by the alliance" in page
    assert "you associate with one at a time, and your school becomes a member of that alliance" in page
    assert "You: accepted version 1 on 22 November 2026" in page
    assert "Ask an alliance, hub or grouping to associate with you" not in page


def test_an_unassociated_leader_sees_their_invitation_with_its_buttons(as_leader, demo):
    response = as_leader("drew").get(reverse("leader:association"))
    card = soup(response).select_one("[data-testid=invitation]")
    text = " ".join(card.get_text(" ").split())
    assert "Pennine Teaching School Hub" in text
    assert "We broker support across Bradford and Calderdale." in text
    assert "20 December 2026" in text
    hrefs = [a["href"] for a in card.select("a.govuk-button")]
    assert hrefs == [respond(demo["invitation"], "accept"), respond(demo["invitation"], "decline")]
    assert "Ask an alliance, hub or grouping to associate with you" in main_text(response)


def test_accepting_the_invitation_associates_and_leads_to_the_memorandum(as_leader, demo):
    client = as_leader("drew")
    url = respond(demo["invitation"], "accept")
    assert "If you accept, Pennine Teaching School Hub will broker all your deployments" in main_text(client.get(url))
    response = client.post(url)
    assert response.url == reverse("leader:memorandum")
    invitation = Association.objects.get(pk=demo["invitation"].pk)
    assert invitation.status == "active"
    assert AllianceMembership.objects.filter(
        alliance=invitation.organisation, school__name__startswith="Beckside"
    ).exists()
    page = client.get(response.url)
    assert "You are now associated with Pennine Teaching School Hub" in banner(page)
    assert "I have read and accept the memorandum" in main_text(page)


def test_the_memorandum_needs_the_box_ticked_then_records_the_acceptance(as_leader, demo):
    client = as_leader("drew")
    client.post(respond(demo["invitation"], "accept"))
    url = reverse("leader:memorandum")
    refused = client.post(url, {"version": "1"})
    assert errors(refused) == ["Confirm that you accept the memorandum"]
    assert soup(refused).select_one(".govuk-error-summary__list a")["href"] == "#id_confirm"
    assert soup(refused).find(id="id_confirm") is not None
    assert not MemorandumAcceptance.objects.filter(association=demo["invitation"]).exists()
    done = client.post(url, {"version": "1", "confirm": "on"}, follow=True)
    acceptance = MemorandumAcceptance.objects.get(association=demo["invitation"])
    assert (acceptance.party, acceptance.accepted_by) == ("leader", demo["drew"])
    assert "You accepted version 1 of the memorandum of understanding" in banner(done)
    assert "I have read and accept the memorandum" not in main_text(done)


def test_a_version_published_meanwhile_is_not_accepted_unread(as_leader, demo):
    from domain.leaders.memorandum_services import memorandum_publish

    client = as_leader("drew")
    client.post(respond(demo["invitation"], "accept"))
    memorandum_publish(actor=None, region=demo["invitation"].organisation.region, title="Version two", body="New.")
    refused = client.post(reverse("leader:memorandum"), {"version": "1", "confirm": "on"})
    assert "A newer version of the memorandum (version 2) has been published" in errors(refused)[0]
    assert not MemorandumAcceptance.objects.filter(association=demo["invitation"]).exists()


def test_without_an_association_the_memorandum_page_says_so(as_leader):
    response = as_leader("drew").get(reverse("leader:memorandum"))
    assert response.status_code == 200
    assert "You are not associated with an alliance, hub or grouping" in main_text(response)
    assert soup(response).find("main").find("form", method="post") is None  # no memorandum to accept


def test_declining_closes_the_invitation(as_leader, demo):
    client = as_leader("drew")
    response = client.post(respond(demo["invitation"], "decline"), {"reason": "I work with another hub"}, follow=True)
    assert Association.objects.get(pk=demo["invitation"].pk).status == "declined"
    assert "You declined the invitation from Pennine Teaching School Hub" in banner(response)
    past = [" ".join(r.get_text(" ").split()) for r in soup(response).select("[data-testid=past]")]
    assert past == ["Pennine Teaching School Hub Invited by the alliance 22 November 2026 Declined"]


def test_an_expired_invitation_cannot_be_accepted(as_leader, demo, frozen_clock):
    frozen_clock.shift(dt.timedelta(days=29))
    client = as_leader("drew")
    refused = client.post(respond(demo["invitation"], "accept"))
    assert refused.status_code == 200
    assert errors(refused) == ["This invitation expired on 20 December 2026"]
    assert Association.objects.get(pk=demo["invitation"].pk).status == "invited"


def test_a_withdrawn_invitation_cannot_be_accepted(as_leader, demo):
    association_services.association_withdraw(actor=demo["invitation"].started_by, association=demo["invitation"])
    refused = as_leader("drew").post(respond(demo["invitation"], "accept"))
    assert errors(refused) == ["This invitation was withdrawn"]
    assert Association.objects.get(pk=demo["invitation"].pk).status == "withdrawn"
    assert not Association.objects.filter(leader=demo["drew"], status="active").exists()


def test_asking_an_alliance_to_associate(as_leader, demo):
    client = as_leader("drew")
    aire = Organisation.objects.get(code="DEMO-TSA1")
    form = client.get(reverse("leader:association-request"))
    options = [o.get_text(strip=True) for o in soup(form).select("select option")][1:]
    assert options[0].startswith("Aire Valley Teaching School Alliance")
    response = client.post(reverse("leader:association-request"), {"organisation_id": aire.pk, "message": "Hello"})
    assert response.url == reverse("leader:association")
    asked = Association.objects.get(leader=demo["drew"], organisation=aire)
    assert (asked.status, asked.origin, asked.message) == ("requested", "request", "Hello")
    page = client.get(response.url)
    assert "You asked Aire Valley Teaching School Alliance to associate with you" in banner(page)
    withdraw = soup(page).select_one("[data-testid=request] a")["href"]
    assert withdraw == respond(asked, "withdraw")


def test_a_region_s_alliances_come_first(as_leader, demo):
    elsewhere = factories.OrganisationFactory(
        kind=OrganisationKind.TSA, name="AAA Alliance elsewhere", region=factories.region("London")
    )
    options = [o["value"] for o in soup(as_leader("drew").get(reverse("leader:association-request"))).select("option")]
    assert options[-1] == str(elsewhere.pk)


def test_asking_while_associated_is_refused_and_changes_nothing(as_leader):
    hub = Organisation.objects.get(code="DEMO-HUB1")
    refused = as_leader("alex").post(reverse("leader:association-request"), {"organisation_id": hub.pk})
    assert errors(refused)[0].startswith("You are already associated with Aire Valley Teaching School Alliance")
    assert not Association.objects.filter(organisation=hub, leader__email="system.leader@demo.test").exists()


def test_asking_needs_a_choice(as_leader):
    refused = as_leader("drew").post(reverse("leader:association-request"), {"organisation_id": ""})
    assert errors(refused) == ["Choose the alliance, hub or grouping you want to associate with"]
    assert soup(refused).select_one(".govuk-error-summary__list a")["href"] == "#id_organisation_id"


def test_withdrawing_a_request(as_leader, demo):
    aire = Organisation.objects.get(code="DEMO-TSA1")
    asked = association_services.association_request(actor=demo["drew"], organisation=aire)
    client = as_leader("drew")
    client.post(respond(asked, "withdraw"), {"reason": ""})
    assert Association.objects.get(pk=asked.pk).status == "withdrawn"


def test_a_leader_cannot_accept_their_own_request(as_leader, demo):
    aire = Organisation.objects.get(code="DEMO-TSA1")
    asked = association_services.association_request(actor=demo["drew"], organisation=aire)
    client = as_leader("drew")
    assert client.get(respond(asked, "accept")).status_code == 404
    assert client.post(respond(asked, "accept")).status_code == 404
    assert Association.objects.get(pk=asked.pk).status == "requested"


def test_an_unknown_step_is_not_found(as_leader, demo):
    assert as_leader("alex").get(respond(demo["association"], "approve")).status_code == 404


def test_another_leader_s_association_is_not_found(as_leader, demo):
    client = as_leader("alex")
    for event in ("accept", "decline"):
        assert client.get(respond(demo["invitation"], event)).status_code == 404
        assert client.post(respond(demo["invitation"], event)).status_code == 404
    assert Association.objects.get(pk=demo["invitation"].pk).status == "invited"
    client = as_leader("drew")
    assert client.post(respond(demo["association"], "end"), {"reason": "Not mine"}).status_code == 404
    assert Association.objects.get(pk=demo["association"].pk).status == "active"


def test_ending_needs_a_reason(as_leader, demo):
    client = as_leader("alex")
    url = respond(demo["association"], "end")
    refused = client.post(url, {"reason": "  "})
    assert errors(refused) == ["Enter why you are ending the association"]
    assert Association.objects.get(pk=demo["association"].pk).status == "active"
    done = client.post(url, {"reason": "Moving to a school in another region"}, follow=True)
    ended = Association.objects.get(pk=demo["association"].pk)
    assert (ended.status, ended.end_reason) == ("ended", "Moving to a school in another region")
    assert "Your association with Aire Valley Teaching School Alliance has ended" in banner(done)
    assert "Ask an alliance, hub or grouping to associate with you" in main_text(done)


def test_ending_twice_is_refused(as_leader, demo):
    client = as_leader("alex")
    url = respond(demo["association"], "end")
    client.post(url, {"reason": "First"})
    refused = client.post(url, {"reason": "Second"})
    assert errors(refused) == ["This association has already ended"]
    assert Association.objects.get(pk=demo["association"].pk).end_reason == "First"


def test_moving_the_association_to_the_hub(as_leader, demo):
    hub = Organisation.objects.get(code="DEMO-HUB1")
    client = as_leader("alex")
    url = respond(demo["association"], "transfer")
    choices = [o["value"] for o in soup(client.get(url)).select("option")]
    assert str(demo["association"].organisation_id) not in choices
    refused = client.post(url, {"organisation_id": hub.pk, "reason": ""})
    assert errors(refused) == ["Enter why you are moving your association"]
    assert Association.objects.get(pk=demo["association"].pk).status == "active"
    done = client.post(url, {"organisation_id": hub.pk, "reason": "The hub covers my area"})
    assert done.url == reverse("leader:memorandum")
    assert Association.objects.get(pk=demo["association"].pk).status == "transferred"
    new = Association.objects.get(leader=demo["alex"], status="active")
    assert (new.organisation, new.previous_id) == (hub, demo["association"].pk)


def test_the_page_runs_the_same_queries_however_many_invitations_and_past_associations(client, as_leader, demo):
    as_leader("drew")
    url = reverse("leader:association")

    def grow():
        for status in ("invited", "declined"):
            Association.objects.create(
                leader=demo["drew"],
                organisation=factories.OrganisationFactory(kind=OrganisationKind.TSA),
                status=status,
                origin="invitation",
                started_by=demo["coordinator"],
                expires_on=dt.date(2026, 12, 20),
            )

    grow()
    response = assert_constant_queries(lambda: client.get(url), grow, times=2)
    page = soup(response)
    assert len(page.select("[data-testid=invitation]")) == 4
    assert len(page.select("[data-testid=past]")) == 3


def test_accepting_an_invitation_while_associated_is_refused(as_leader, demo):
    hub = Organisation.objects.get(code="DEMO-HUB1")
    # An invitation left from before the association (the service would refuse a new one).
    invitation = Association.objects.create(
        leader=demo["alex"], organisation=hub, status="invited", origin="invitation", expires_on=dt.date(2026, 12, 1)
    )
    refused = as_leader("alex").post(respond(invitation, "accept"))
    assert errors(refused)[0].startswith("You are already associated with Aire Valley Teaching School Alliance")
    assert Association.objects.get(pk=invitation.pk).status == "invited"
    assert Association.objects.get(pk=demo["association"].pk).status == "active"
