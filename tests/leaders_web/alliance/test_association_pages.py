"""One association as its alliance sees it, the changes the alliance may make, and the memorandum."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.leaders import association_services, memorandum_services
from domain.leaders.models import Association, MemorandumAcceptance

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response) -> list[str]:
    return [li.get_text(strip=True) for li in soup_of(response).select(".govuk-error-summary__list li")]


def detail(association):
    return reverse("alliance:association", kwargs={"association_id": association.pk})


def change(association, event):
    return reverse("alliance:association-change", kwargs={"association_id": association.pk, "event": event})


def test_the_association_page_shows_the_leader_memorandum_availability_and_history(demo, as_user):
    response = as_user(demo["coordinator"]).get(detail(demo["association"]))
    page = soup_of(response)
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True) == "Alex Fernleigh"
    assert "Aire Valley Primary School" in text and "Local leader of education" in text
    assert "Autumn term 2026 to 2027" in text  # availability, this term first
    assert "Accept the memorandum for" not in text  # both sides have accepted
    timeline = reverse(
        "portal:timeline", kwargs={"subject_type": "leaders.association", "subject_id": demo["association"].pk}
    )
    assert page.find("a", href=timeline) is not None
    buttons = [a.get_text(strip=True) for a in page.select("a.govuk-button")]
    assert buttons == ["End the association", "Transfer the association"]


def test_accepting_a_leader_s_request(demo, as_user):
    request = association_services.association_request(actor=demo["existing.lle"], organisation=demo["aire"])
    client = as_user(demo["coordinator"])
    leaders = client.get(reverse("alliance:leaders")).content.decode()
    assert change(request, "accept") in leaders and change(request, "decline") in leaders
    buttons = [a.get_text(strip=True) for a in soup_of(client.get(detail(request))).select("a.govuk-button")]
    assert buttons == ["Accept the request", "Decline the request"]
    response = client.post(change(request, "accept"))
    assert response.url == detail(request)
    request.refresh_from_db()
    assert request.status == "active"
    # The hub's open invitation to the same leader closes.
    assert Association.objects.get(pk=demo["invitation"].pk).status == "withdrawn"
    banner = soup_of(client.get(response.url)).select_one(".govuk-notification-banner").get_text()
    assert "Drew Hollinsworth is now associated with Aire Valley Teaching School Alliance" in banner


def test_declining_a_request(demo, as_user):
    request = association_services.association_request(actor=demo["existing.lle"], organisation=demo["aire"])
    as_user(demo["coordinator"]).post(change(request, "decline"), {"reason": ""})
    assert Association.objects.get(pk=request.pk).status == "declined"


def test_ending_needs_a_reason(demo, as_user):
    client = as_user(demo["coordinator"])
    association = demo["association"]
    refused = client.post(change(association, "end"), {"reason": "  "})
    assert error_summary(refused) == ["Enter why the association is ending"]
    assert Association.objects.get(pk=association.pk).status == "active"
    done = client.post(change(association, "end"), {"reason": "Alex has moved to a school outside the area"})
    assert done.url == detail(association)
    association.refresh_from_db()
    assert (association.status, association.end_reason) == ("ended", "Alex has moved to a school outside the area")
    page = soup_of(client.get(done.url)).get_text(" ", strip=True)
    assert "The association with Alex Fernleigh has ended" in page
    assert "Alex has moved to a school outside the area" in page
    # Ending it again is refused, changing nothing.
    again = client.post(change(association, "end"), {"reason": "Again"})
    [reason] = error_summary(again)
    assert "ended" in reason
    assert Association.objects.get(pk=association.pk).end_reason == "Alex has moved to a school outside the area"


def test_transferring_to_the_hub(demo, as_user):
    client = as_user(demo["coordinator"])
    association = demo["association"]
    form = soup_of(client.get(change(association, "transfer")))
    options = [o.get_text(strip=True) for o in form.select("select option")]
    assert demo["hub"].name in options and demo["aire"].name not in options
    refused = client.post(change(association, "transfer"), {"organisation": demo["hub"].pk, "reason": ""})
    assert error_summary(refused) == ["Enter why the association is moving"]
    done = client.post(
        change(association, "transfer"), {"organisation": demo["hub"].pk, "reason": "Alex asked to move"}
    )
    assert done.url == detail(association)
    assert Association.objects.get(pk=association.pk).status == "transferred"
    assert Association.objects.get(leader=demo["system.leader"], status="active").organisation == demo["hub"]


def test_the_hub_withdraws_its_invitation_but_cannot_accept_it(demo, as_user):
    client = as_user(demo["hub.coordinator"])
    invitation = demo["invitation"]
    refused = client.post(change(invitation, "accept"))
    assert error_summary(refused) == ["Only Drew Hollinsworth can accept or decline the invitation"]
    assert Association.objects.get(pk=invitation.pk).status == "invited"
    client.post(change(invitation, "withdraw"), {"reason": ""})
    assert Association.objects.get(pk=invitation.pk).status == "withdrawn"
    # A withdrawn invitation cannot be withdrawn again: the service says why.
    again = client.post(change(invitation, "withdraw"), {"reason": ""})
    assert error_summary(again) == ["This invitation was withdrawn"]


def test_another_alliance_s_association_is_not_found(demo, as_user):
    client = as_user(demo["coordinator"])
    invitation = demo["invitation"]
    assert client.get(detail(invitation)).status_code == 404
    assert client.post(change(invitation, "withdraw"), {"reason": ""}).status_code == 404
    memorandum = reverse("alliance:memorandum-accept", kwargs={"association_id": invitation.pk})
    assert client.post(memorandum, {"confirm": "on"}).status_code == 404
    assert Association.objects.get(pk=invitation.pk).status == "invited"
    # The regional representative acts for every alliance and hub of the region.
    assert as_user(demo["regional.lead"]).get(detail(invitation)).status_code == 200


def test_an_unknown_change_is_not_found(demo, as_user):
    assert as_user(demo["coordinator"]).get(change(demo["association"], "expire")).status_code == 404


def test_accepting_a_new_version_of_the_memorandum(demo, as_user):
    association = demo["association"]
    region = demo["aire"].region
    memorandum = memorandum_services.memorandum_publish(
        actor=demo["regional.lead"], region=region, title="Memorandum of understanding", body="Version two."
    )
    client = as_user(demo["coordinator"])
    page = soup_of(client.get(detail(association)))
    url = reverse("alliance:memorandum-accept", kwargs={"association_id": association.pk})
    button = page.find("a", href=url)
    assert button.get_text(strip=True) == "Accept the memorandum for Aire Valley Teaching School Alliance"
    refused = client.post(url, {"memorandum": memorandum.pk})
    assert error_summary(refused) == [
        "Confirm that you have read the memorandum and accept it for Aire Valley Teaching School Alliance"
    ]
    assert not MemorandumAcceptance.objects.filter(memorandum=memorandum).exists()
    done = client.post(url, {"memorandum": memorandum.pk, "confirm": "on"})
    assert done.url == detail(association)
    acceptance = MemorandumAcceptance.objects.get(memorandum=memorandum)
    assert (acceptance.party, acceptance.accepted_by) == ("organisation", demo["coordinator"])


def test_an_older_version_of_the_memorandum_is_refused(demo, as_user):
    association = demo["association"]
    old = memorandum_services.memorandum_current(demo["aire"].region)
    memorandum_services.memorandum_publish(
        actor=demo["regional.lead"], region=demo["aire"].region, title="Memorandum", body="Version two."
    )
    url = reverse("alliance:memorandum-accept", kwargs={"association_id": association.pk})
    refused = as_user(demo["coordinator"]).post(url, {"memorandum": old.pk, "confirm": "on"})
    [reason] = error_summary(refused)
    assert reason.startswith("A newer version of the memorandum")
