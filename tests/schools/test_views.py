"""The public school pages as a visitor sees them."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from domain.organisations.models import AllianceMembership, OrganisationKind
from domain.schools.models import Inspection, InspectionKind, OfstedGrade, SchoolLink, SchoolStatus
from tests.factories import OrganisationFactory, SchoolFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("public:school-search")


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


def detail_url(urn):
    return reverse("public:school-detail", kwargs={"urn": urn})


def test_search_page_without_a_search_shows_the_form_and_a_hint(client):
    SchoolFactory(name="Aire Valley Primary School")
    page = soup(client.get(SEARCH))
    assert len(page.find_all("h1")) == 1
    box = page.find("input", id="q")
    assert box["name"] == "q"
    assert text(page.find("label", attrs={"for": "q"})) == "Search by name, URN, town or postcode"
    assert page.find("button", string=lambda s: s and s.strip() == "Search")
    assert "choose a filter" in text(page.find(id="results"))
    assert page.find(id="school-results") is None  # not every school on the register


def test_every_select_and_input_is_labelled(client):
    page = soup(client.get(SEARCH, {"q": "a"}))
    for field in page.find_all(["input", "select"]):
        if field.get("type") in ("hidden", "submit"):
            continue
        assert page.find("label", attrs={"for": field["id"]}), field


def test_search_results_link_each_school_by_name(client):
    school = SchoolFactory(
        name="Aire Valley Primary School",
        town="Leeds",
        postcode="LS1 4AB",
        la_name="Leeds",
        ofsted_grade=OfstedGrade.GOOD,
        ofsted_date=dt.date(2023, 5, 4),
    )
    SchoolFactory(name="Ungraded Primary", town="Leeds", ofsted_date=dt.date(2025, 3, 3))
    page = soup(client.get(SEARCH, {"q": "primary"}))
    assert text(page.find(id="results").find("h2")) == "2 schools found"
    links = page.select("#school-results h3 a")
    assert [text(a) for a in links] == ["Aire Valley Primary School", "Ungraded Primary"]
    assert links[0]["href"] == detail_url(school.urn)
    first, second = page.select("#school-results > li")
    assert "Good (inspected 4 May 2023)" in text(first)
    assert "LS1 4AB" in text(first) and str(school.urn) in text(first)
    assert "No overall grade (inspected 3 March 2025)" in text(second)


def test_one_school_found_is_singular(client):
    SchoolFactory(name="Unique Name School")
    assert text(soup(client.get(SEARCH, {"q": "unique"})).find(id="results").find("h2")) == "1 school found"


def test_no_results_give_advice(client):
    page = soup(client.get(SEARCH, {"q": "nothing like this"}))
    results = page.find(id="results")
    assert text(results.find("h2")) == "No schools match your search"
    assert "removing filters" in text(results)


def test_filters_alone_are_a_search_and_keep_their_choice(client):
    SchoolFactory(name="Hill Secondary", phase="Secondary")
    SchoolFactory(name="Dale Primary", phase="Primary")
    page = soup(client.get(SEARCH, {"phase": "Secondary"}))
    assert [text(a) for a in page.select("#school-results h3 a")] == ["Hill Secondary"]
    assert page.find("select", id="phase").find("option", selected=True)["value"] == "Secondary"


def test_closed_schools_appear_only_with_the_checkbox(client):
    SchoolFactory(name="Gone Primary", status=SchoolStatus.CLOSED)
    assert soup(client.get(SEARCH, {"q": "gone"})).select("#school-results") == []
    page = soup(client.get(SEARCH, {"q": "gone", "closed": "on"}))
    assert "Closed" in text(page.find(id="school-results"))
    assert page.find("input", id="closed").has_attr("checked")


def test_an_unknown_filter_value_is_an_error_not_a_crash(client):
    page = soup(client.get(SEARCH, {"phase": "Nonsense"}))
    summary = page.find(class_="govuk-error-summary")
    assert "Select a phase from the list" in text(summary)
    assert summary.find("a")["href"] == "#phase"
    assert page.title.string.startswith("Error:")


def test_pagination_by_25_keeps_the_search(client):
    for n in range(30):
        SchoolFactory(name=f"Oak {n:02d} School")
    page = soup(client.get(SEARCH, {"q": "oak"}))
    assert len(page.select("#school-results > li")) == 25
    nav = page.find("nav", class_="govuk-pagination")
    next_link = nav.find("a", rel="next")
    assert "q=oak" in next_link["href"] and "page=2" in next_link["href"]
    second = soup(client.get(SEARCH, {"q": "oak", "page": "2"}))
    assert [text(a) for a in second.select("#school-results h3 a")] == [f"Oak {n:02d} School" for n in range(25, 30)]
    # A page past the end shows the last page rather than failing.
    assert len(soup(client.get(SEARCH, {"q": "oak", "page": "99"})).select("#school-results > li")) == 5


def test_unknown_school_is_404(client):
    assert client.get(detail_url(999999)).status_code == 404


def test_school_page_details(client):
    school = SchoolFactory(
        name="Aire Valley Primary School",
        urn=123456,
        statutory_low_age=3,
        statutory_high_age=11,
        number_of_pupils=1234,
        trust_name="Aire Learning Trust",
        street="1 Mill Lane",
        town="Leeds",
        postcode="LS1 4AB",
        website="www.airevalley.example",
        opened_on=dt.date(2015, 9, 1),
    )
    page = soup(client.get(detail_url(school.urn)))
    assert text(page.find("h1")) == "Aire Valley Primary School"
    assert page.title.string.startswith("Aire Valley Primary School - ")
    details = {
        text(row.find("dt")): text(row.find("dd")) for row in page.select("#school-details .govuk-summary-list__row")
    }
    assert details["URN"] == "123456"
    assert details["Status"] == "Open"
    assert details["Ages"] == "3 to 11"
    assert details["Pupils"] == "1,234"
    assert details["Region"] == "Yorkshire and the Humber"
    assert details["Trust"] == "Aire Learning Trust"
    assert details["Address"] == "1 Mill Lane Leeds LS1 4AB"
    assert details["Opened"] == "1 September 2015"
    assert details["Latest Ofsted outcome"] == "No inspection on record"
    assert page.select_one("#school-details a")["href"] == "http://www.airevalley.example"
    headings = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3"])]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))


def test_school_page_history_links_alliances_hub_and_nearest(client):
    old = SchoolFactory(
        urn=100100, name="Old Road Primary School", status=SchoolStatus.CLOSED, closed_on=dt.date(2015, 8, 31)
    )
    academy = SchoolFactory(urn=140001, name="Old Road Academy", district_name="Leeds", easting=430000, northing=433000)
    SchoolLink.objects.create(urn=140001, linked_urn=100100, link_type="Predecessor", linked_name=old.name)
    Inspection.objects.create(school=old, inspected_on=dt.date(2012, 3, 1), overall_grade=OfstedGrade.GOOD)
    Inspection.objects.create(
        school=academy,
        inspected_on=dt.date(2026, 1, 14),
        kind=InspectionKind.REPORT_CARD,
        area_grades={"Inclusion": "Strong standard"},
    )
    tsa = OrganisationFactory(name="Aire Teaching School Alliance", lead_school=academy)
    AllianceMembership.objects.create(alliance=tsa, school=academy, is_teaching_school=True)
    OrganisationFactory(
        kind=OrganisationKind.HUB, name="Leeds Hub", districts=["Leeds"], website="www.leedshub.example/"
    )
    neighbour = SchoolFactory(name="Next Door Primary", easting=430800, northing=433000)
    SchoolFactory(name="Further Primary", easting=432400, northing=433000)

    page = soup(client.get(detail_url(academy.urn)))
    rows = page.select("#inspection-history tbody tr")
    assert "14 January 2026" in text(rows[0]) and "No overall grade" in text(rows[0])
    assert "Inclusion: Strong standard" in text(rows[0])
    assert "Old Road Primary School" in text(rows[1]) and "Predecessor, URN 100100" in text(rows[1])
    assert "Good" in text(rows[1])
    link = page.select_one("#school-links a")
    assert text(link) == "Old Road Primary School" and link["href"] == detail_url(100100)
    assert "Teaching school" in text(page.find(id="memberships"))
    assert "Aire Teaching School Alliance" in text(page.find(id="led"))
    hub = page.select_one("#hubs a")
    assert text(hub) == "Leeds Hub" and hub["href"] == "http://www.leedshub.example/"
    nearest = page.select("#nearest-schools tbody tr")
    assert [text(r.find("a")) for r in nearest] == ["Next Door Primary", "Further Primary"]
    assert text(nearest[0].find_all("td")[-1]) == "800 metres"
    assert text(nearest[1].find_all("td")[-1]) == "2.4 km"
    assert nearest[0].find("a")["href"] == detail_url(neighbour.urn)

    old_page = soup(client.get(detail_url(old.urn)))
    assert "This school has closed (31 August 2015)" in text(old_page)


def test_school_without_location_says_nearest_cannot_be_shown(client):
    school = SchoolFactory(easting=None, northing=None)
    page = soup(client.get(detail_url(school.urn)))
    assert "Nearest schools cannot be shown" in text(page.find("main"))
    assert page.find(id="nearest-schools") is None


def test_an_overlong_search_is_an_error(client):
    page = soup(client.get(SEARCH, {"q": "x" * 101}))
    assert "Search terms must be 100 characters or fewer" in text(page.find(class_="govuk-error-summary"))
    assert page.find(id="school-results") is None


def test_search_by_urn_finds_the_school(client):
    school = SchoolFactory(name="Numbered School", urn=654321)
    page = soup(client.get(SEARCH, {"q": " 654321 "}))
    assert [a["href"] for a in page.select("#school-results h3 a")] == [detail_url(school.urn)]
