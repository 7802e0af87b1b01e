"""An event for the region is for the region's alliances, hubs, representatives and designated
leaders only (issue 13): a leader designated in another region cannot book a place, by themselves
or through a colleague, and the event's page says why instead of offering the booking form."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.training.errors import TrainingRefused
from domain.training.workflows import BookingStatus
from tests import factories
from tests.conftest import person_in_role, sign_in
from tests.training import builders as b

pytestmark = pytest.mark.django_db

REFUSED = (
    "Network meeting is for alliances, hubs and leaders of the region (Yorkshire and the Humber): {} cannot book it"
)


@pytest.fixture
def london():
    return factories.region("London")


@pytest.fixture
def region_event():
    event, _ = b.published(audience="region", title="Network meeting")  # a Yorkshire alliance's
    return event


def leader_designated_in(region, **fields):
    """A system leader designated by an alliance of `region`, at a school there, and a member of it."""
    school = factories.SchoolFactory(region=region)
    alliance = b.alliance(region=region)
    leader = person_in_role(Role.SYSTEM_LEADER, organisation=factories.OrganisationFactory(region=region), **fields)
    return b.designate(leader, organisation=alliance, school=school).person


def test_a_leader_designated_in_another_region_cannot_book_a_place(region_event, london):
    outsider = leader_designated_in(london)
    with pytest.raises(
        TrainingRefused, match=r"of the region \(Yorkshire and the Humber\): you cannot book it"
    ) as refused:
        b.book(region_event, outsider)
    assert str(refused.value) == REFUSED.format("you")
    assert not region_event.bookings.exists()


def test_nor_can_a_colleague_book_them_a_place(region_event, london):
    outsider = leader_designated_in(london, full_name="Sam Okafor")
    colleague = b.colleague_of(outsider)
    with pytest.raises(
        TrainingRefused, match=r"of the region \(Yorkshire and the Humber\): Sam Okafor cannot book it"
    ) as refused:
        b.book(region_event, outsider, actor=colleague)
    assert str(refused.value) == REFUSED.format("Sam Okafor")


def test_the_regions_own_leaders_still_book(region_event):
    insider = leader_designated_in(factories.region())
    national = b.designate().person  # designated by the national programme, at a Yorkshire school
    assert b.book(region_event, insider).status == BookingStatus.CONFIRMED
    assert b.book(region_event, national).status == BookingStatus.CONFIRMED


def test_the_event_page_tells_a_leader_of_another_region_why_they_cannot_book(client, region_event, london):
    sign_in(client, leader_designated_in(london))
    page = BeautifulSoup(
        client.get(reverse("events:event", kwargs={"event_id": region_event.pk})).content, "html.parser"
    )
    text = page.select_one("main").get_text(" ", strip=True)
    assert "for alliances, hubs and leaders of the region (Yorkshire and the Humber): you cannot book it" in text
    assert page.select_one("main form[method=post]") is None, "no booking form to fill in for nothing"


def test_the_event_page_still_offers_the_form_to_the_regions_leaders(client, region_event):
    sign_in(client, leader_designated_in(factories.region()))
    page = BeautifulSoup(
        client.get(reverse("events:event", kwargs={"event_id": region_event.pk})).content, "html.parser"
    )
    assert page.select_one("main form[method=post] input[value=self]") is not None
