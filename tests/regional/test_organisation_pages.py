"""The regional admin's pages for organisations made by hand: add (kind, details, check your
answers), change details and lead school, move an alliance to a hub."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.audit.models import AuditEvent
from domain.leaders.models import Association
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from tests.factories import OrganisationFactory, SchoolFactory, region
from tests.leaders.helpers import associated_leader, coordinator_of, representative_of

pytestmark = pytest.mark.django_db
K = OrganisationKind


@pytest.fixture
def representative():
    return representative_of(region())


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def errors(response):
    return [a.get_text(strip=True) for a in page(response).select(".govuk-error-summary__list a")]


def test_adding_an_alliance_from_kind_to_check_answers(client, signed_in, representative):
    SchoolFactory(name="Harbour Primary", urn=123456)
    SchoolFactory(name="Harbour Secondary", urn=123457)
    signed_in(representative)
    listing = client.get(reverse("regional:organisations"))
    assert "Add an organisation" in listing.content.decode()

    response = client.post(reverse("regional:organisation-add"), {"kind": "tsa"})
    assert response.url == reverse("regional:organisation-add-details")
    details = reverse("regional:organisation-add-details")
    # Several schools match: the page asks to choose one.
    response = client.post(details, {"name": "Harbour Alliance", "school_query": "Harbour"})
    assert response.status_code == 200
    assert errors(response) == ["Choose the lead school from the list"]
    school = page(response).select("#id_school option")[2]["value"]
    response = client.post(
        details, {"name": "Harbour Alliance", "school_query": "Harbour", "school": school, "website": "www.h.test"}
    )
    assert response.url == reverse("regional:organisation-add-check")
    check = client.get(response.url)
    text = page(check).get_text(" ", strip=True)
    assert "Harbour Alliance" in text and "URN 123457" in text and "Teaching school alliance" in text

    response = client.post(reverse("regional:organisation-add-check"))
    alliance = Organisation.objects.get(name="Harbour Alliance")
    assert response.url == reverse("regional:organisation", kwargs={"organisation_id": alliance.pk})
    assert (alliance.kind, alliance.lead_school.urn, alliance.region, alliance.website) == (
        K.TSA,
        123457,
        region(),
        "www.h.test",
    )
    shown = client.get(response.url).content.decode()
    assert "Harbour Alliance has been added" in shown
    assert "Change lead school" in shown and "Move to a hub" in shown
    # The draft is gone: the check page goes back to the start.
    assert client.get(reverse("regional:organisation-add-check")).url == reverse("regional:organisation-add")


def test_a_grouping_with_its_member_alliances(client, signed_in, representative):
    first = OrganisationFactory(name="First Alliance")
    OrganisationFactory(name="Second Alliance")
    OrganisationFactory(name="Faraway Alliance", region=region("London"))
    signed_in(representative)
    client.post(reverse("regional:organisation-add"), {"kind": "tsa_grouping"})
    form = client.get(reverse("regional:organisation-add-details"))
    labels = [label.get_text(strip=True) for label in page(form).select(".govuk-checkboxes__label")]
    assert labels == ["First Alliance", "Second Alliance"]
    assert "Member alliances" in form.content.decode()
    client.post(
        reverse("regional:organisation-add-details"), {"name": "Dales Grouping", "member_alliances": [first.pk]}
    )
    client.post(reverse("regional:organisation-add-check"))
    grouping = Organisation.objects.get(name="Dales Grouping")
    assert list(grouping.member_alliances.all()) == [first]
    assert grouping.lead_school is None


def test_a_commissioner_says_what_kind_it_is_and_a_duplicate_is_refused(client, signed_in, representative):
    OrganisationFactory(kind=K.LOCAL_AUTHORITY, name="Leeds")
    signed_in(representative)
    client.post(reverse("regional:organisation-add"), {"kind": "commissioner"})
    response = client.post(reverse("regional:organisation-add-details"), {"name": ""})
    assert errors(response) == ["Choose what kind of commissioner it is", "Enter the name of the organisation"]
    client.post(reverse("regional:organisation-add-details"), {"name": "Leeds", "commissioner_kind": "local_authority"})
    response = client.post(reverse("regional:organisation-add-check"))
    assert errors(response) == ["There is already a local authority called Leeds in Yorkshire and the Humber"]
    assert Organisation.objects.filter(name="Leeds").count() == 1
    client.post(reverse("regional:organisation-add-details"), {"name": "Leeds", "commissioner_kind": "commissioner"})
    client.post(reverse("regional:organisation-add-check"))
    assert Organisation.objects.get(name="Leeds", kind=K.COMMISSIONER).region == region()


def test_a_trust_and_a_diocese(client, signed_in, representative):
    signed_in(representative)
    client.post(reverse("regional:organisation-add"), {"kind": "trust"})
    response = client.post(reverse("regional:organisation-add-details"), {"name": "Moor Trust", "code": "20x"})
    assert response.status_code == 302  # the form takes it; the service says what is wrong
    response = client.post(reverse("regional:organisation-add-check"))
    assert errors(response) == ["Enter the trust's code from Get Information about Schools as numbers only, like 2044"]
    client.post(reverse("regional:organisation-add-details"), {"name": "Moor Trust", "code": "2044"})
    client.post(reverse("regional:organisation-add-check"))
    assert Organisation.objects.get(kind=K.TRUST, name="Moor Trust").code == "2044"
    client.post(reverse("regional:organisation-add"), {"kind": "diocese"})
    client.post(reverse("regional:organisation-add-details"), {"name": "Diocese of Dales"})
    client.post(reverse("regional:organisation-add-check"))
    assert Organisation.objects.filter(kind=K.DIOCESE, name="Diocese of Dales").exists()


def test_changing_details_and_a_hub_s_lead_school(client, signed_in, representative):
    hub = OrganisationFactory(kind=K.HUB, name="Dales Hub")
    SchoolFactory(name="Only Match Academy", urn=654321)
    signed_in(representative)
    shown = client.get(reverse("regional:organisation", kwargs={"organisation_id": hub.pk})).content.decode()
    assert "Change lead school" in shown and "Change details" not in shown
    url = reverse("regional:organisation-lead-school", kwargs={"organisation_id": hub.pk})
    response = client.post(url, {"school_query": "nothing like it"})
    assert errors(response) == ["No open school on the register matches ‘nothing like it’: check it or enter the URN"]
    response = client.post(url, {"school_query": "654321"})
    hub.refresh_from_db()
    assert hub.lead_school.urn == 654321
    assert "Only Match Academy is now the lead school of Dales Hub" in client.get(response.url).content.decode()
    # A hub's details come from the published list.
    assert client.get(reverse("regional:organisation-change", kwargs={"organisation_id": hub.pk})).status_code == 404

    trust = OrganisationFactory(kind=K.TRUST, name="Old Trust")
    url = reverse("regional:organisation-change", kwargs={"organisation_id": trust.pk})
    assert client.post(url, {"name": ""}).status_code == 200
    client.post(url, {"name": "New Trust", "code": "1234"})
    trust.refresh_from_db()
    assert (trust.name, trust.code) == ("New Trust", "1234")
    assert AuditEvent.objects.filter(action="organisations.organisation.changed", subject_id=str(trust.pk)).exists()


@pytest.mark.parametrize(
    "name",
    [
        "regional:organisation-change",
        "regional:organisation-lead-school",
        "regional:organisation-move-to-hub",
    ],
)
def test_another_region_s_organisation_answers_404(client, signed_in, representative, name):
    faraway = OrganisationFactory(region=region("London"))
    signed_in(representative)
    url = reverse(name, kwargs={"organisation_id": faraway.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Mine now", "school_query": "1", "hub": "1"}).status_code == 404
    faraway.refresh_from_db()
    assert faraway.name != "Mine now"


def test_moving_an_alliance_to_a_hub(client, signed_in, representative):
    alliance = OrganisationFactory(name="Moving Alliance")
    hub = OrganisationFactory(kind=K.HUB, name="Dales Hub")
    OrganisationFactory(kind=K.HUB, name="Faraway Hub", region=region("London"))
    leader, association = associated_leader(alliance)
    AllianceMembership.objects.create(alliance=alliance, school=SchoolFactory())
    signed_in(representative)
    url = reverse("regional:organisation-move-to-hub", kwargs={"organisation_id": alliance.pk})
    choices = [label.get_text(strip=True) for label in page(client.get(url)).select(".govuk-radios__label")]
    assert choices == ["Dales Hub"]
    assert errors(client.post(url, {})) == ["Choose the hub"]
    assert errors(client.post(reverse("regional:organisation-add"), {})) == ["Choose the kind of organisation"]
    response = client.post(url, {"hub": hub.pk})
    check_url = reverse(
        "regional:organisation-move-to-hub-check", kwargs={"organisation_id": alliance.pk, "hub_id": hub.pk}
    )
    assert response.url == check_url
    text = page(client.get(check_url)).get_text(" ", strip=True)
    assert "Leaders who move 1" in text and "Schools that move 2" in text
    response = client.post(check_url)
    assert response.url == reverse("regional:organisation", kwargs={"organisation_id": hub.pk})
    assert Association.objects.get(leader=leader, status="active").organisation == hub
    alliance.refresh_from_db()
    assert not alliance.is_active
    assert "Moving Alliance has moved to Dales Hub: 1 leader and 2 schools" in client.get(response.url).content.decode()
    # Closed now: the pages answer 404.
    assert client.get(url).status_code == 404


def test_a_coordinator_of_both_may_move_but_not_of_one(client, signed_in):
    alliance = OrganisationFactory(name="Moving Alliance")
    hub = OrganisationFactory(kind=K.HUB, name="Dales Hub")
    url = reverse("regional:organisation-move-to-hub", kwargs={"organisation_id": alliance.pk})
    only_alliance = coordinator_of(alliance)
    assert signed_in(only_alliance).get(url).status_code == 404
    both = coordinator_of(alliance)
    from tests.factories import MembershipFactory

    MembershipFactory(user=both, organisation=hub)
    client.logout()
    assert signed_in(both).get(url).status_code == 200
    check_url = reverse(
        "regional:organisation-move-to-hub-check", kwargs={"organisation_id": alliance.pk, "hub_id": hub.pk}
    )
    assert client.post(check_url).url == reverse("portal:home")
