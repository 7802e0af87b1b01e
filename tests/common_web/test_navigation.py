"""The service navigation (ADR 21): at most six items for anyone, always in one order, the public
tools off it once signed in, and the account links and "Sign out" in the header's account bar."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from tests.conftest import person_in_role, sign_in

pytestmark = pytest.mark.django_db

ORDER = ["Home", "Support requests", "Deployments", "Leaders", "Your profile", "Recruitment", "Events"]
PUBLIC_TOOLS = {"Find a system leader", "Find a school", "Ask for support", "Become a system leader"}


def _page(client, name="portal:home"):
    return BeautifulSoup(client.get(reverse(name)).content, "html.parser")


def _navigation(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".govuk-service-navigation__list a")]


def _account_bar(page) -> list[str]:
    return [e.get_text(strip=True) for e in page.select(".app-account-bar a, .app-account-bar button")]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_at_most_six_items_in_the_one_order(client, role):
    page = _page(sign_in(client, person_in_role(role)))
    items = _navigation(page)
    assert 1 <= len(items) <= 6
    assert items == sorted(items, key=ORDER.index), "always in the same order"
    assert items[0] == "Home"
    assert not PUBLIC_TOOLS & set(items)
    assert not {"Your account", "Sign out", "Regional admin"} & set(items)
    assert _account_bar(page)[-2:] == ["Your account", "Sign out"]


def test_a_coordinator_sees_the_whole_set(client):
    page = _page(sign_in(client, person_in_role(Role.TSA_COORDINATOR)))
    assert _navigation(page) == ["Home", "Support requests", "Deployments", "Leaders", "Recruitment", "Events"]
    assert _account_bar(page) == ["Your account", "Sign out"]


def test_the_current_section_is_marked(client):
    page = _page(sign_in(client, person_in_role(Role.TSA_COORDINATOR)), "portal:designations")
    current = page.select(".govuk-service-navigation__list a[aria-current]")
    assert [a.get_text(strip=True) for a in current] == ["Leaders"]


def test_signed_out_people_see_the_public_tools_and_sign_in(client):
    page = _page(client, "public:start")
    assert _navigation(page) == ["Find a system leader", "Ask for support", "Become a system leader", "Find a school"]
    assert _account_bar(page) == ["Sign in"]


def test_the_home_page_keeps_the_public_tools_in_reach(client):
    page = _page(sign_in(client, person_in_role(Role.SCHOOL_CONTACT)))
    links = {a.get_text(strip=True): a["href"] for a in page.select("main aside a")}
    assert links["Find a system leader"] == reverse("directory:search")
    assert links["Find a school"] == reverse("public:school-search")


def test_the_leaders_page_leads_to_the_designations(client):
    page = _page(sign_in(client, person_in_role(Role.TSA_COORDINATOR)), "alliance:leaders")
    assert page.select_one(f'main a[href="{reverse("portal:designations")}"]') is not None
