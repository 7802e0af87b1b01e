"""The regional register of system leaders: every designation of the representative's region,
its filters, pagination and a constant number of queries."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.accounts.roles import Role
from domain.designation.models import Designation
from domain.designation.services import designation_suspend
from domain.organisations.models import Organisation, OrganisationKind
from tests import factories
from tests.conftest import person_in_role
from tests.designation.life.helpers import designate, tsa_with_coordinator
from tests.queries import assert_constant_queries

from .helpers import DEMO_DESIGNATIONS, DEMO_LEADERS, demo_representative, leaders_listed, table_rows

pytestmark = pytest.mark.django_db

URL = reverse("register:leaders")


def listed(client, **filters) -> set[str]:
    response = client.get(URL, filters)
    assert response.status_code == 200
    return set(leaders_listed(response))


def another_region_s_designation():
    """A designation made by an alliance of the North West, at a North West school."""
    north_west = factories.region("North West")
    tsa, coordinator = tsa_with_coordinator(region=north_west)
    person = factories.UserFactory(full_name="Noor Pendleton")
    return designate(
        organisation=tsa, actor=coordinator, person=person, school=factories.SchoolFactory(region=north_west)
    )


def test_the_representative_sees_every_demo_designation_with_its_details(client):
    demo_representative(client)
    response = client.get(URL)
    assert set(leaders_listed(response)) == DEMO_LEADERS
    rows = {row[0]: row for row in table_rows(response)}
    # Leader, role, status, designated by, associated with, school, term ends.
    assert rows["Drew Hollinsworth"] == [
        "Drew Hollinsworth",
        "Local leader of education",
        "Active",
        "National programme",
        "Not associated",
        "Beckside Church of England Primary School",
        "No end date",
    ]
    assert rows["Jamie Oakroyd"][3:] == [
        "Aire Valley Teaching School Alliance",
        "Aire Valley Teaching School Alliance",
        "Fernhill Special School",
        "31 August 2027",
    ]
    assert rows["Taylor Whitcliffe"][3:5] == ["National programme", "Pennine Teaching School Hub"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert f"{DEMO_DESIGNATIONS} designations" in soup.get_text()
    alex = Designation.objects.get(person__email="system.leader@demo.test", role="lle")
    links = [a["href"] for a in soup.select("tbody a")]
    assert reverse("portal:designation", kwargs={"designation_id": alex.pk}) in links
    # The designation's own page opens for the representative.
    assert client.get(reverse("portal:designation", kwargs={"designation_id": alex.pk})).status_code == 200


def test_another_region_s_designations_never_appear(client):
    demo_representative(client)
    another_region_s_designation()
    assert "Noor Pendleton" not in listed(client)
    assert "Noor Pendleton" not in listed(client, q="Noor")
    north_west_tsa = Organisation.objects.get(designations__person__full_name="Noor Pendleton")
    # Another region's alliance is not offered as a filter, and forcing it finds nothing.
    page = client.get(URL).content.decode()
    assert north_west_tsa.name not in page
    response = client.get(URL, {"organisation": north_west_tsa.pk})
    assert "Noor Pendleton" not in leaders_listed(response)
    assert "Choose an alliance, hub or grouping from the list" in response.content.decode()


def test_filter_by_role(client):
    demo_representative(client)
    assert listed(client, role="sle") == {"Jamie Oakroyd", "Riley Ashworth"}
    assert listed(client, role="nle") == {"Taylor Whitcliffe"}
    assert listed(client, role="nlg") == {"Alex Fernleigh"}  # demo.designation_reviews


def test_filter_by_status(client):
    representative = demo_representative(client)
    riley = Designation.objects.get(person__full_name="Riley Ashworth")
    designation_suspend(actor=representative, designation=riley, reason="Investigation (demo)")
    assert listed(client, status="suspended") == {"Riley Ashworth"}
    assert listed(client, status="active") == DEMO_LEADERS - {"Riley Ashworth"}
    row = next(r for r in table_rows(client.get(URL, {"status": "suspended"})) if r[0] == "Riley Ashworth")
    assert row[2] == "Suspended"


def test_filter_by_alliance_or_hub_takes_designated_and_associated_leaders(client):
    demo_representative(client)
    hub = Organisation.objects.get(code="DEMO-HUB1")
    aire = Organisation.objects.get(code="DEMO-TSA1")
    # Riley was designated by the hub; Taylor (national programme) is associated with it.
    assert listed(client, organisation=hub.pk) == {"Riley Ashworth", "Taylor Whitcliffe"}
    assert listed(client, organisation=aire.pk) == {"Alex Fernleigh", "Jamie Oakroyd", "Sasha Hebden", "Avery Marsden"}
    choices = [
        o.get_text(strip=True)
        for o in BeautifulSoup(client.get(URL).content, "html.parser").select("select[name=organisation] option")
    ]
    assert choices == [
        "All alliances and hubs",
        "Aire Valley Teaching School Alliance",
        "Pennine Teaching School Hub",
        "West Yorkshire Strategic Alliance Group",
    ]
    assert Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY, name__in=choices).count() == 0


def test_filter_by_when_the_term_ends(client):
    demo_representative(client)
    # A term from 1 December 2023 ends on 30 November 2026: 8 days from the frozen today.
    ending = designate(starts_on=dt.date(2023, 12, 1), person=factories.UserFactory(full_name="Ellis Soon"))
    assert ending.ends_on == dt.date(2026, 11, 30)
    assert listed(client, ends_within="90-days") == {"Ellis Soon"}
    # demo.designation_reviews: Alex's two terms, Sasha's and Avery's end in four or five months.
    under_review = {"Alex Fernleigh", "Sasha Hebden", "Avery Marsden"}
    assert listed(client, ends_within="6-months") == {"Ellis Soon"} | under_review
    # Jamie's term ends on 31 August 2027, within 12 months; the historical ones never end.
    assert listed(client, ends_within="12-months") == {"Ellis Soon", "Jamie Oakroyd"} | under_review
    assert "Ellis Soon" in listed(client)


def test_filter_by_name_and_filters_together(client):
    demo_representative(client)
    assert listed(client, q="oakroyd") == {"Jamie Oakroyd"}
    assert listed(client, q="ashworth", role="lle") == set()
    response = client.get(URL, {"q": "Nobody Here"})
    assert "0 designations" in response.content.decode()
    assert "No designations match these filters" in response.content.decode()


def test_an_unknown_filter_value_is_shown_as_an_error_and_not_applied(client):
    demo_representative(client)
    response = client.get(URL, {"role": "wizard"})
    assert set(leaders_listed(response)) == DEMO_LEADERS
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")] == [
        "Choose a role from the list"
    ]
    assert soup.title.get_text().startswith("Error:")


def test_download_links_keep_the_filters(client):
    demo_representative(client)
    soup = BeautifulSoup(client.get(URL, {"role": "sle", "page": "1"}).content, "html.parser")
    hrefs = {a.get_text(" ", strip=True).split(" (")[0]: a["href"] for a in soup.select("a[download]")}
    assert hrefs["Download as CSV"] == reverse("register:export", kwargs={"fmt": "csv"}) + "?role=sle"
    assert hrefs["Download as XLSX"] == reverse("register:export", kwargs={"fmt": "xlsx"}) + "?role=sle"


def test_the_download_links_name_the_one_designation_shown_in_the_singular(client):
    demo_representative(client)
    soup = BeautifulSoup(client.get(URL, {"q": "oakroyd"}).content, "html.parser")
    assert [a.get_text(" ", strip=True) for a in soup.select("a[download]")] == [
        "Download as CSV (the 1 designation shown)",
        "Download as XLSX (the 1 designation shown)",
    ]


def test_the_register_pages_by_fifty(client):
    demo_representative(client)
    tsa, coordinator = tsa_with_coordinator()
    for _ in range(51 - DEMO_DESIGNATIONS):
        designate(organisation=tsa, actor=coordinator)
    first = client.get(URL)
    assert len(leaders_listed(first)) == 50
    assert "51 designations" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert len(leaders_listed(second)) == 1


def test_the_register_runs_the_same_queries_however_long(client):
    demo_representative(client)
    tsa, coordinator = tsa_with_coordinator()

    def grow():
        # Designated by the alliance, so also associated with it (a prefetched association).
        designate(organisation=tsa, actor=coordinator)
        designate(source="national_programme", organisation=None)

    response = assert_constant_queries(lambda: client.get(URL), grow, times=2)
    assert len(leaders_listed(response)) == DEMO_DESIGNATIONS + 4
    assert_constant_queries(lambda: client.get(URL, {"organisation": tsa.pk, "role": "lle"}), grow, times=1)


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.REGIONAL_REPRESENTATIVE])
def test_other_roles_are_refused(client, signed_in, role):
    person = person_in_role(role)
    signed_in(person)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("register:export", kwargs={"fmt": "csv"})).status_code == 403
    assert client.get(reverse("register:memorandum")).status_code == 403
    assert client.get(reverse("register:memorandum-publish")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_a_representative_without_a_second_factor_gives_it_first(client):
    representative = person_in_role(Role.REGIONAL_REPRESENTATIVE)
    client.force_login(representative, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(URL).url == reverse("accounts:two-factor")
