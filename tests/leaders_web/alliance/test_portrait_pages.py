"""Pen portraits waiting for the alliance's approval: approve, return, take down."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.leaders.models import DirectoryEntry, PenPortrait
from tests.queries import assert_constant_queries

from .conftest import designate_for, submitted_portrait

pytestmark = pytest.mark.django_db

PORTRAITS = reverse("alliance:portraits")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response) -> list[str]:
    return [li.get_text(strip=True) for li in soup_of(response).select(".govuk-error-summary__list li")]


def detail(portrait):
    return reverse("alliance:portrait", kwargs={"portrait_id": portrait.pk})


def riley_s(demo):
    return PenPortrait.objects.get(leader=demo["sle.english"], status="submitted")


def listed(response) -> list[str]:
    return [a.get_text(strip=True) for a in soup_of(response).select("td a")]


def test_the_hub_approves_riley_s_portrait_and_it_reaches_the_directory(demo, as_user):
    portrait = riley_s(demo)
    client = as_user(demo["hub.coordinator"])
    assert listed(client.get(PORTRAITS)) == ["Riley Ashworth"]
    page = soup_of(client.get(detail(portrait))).get_text(" ", strip=True)
    assert "Head of English; has supported three departments" in page
    assert not DirectoryEntry.objects.filter(leader=demo["sle.english"]).exists()
    done = client.post(detail(portrait), {"action": "approve"})
    assert done.url == detail(portrait)
    assert PenPortrait.objects.get(pk=portrait.pk).status == "published"
    entry = DirectoryEntry.objects.get(leader=demo["sle.english"])
    assert entry.portrait_id == portrait.pk and entry.organisation == demo["hub"]
    assert listed(client.get(PORTRAITS)) == []


def test_returning_needs_the_changes(demo, as_user):
    portrait = riley_s(demo)
    client = as_user(demo["hub.coordinator"])
    refused = client.post(detail(portrait), {"action": "return", "changes": ""})
    assert error_summary(refused) == ["Enter the changes the pen portrait needs"]
    assert soup_of(refused).select_one(".govuk-error-summary__list a")["href"] == "#id_changes"
    assert PenPortrait.objects.get(pk=portrait.pk).status == "submitted"
    client.post(detail(portrait), {"action": "return", "changes": "Say which key stages you have taught"})
    portrait.refresh_from_db()
    assert (portrait.status, portrait.decision_note) == ("returned", "Say which key stages you have taught")
    assert not DirectoryEntry.objects.filter(leader=demo["sle.english"]).exists()


def test_aire_cannot_see_or_approve_the_hub_s_portrait(demo, as_user):
    portrait = riley_s(demo)
    client = as_user(demo["coordinator"])
    assert listed(client.get(PORTRAITS)) == []
    assert client.get(detail(portrait)).status_code == 404
    assert client.post(detail(portrait), {"action": "approve"}).status_code == 404
    assert PenPortrait.objects.get(pk=portrait.pk).status == "submitted"
    assert as_user(demo["regional.lead"]).get(detail(portrait)).status_code == 200


def test_taking_down_a_published_portrait_needs_a_reason(demo, as_user):
    portrait = PenPortrait.objects.get(leader=demo["system.leader"], status="published")
    client = as_user(demo["coordinator"])
    refused = client.post(detail(portrait), {"action": "withdraw", "reason": ""})
    assert error_summary(refused) == ["Enter why the pen portrait is being taken down"]
    assert DirectoryEntry.objects.filter(leader=demo["system.leader"]).exists()
    client.post(detail(portrait), {"action": "withdraw", "reason": "Alex is on leave for a year"})
    assert PenPortrait.objects.get(pk=portrait.pk).status == "withdrawn"
    assert not DirectoryEntry.objects.filter(leader=demo["system.leader"]).exists()


def test_a_new_version_is_shown_beside_the_published_one(demo, as_user):
    from domain.leaders import portrait_services

    draft = portrait_services.portrait_save_draft(
        actor=demo["system.leader"], values={"experience": "Now also leads a maths hub.", "phases": ["primary"]}
    )
    portrait_services.portrait_submit(actor=demo["system.leader"], portrait=draft)
    page = soup_of(as_user(demo["coordinator"]).get(detail(draft)))
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert "Submitted version (2)" in headings and "Published version (1)" in headings
    assert "Now also leads a maths hub." in page.get_text()


def test_the_list_runs_the_same_queries_however_long(demo, as_user, client):
    as_user(demo["hub.coordinator"])

    def grow():
        submitted_portrait(designate_for(demo["hub"], actor=demo["hub.coordinator"], role="sle"))

    response = assert_constant_queries(lambda: client.get(PORTRAITS), grow, times=3)
    # Oldest first: Riley submitted before the others.
    assert listed(response)[0] == "Riley Ashworth" and len(listed(response)) == 4
