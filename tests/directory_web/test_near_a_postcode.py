"""Searching near any postcode (issue 15; docs/postcodes.md): the postcode itself from the optional
postcode file, the schools that have it, or the centre of its sector or district from the
register's own schools; the page says which was used."""

import pytest
from django.urls import reverse

from domain.schools.models import Postcode
from tests import factories
from tests.queries import assert_constant_queries

from .builders import alliance, listed_leader
from .test_search import names_in

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")


@pytest.fixture
def leeds():
    """Schools in sector LS6 3 (around 426000, 436000) and elsewhere in LS6, and leaders 2 km,
    6 km and 40 km east of the sector's centre. No school has the postcode LS6 3QS."""
    factories.SchoolFactory(postcode="LS6 3AB", easting=425000, northing=436000)
    factories.SchoolFactory(postcode="LS6 3CD", easting=427000, northing=436000)
    factories.SchoolFactory(postcode="LS6 1EF", easting=420000, northing=430000)
    aire = alliance("Aire Valley Alliance")

    def at(km, name, **fields):
        school = factories.SchoolFactory(easting=426000 + km * 1000, northing=436000, postcode="BD1 1AA")
        return listed_leader(aire, name=name, school=school, **fields)

    return {
        "far": at(40, "Aaron Far", role="sle", specialisms=["maths"], phases=["secondary"]),
        "near": at(2, "Zoe Near", role="sle", specialisms=["maths"], phases=["secondary"]),
        "middle": at(6, "Mia Middle"),
    }


def test_a_postcode_no_school_has_is_searched_from_the_centre_of_its_sector(client, leeds):
    response = client.get(SEARCH, {"school": "ls6 3qs", "role": "sle", "specialism": "maths"})
    html = response.content.decode()
    assert names_in(response) == ["Zoe Near", "Aaron Far"]
    assert "Nearest first to LS6 3, the centre of that postcode sector" in html
    assert "We do not know exactly where LS6 3QS is" in html
    assert "2.0 km" in html and "40.0 km" in html


def test_within_a_distance_of_a_postcode(client, leeds):
    response = client.get(SEARCH, {"school": "LS6 3QS", "within": "10"})
    assert names_in(response) == ["Zoe Near", "Mia Middle"]
    assert "within 10 km" in response.content.decode()


def test_a_sector_with_no_school_falls_back_to_the_district(client, leeds):
    html = client.get(SEARCH, {"school": "LS6 9ZZ"}).content.decode()
    # The district's centre: the mean of its three schools.
    assert "Nearest first to LS6, the centre of that postcode district" in html


def test_a_district_typed_alone(client, leeds):
    html = client.get(SEARCH, {"school": "LS6"}).content.decode()
    assert "Nearest first to LS6, the centre of that postcode district" in html
    assert "We do not know exactly" not in html


def test_a_postcode_in_a_district_the_register_does_not_cover_is_an_error(client, leeds):
    response = client.get(SEARCH, {"school": "TR19 7AA"})
    html = response.content.decode()
    assert "We cannot find where “TR19 7AA” is: check the postcode, or enter a school’s name or URN" in html
    assert 'href="#school"' in html and names_in(response) == []


def test_a_postcode_that_is_one_school_s_is_that_school(client, leeds):
    school = factories.SchoolFactory(name="Headingley Primary", postcode="LS6 3QS", easting=426000, northing=436000)
    html = client.get(SEARCH, {"school": "LS6 3QS"}).content.decode()
    assert "Nearest first to" in html and school.name in html


def test_the_postcode_file_gives_the_exact_place(client, leeds):
    Postcode.objects.create(postcode="LS6 3QS", easting=466000, northing=436000)  # beside Aaron's school
    response = client.get(SEARCH, {"school": "LS6 3QS"})
    html = response.content.decode()
    assert names_in(response) == ["Aaron Far", "Mia Middle", "Zoe Near"]
    assert "Nearest first to LS6 3QS, the postcode." in html
    assert "We do not know exactly" not in html


def test_with_the_postcode_file_sectors_are_the_centre_of_its_postcodes(client, leeds):
    Postcode.objects.create(postcode="LS6 3AA", easting=464000, northing=436000)
    Postcode.objects.create(postcode="LS6 3AB", easting=468000, northing=436000)
    response = client.get(SEARCH, {"school": "LS6 3"})
    assert names_in(response)[0] == "Aaron Far"


def test_a_postcode_search_runs_the_same_number_of_queries_however_many_leaders_it_lists(client, leeds):
    aire = alliance("Pennine Hub")

    def grow():
        for n in range(3):
            school = factories.SchoolFactory(easting=430000, northing=436000)
            listed_leader(aire, name=f"More Leader {n}", school=school)

    assert_constant_queries(lambda: client.get(SEARCH, {"school": "LS6 3QS"}), grow)
