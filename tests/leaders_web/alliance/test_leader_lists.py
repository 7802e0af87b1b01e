"""The coordinator's list of their leaders and the regional list they invite from."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.leaders.models import Association
from tests.queries import assert_constant_queries

from .conftest import designate_for

pytestmark = pytest.mark.django_db

LEADERS = reverse("alliance:leaders")
REGIONAL = reverse("alliance:regional-list")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def table_rows(response, caption_starts=""):
    rows = []
    for table in soup_of(response).select("table"):
        caption = table.select_one("caption").get_text(strip=True)
        if caption.startswith(caption_starts):
            rows += [[cell.get_text(" ", strip=True) for cell in tr.select("td")] for tr in table.select("tbody tr")]
    return rows


def error_summary(response) -> list[str]:
    return [li.get_text(strip=True) for li in soup_of(response).select(".govuk-error-summary__list li")]


def test_the_coordinator_sees_their_leaders_with_memorandum_portrait_and_days_left(demo, as_user):
    response = as_user(demo["coordinator"]).get(LEADERS)
    assert response.status_code == 200
    rows = {row[0]: row for row in table_rows(response, "Leaders associated with")}
    alex = rows["Alex Fernleigh"]
    # Alex offered 10 days this term; 5 are committed: a diagnostic visit, and the 3 of the demo
    # deployment's 4 days that fall in this term by working days.
    # Alex also serves as a national leader of governance (demo.designation_reviews).
    assert alex[1:] == [
        "National leader of governance, Local leader of education",
        "22 November 2026",
        "Accepted by both",
        "Published",
        "5",
    ]
    assert "Jamie Oakroyd" in rows and "Drew Hollinsworth" not in rows
    page = response.content.decode()
    assert "Pen portraits waiting for approval (0)" in page
    assert f"{REGIONAL}?organisation={demo['aire'].pk}" in page


def test_the_hub_sees_its_invitation_waiting_with_a_way_to_withdraw_it(demo, as_user):
    response = as_user(demo["hub.coordinator"]).get(LEADERS)
    invitations = table_rows(response, "Invitations")
    assert [row[0] for row in invitations] == ["Drew Hollinsworth"]
    withdraw = reverse(
        "alliance:association-change", kwargs={"association_id": demo["invitation"].pk, "event": "withdraw"}
    )
    assert withdraw in response.content.decode()
    assert "Pen portraits waiting for approval (1)" in response.content.decode()


def test_a_representative_chooses_the_organisation(demo, as_user):
    client = as_user(demo["regional.lead"])
    first = client.get(LEADERS)
    assert soup_of(first).select_one(".govuk-caption-l").get_text(strip=True) == demo["aire"].name
    hub = client.get(LEADERS, {"organisation": demo["hub"].pk})
    assert soup_of(hub).select_one(".govuk-caption-l").get_text(strip=True) == demo["hub"].name
    assert [row[0] for row in table_rows(hub, "Invitations")] == ["Drew Hollinsworth"]
    # Someone else's organisation cannot be chosen: the page falls back to the first.
    other = as_user(demo["coordinator"]).get(LEADERS, {"organisation": demo["hub"].pk})
    assert soup_of(other).select_one(".govuk-caption-l").get_text(strip=True) == demo["aire"].name


def test_the_leaders_page_runs_the_same_queries_however_many_leaders(demo, as_user, client):
    as_user(demo["coordinator"])
    response = assert_constant_queries(
        lambda: client.get(LEADERS), lambda: designate_for(demo["aire"], actor=demo["coordinator"]), times=3
    )
    # The demo's 4, Sasha Hebden and Avery Marsden under review (demo.designation_reviews), and 3 more.
    assert len(table_rows(response, "Leaders associated with")) == 7


def test_the_regional_list_offers_a_checkbox_only_for_leaders_who_can_be_invited(demo, as_user):
    response = as_user(demo["coordinator"]).get(REGIONAL)
    soup = soup_of(response)
    rows = {row[1]: row for row in table_rows(response)}
    assert rows["Drew Hollinsworth"][2:] == [
        "Local leader of education",
        "The national programme",
        "Beckside Church of England Primary School",
        "Not associated",
    ]
    assert rows["Alex Fernleigh"][5] == "Aire Valley Teaching School Alliance"
    boxes = [box["value"] for box in soup.select("input[name=leaders]")]
    assert boxes == [str(demo["existing.lle"].pk)]


def test_bulk_invite_invites_who_can_be_and_says_why_the_others_cannot(demo, as_user):
    client = as_user(demo["coordinator"])
    response = client.post(
        REGIONAL,
        {"leaders": [demo["existing.lle"].pk, demo["sle.maths"].pk], "message": "We work across Leeds."},
    )
    assert response.status_code == 200
    invitation = Association.objects.get(leader=demo["existing.lle"], organisation=demo["aire"])
    assert (invitation.status, invitation.message) == ("invited", "We work across Leeds.")
    assert "1 leader invited" in soup_of(response).select_one(".govuk-notification-banner").get_text()
    assert error_summary(response) == ["Jamie Oakroyd is already associated with Aire Valley Teaching School Alliance"]
    assert soup_of(response).title.get_text().startswith("Error:")
    # Now Drew has an open invitation from Aire: no checkbox, a tag instead.
    again = client.get(REGIONAL)
    assert soup_of(again).select("input[name=leaders]") == []
    assert "Invitation or request open" in again.content.decode()


def test_a_single_invitation_redirects_with_a_success_banner(demo, as_user):
    client = as_user(demo["coordinator"])
    response = client.post(REGIONAL + "?role=lle", {"leaders": [demo["existing.lle"].pk]})
    assert response.status_code == 302 and response.url == REGIONAL + "?role=lle"
    banner = soup_of(client.get(response.url)).select_one(".govuk-notification-banner")
    assert "1 leader invited" in banner.get_text()
    assert Association.objects.filter(leader=demo["existing.lle"], organisation=demo["aire"], status="invited").exists()


def test_the_hub_cannot_invite_a_leader_associated_with_aire(demo, as_user):
    before = Association.objects.count()
    response = as_user(demo["hub.coordinator"]).post(REGIONAL, {"leaders": [demo["system.leader"].pk]})
    [reason] = error_summary(response)
    assert reason.startswith("Alex Fernleigh is already associated with Aire Valley Teaching School Alliance.")
    assert Association.objects.count() == before
    assert soup_of(response).select(".govuk-notification-banner") == []


def test_inviting_nobody_asks_to_select_leaders(demo, as_user):
    response = as_user(demo["coordinator"]).post(REGIONAL, {"message": "Hello"})
    assert error_summary(response) == ["Select the leaders to invite"]
    assert soup_of(response).select_one(".govuk-error-summary__list a")["href"] == "#id_leaders"
    assert soup_of(response).find(id="id_leaders") is not None


def test_the_regional_list_filters(demo, as_user):
    client = as_user(demo["coordinator"])
    nles = client.get(REGIONAL, {"role": "nle"})
    assert [row[1] for row in table_rows(nles)] == ["Taylor Whitcliffe"]
    unassociated = client.get(REGIONAL, {"unassociated": "1"})
    assert [row[1] for row in table_rows(unassociated)] == ["Drew Hollinsworth"]
    by_name = client.get(REGIONAL, {"name": "oakroyd"})
    assert [row[1] for row in table_rows(by_name)] == ["Jamie Oakroyd"]


def test_the_regional_list_runs_the_same_queries_however_long(demo, as_user, client):
    as_user(demo["coordinator"])
    response = assert_constant_queries(
        lambda: client.get(REGIONAL), lambda: designate_for(demo["hub"], actor=demo["hub.coordinator"]), times=3
    )
    assert len(table_rows(response)) == 10  # the demo's seven and three more
