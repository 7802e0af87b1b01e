"""Who may open the leader's own pages: designated leaders only, without a second factor."""

import pytest
from django.urls import reverse

from domain.accounts.roles import Role
from tests.conftest import person_in_role, sign_in

from .helpers import soup

pytestmark = pytest.mark.django_db

PAGES = [
    ("leader:association", {}),
    ("leader:association-request", {}),
    ("leader:memorandum", {}),
    ("leader:pen-portrait", {}),
    ("leader:pen-portrait-change", {}),
    ("leader:pen-portrait-withdraw", {}),
    ("leader:availability", {}),
    ("leader:availability-term", {"term_key": "2026-autumn"}),
    ("leader:unavailable-add", {}),
]


@pytest.mark.parametrize("name,kwargs", PAGES)
@pytest.mark.parametrize("leader", ["alex", "drew"])
def test_each_page_renders_with_one_h1_ordered_headings_and_unique_ids(name, kwargs, leader, as_leader):
    response = as_leader(leader).get(reverse(name, kwargs=kwargs))
    if leader == "drew" and name == "leader:pen-portrait-withdraw":
        assert response.status_code == 404  # nothing published to take down
        return
    assert response.status_code == 200
    page = soup(response)
    levels = [int(h.name[1]) for h in page.find("main").find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))


def test_leaders_need_no_second_factor(demo):
    assert not demo["alex"].needs_two_factor()


@pytest.mark.parametrize("name,kwargs", PAGES)
def test_someone_who_is_not_a_designated_leader_is_refused(name, kwargs, client):
    # A system leader's role without a designation is not enough.
    person = person_in_role(Role.SYSTEM_LEADER)
    assert sign_in(client, person).get(reverse(name, kwargs=kwargs)).status_code == 403


def test_a_coordinator_is_refused_and_changes_nothing(client, demo):
    from domain.leaders.models import Association

    sign_in(client, demo["coordinator"])
    url = reverse("leader:association-respond", kwargs={"association_id": demo["association"].pk, "event": "end"})
    assert client.post(url, {"reason": "Trying"}).status_code == 403
    assert Association.objects.get(pk=demo["association"].pk).status == "active"


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(reverse("leader:association"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))
