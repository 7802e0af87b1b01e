"""The open recruitment rounds, for anyone (issue 12): each round's role, who runs it, region and
dates, and "Apply" (signed in) or "Create an account to apply" and "Sign in" (signed out), each
keeping the round to come back to."""

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from tests.conftest import person_in_role
from tests.queries import assert_constant_queries
from tests.recruitment.helpers import make_round

pytestmark = pytest.mark.django_db
URL = "/recruitment/rounds/"


def cards(response):
    return BeautifulSoup(response.content, "html.parser").select(".govuk-summary-card")


def test_the_page_is_public_and_describes_each_open_round(client):
    round_ = make_round(title="Leeds LLE round")
    make_round(title="Draft round", open_it=False)
    assert reverse("recruitment:open-rounds") == URL
    (card,) = cards(client.get(URL))
    text = card.get_text(" ", strip=True)
    assert "Leeds LLE round" in text
    assert round_.get_role_display() in text
    assert round_.organisation.name in text and "(teaching school alliance)" in text
    assert round_.organisation.region.name in text
    assert "Open for applications" in text


def test_signed_out_each_round_offers_an_account_or_sign_in_that_come_back_to_it(client):
    round_ = make_round(title="Leeds LLE round")
    start = reverse("recruitment:application-start", kwargs={"round_id": round_.pk})
    links = {a.get_text(" ", strip=True): a["href"] for a in cards(client.get(URL))[0].select("a")}
    create = next(href for text, href in links.items() if text.startswith("Create an account to apply"))
    sign_in = next(href for text, href in links.items() if text.startswith("Sign in"))
    assert urlparse(create).path == reverse("accounts:register")
    assert urlparse(sign_in).path == reverse("accounts:sign-in")
    assert parse_qs(urlparse(create).query)["next"] == [start]
    assert parse_qs(urlparse(sign_in).query)["next"] == [start]


def test_signed_in_each_round_offers_apply(client, signed_in):
    round_ = make_round(title="Leeds LLE round")
    signed_in(person_in_role(Role.SCHOOL_CONTACT))
    (card,) = cards(client.get(URL))
    (link,) = card.select("a")
    assert link.get_text(" ", strip=True) == "Apply (Leeds LLE round)"
    assert link["href"] == reverse("recruitment:application-start", kwargs={"round_id": round_.pk})


def test_the_start_page_links_to_the_open_rounds(client):
    page = BeautifulSoup(client.get(reverse("public:start")).content, "html.parser")
    assert page.select_one(f'a[href="{URL}"]') is not None


def test_the_list_runs_a_fixed_number_of_queries(client):
    make_round(title="First round")
    assert_constant_queries(lambda: client.get(URL), lambda: make_round(title="Another round"))
