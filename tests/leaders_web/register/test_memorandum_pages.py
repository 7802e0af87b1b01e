"""The region's memorandum of understanding: its versions, who has accepted the current one, and
publishing a new version."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.leaders.models import Memorandum
from domain.organisations.models import Organisation, OrganisationKind, Region
from tests import factories
from tests.conftest import person_in_role

from .helpers import demo_representative

pytestmark = pytest.mark.django_db

PAGE = reverse("register:memorandum")
PUBLISH = reverse("register:memorandum-publish")


def yorkshire():
    return Region.objects.get(code="YH")


def summary(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one(".govuk-summary-list__key").get_text(strip=True): row.select_one(
            ".govuk-summary-list__value"
        ).get_text(" ", strip=True)
        for row in soup.select(".govuk-summary-list__row")
    }


def error_summary(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]


def test_the_page_shows_the_current_version_and_who_has_accepted_it(client):
    demo_representative(client)
    response = client.get(PAGE)
    assert response.status_code == 200
    rows = summary(response)
    assert rows["Version"] == "1"
    assert rows["Title"].startswith("Memorandum of understanding")
    # Six active associations (Alex, Jamie, Taylor, Riley, and Sasha and Avery of
    # demo.designation_reviews); Riley's is not yet accepted.
    assert rows["Accepted by leaders"] == "5 of 6 active associations"
    assert rows["Accepted by alliances, hubs and groupings"] == "5 of 6 active associations"
    soup = BeautifulSoup(response.content, "html.parser")
    paragraphs = [p.get_text() for p in soup.select("[data-memorandum-body] p")]
    assert len(paragraphs) == 8 and paragraphs[1].startswith("1. Association is an agreement")
    assert "There are no earlier versions." in soup.get_text()
    assert soup.select_one(f"a[href='{PUBLISH}?region={yorkshire().pk}']") is not None


def test_publishing_a_new_version(client):
    representative = demo_representative(client)
    form = BeautifulSoup(client.get(PUBLISH).content, "html.parser")
    # The form starts from the current text.
    current = Memorandum.objects.get(region=yorkshire(), version=1)
    assert form.select_one("textarea[name=body]").get_text().strip() == current.body.strip()
    assert form.select_one("input[name=title]")["value"] == current.title
    assert form.select_one("[name=region]") is None  # one region: nothing to choose

    response = client.post(
        PUBLISH,
        {"title": "Memorandum of understanding (2027)", "body": "First paragraph.\n\nSecond paragraph."},
        follow=True,
    )
    latest = Memorandum.objects.filter(region=yorkshire()).order_by("-version").first()
    assert (latest.version, latest.title, latest.published_by) == (
        2,
        "Memorandum of understanding (2027)",
        representative,
    )
    page = response.content.decode()
    assert "Version 2 of the memorandum of understanding is published for Yorkshire and the Humber" in page
    assert "Both sides of every association will be asked to accept the new version" in page
    rows = summary(response)
    assert rows["Version"] == "2"
    assert rows["Published"] == "22 November 2026 at 10am by Morgan Ashdown"
    # Nobody has accepted version 2 yet; version 1 is listed as an earlier version.
    assert rows["Accepted by leaders"] == "0 of 6 active associations"
    soup = BeautifulSoup(response.content, "html.parser")
    assert [p.get_text() for p in soup.select("[data-memorandum-body] p")] == ["First paragraph.", "Second paragraph."]
    earlier = [s.get_text(" ", strip=True) for s in soup.select(".govuk-details__summary-text")]
    assert len(earlier) == 1 and earlier[0].startswith("Version 1: Memorandum of understanding")


def test_publishing_refuses_empty_fields(client):
    demo_representative(client)
    response = client.post(PUBLISH, {"title": "  ", "body": ""})
    assert response.status_code == 200
    assert error_summary(response) == ["Enter a title for the memorandum", "Enter the text of the memorandum"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.get_text().startswith("Error:")
    assert soup.select_one(".govuk-error-summary__list a")["href"] == "#id_title"
    assert soup.find(id="id_title") is not None and soup.find(id="id_body") is not None
    assert Memorandum.objects.filter(region=yorkshire()).count() == 1
    response = client.post(PUBLISH, {"title": "A title", "body": "\n  \n"})
    assert error_summary(response) == ["Enter the text of the memorandum"]
    assert Memorandum.objects.filter(region=yorkshire()).count() == 1


def test_a_representative_of_two_regions_chooses_the_region(client, signed_in):
    board = Organisation.objects.get(kind=OrganisationKind.REGIONAL_BODY, code="RB-YH")
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE, organisation=board)
    north_west = factories.region("North West")
    other_board = factories.OrganisationFactory(kind=OrganisationKind.REGIONAL_BODY, region=north_west)
    factories.MembershipFactory(user=representative, organisation=other_board, role=Role.REGIONAL_REPRESENTATIVE)
    signed_in(representative)
    form = BeautifulSoup(client.get(PUBLISH, {"region": north_west.pk}).content, "html.parser")
    options = [o.get_text(strip=True) for o in form.select("select[name=region] option")]
    assert options == ["Choose a region", "North West", "Yorkshire and the Humber"]
    assert form.select_one("select[name=region] option[selected]").get_text(strip=True) == "North West"
    assert error_summary(client.post(PUBLISH, {"title": "T", "body": "B"})) == [
        "Choose the region the memorandum is for"
    ]
    client.post(PUBLISH, {"region": north_west.pk, "title": "North West memorandum", "body": "Text."})
    assert Memorandum.objects.filter(region=north_west).order_by("-version").first().title == "North West memorandum"
    assert Memorandum.objects.filter(region=yorkshire()).count() == 1
    page = client.get(PAGE, {"region": north_west.pk}).content.decode()
    assert "North West memorandum" in page


def test_another_region_s_memorandum_is_not_found(client):
    demo_representative(client)
    north_west = factories.region("North West")
    assert client.get(PAGE, {"region": north_west.pk}).status_code == 404
    assert client.get(PUBLISH, {"region": north_west.pk}).status_code == 404
    # A region the representative does not represent cannot be posted to either: the form has no
    # such choice, and the only region is theirs.
    client.post(PUBLISH, {"region": north_west.pk, "title": "Not ours", "body": "Text."})
    assert not Memorandum.objects.filter(region=north_west, title="Not ours").exists()


def test_a_coordinator_cannot_publish(client, signed_in):
    demo_representative(client)
    signed_in(User.objects.get(email="coordinator@demo.test"))
    assert client.post(PUBLISH, {"title": "T", "body": "B"}).status_code == 403
    assert Memorandum.objects.filter(region=yorkshire()).count() == 1
