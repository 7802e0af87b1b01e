"""The search results and a school's page run the same number of queries however much they show."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from domain.organisations.models import AllianceMembership, OrganisationKind
from domain.schools.models import Inspection, InspectionKind, OfstedGrade, SchoolLink
from domain.schools.selectors import school_page
from tests.factories import OrganisationFactory, SchoolFactory
from tests.queries import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


def test_search_results_page_runs_constant_queries(client):
    names = itertools.count()
    for _ in range(3):
        SchoolFactory(name=f"Oak {next(names)} School", ofsted_grade=OfstedGrade.GOOD, ofsted_date=dt.date(2020, 1, 1))

    def fetch():
        response = client.get(reverse("public:school-search"), {"q": "oak", "ofsted": "2"})
        assert response.status_code == 200
        return response

    def grow():
        for _ in range(20):  # more results and more pages, new phases and authorities in the filters
            n = next(names)
            SchoolFactory(
                name=f"Oak {n} School",
                phase=f"Phase {n}",
                la_name=f"Authority {n}",
                ofsted_grade=OfstedGrade.GOOD,
                ofsted_date=dt.date(2020, 1, 1),
            )

    response = assert_constant_queries(fetch, grow)
    assert "43 schools found" in response.content.decode()


def test_search_page_queries_are_few(client):
    SchoolFactory(name="Oak School")
    queries, response = count_queries(lambda: client.get(reverse("public:school-search"), {"q": "oak"}))
    assert response.status_code == 200
    assert queries <= 6  # four for the filter choices, a count and a page


def test_school_page_runs_constant_queries(client):
    school = SchoolFactory(urn=140001, easting=430000, northing=433000, district_name="Leeds")
    # Enough neighbours within the first 2 km square that the nearest-school search needs one query.
    neighbours = itertools.count(1)
    for _ in range(12):
        SchoolFactory(easting=430000 + 100 * next(neighbours), northing=433100)
    old = SchoolFactory(urn=100100)
    SchoolLink.objects.create(urn=140001, linked_urn=100100, link_type="Predecessor")
    Inspection.objects.create(school=school, inspected_on=dt.date(2020, 1, 1), overall_grade=OfstedGrade.GOOD)
    Inspection.objects.create(school=old, inspected_on=dt.date(2010, 1, 1), overall_grade=OfstedGrade.GOOD)
    # The chain is three generations deep; growing adds schools to its oldest generation (GIAS
    # lineage is followed one query per generation, domain/schools/lineage.py).
    first = SchoolFactory(urn=100199)
    SchoolLink.objects.create(urn=old.urn, linked_urn=first.urn, link_type="Predecessor - merged")
    OrganisationFactory(kind=OrganisationKind.HUB, districts=["Leeds"])
    days = itertools.count(1)
    earlier_urns = itertools.count(100200)

    def fetch():
        response = client.get(reverse("public:school-detail", kwargs={"urn": school.urn}))
        assert response.status_code == 200
        return response

    def grow():
        day = dt.date(2021, 1, 1) + dt.timedelta(days=next(days))
        Inspection.objects.create(school=school, inspected_on=day, kind=InspectionKind.UNGRADED)
        Inspection.objects.create(
            school=school, inspected_on=day, kind=InspectionKind.REPORT_CARD, area_grades={"Inclusion": "Strong"}
        )
        Inspection.objects.create(school=old, inspected_on=day - dt.timedelta(days=4000), overall_grade=3)
        # A further predecessor merged into the old school.
        earlier = SchoolFactory(urn=next(earlier_urns))
        SchoolLink.objects.create(urn=old.urn, linked_urn=earlier.urn, link_type="Predecessor - merged")
        Inspection.objects.create(school=earlier, inspected_on=dt.date(2005, 1, 1), overall_grade=2)
        for _ in range(3):
            SchoolFactory(easting=430000 + 100 * next(neighbours), northing=432900)
        alliance = OrganisationFactory(lead_school=school)
        AllianceMembership.objects.create(alliance=alliance, school=school, is_teaching_school=True)
        OrganisationFactory(kind=OrganisationKind.HUB, districts=["Leeds", "Bradford"])

    assert_constant_queries(fetch, grow)
    page = school_page(school.urn)
    assert len(page.inspections) == 2 + 2 * 4  # its own and its predecessors', four added each time
    assert len(page.nearest) == 10
    assert len(page.memberships) == 2 and len(page.hubs) == 3


def test_school_page_selector_queries_are_few():
    school = SchoolFactory(easting=430000, northing=433000)
    for n in range(10):
        SchoolFactory(easting=430000 + 100 * (n + 1), northing=433000)
    queries, page = count_queries(lambda: school_page(school.urn))
    assert page.school == school
    # school, links, lineage, inspections, memberships, led, hubs, one nearest-school square
    assert queries == 8
