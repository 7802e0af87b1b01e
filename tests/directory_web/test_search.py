"""The public directory's search: filters, near a school (choosing the school, ordering, distance),
errors, pagination and a constant number of queries."""

import re

import pytest
from django.urls import reverse

from domain.organisations.models import OrganisationKind
from tests import factories
from tests.queries import assert_constant_queries, count_queries

from .builders import alliance, listed_leader

pytestmark = pytest.mark.django_db
SEARCH = reverse("directory:search")


def names_in(response) -> list[str]:
    """The leaders' names in the results, in order."""
    html = response.content.decode()
    results = html.split('id="leader-results"', 1)
    if len(results) == 1:
        return []
    return re.findall(r'<a class="govuk-link" href="/directory/leaders/\d+/">([^<]+)</a>', results[1])


@pytest.fixture
def listing():
    aire = alliance("Aire Valley Alliance", website="www.aire-valley.example")
    pennine = alliance("Pennine Hub", kind=OrganisationKind.HUB)
    return {
        "aire": aire,
        "pennine": pennine,
        "lle": listed_leader(aire, name="Alex Primary", role="lle", phases=["primary"]),
        "sle": listed_leader(aire, name="Jamie Maths", role="sle", specialisms=["maths"], phases=["secondary"]),
        "nle": listed_leader(pennine, name="Taylor National", role="nle", phases=["secondary"]),
    }


def test_with_no_filters_every_listed_leader_is_shown_by_name(client, listing):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert names_in(response) == ["Alex Primary", "Jamie Maths", "Taylor National"]
    assert "3 system leaders found" in response.content.decode()


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"role": "sle"}, ["Jamie Maths"]),
        ({"role": "nle"}, ["Taylor National"]),
        ({"specialism": "maths"}, ["Jamie Maths"]),
        ({"phase": "secondary"}, ["Jamie Maths", "Taylor National"]),
        ({"q": "alex"}, ["Alex Primary"]),
        ({"role": "lle", "phase": "secondary"}, []),
    ],
)
def test_filters_narrow_the_results(client, listing, query, expected):
    assert names_in(client.get(SEARCH, query)) == expected


def test_the_alliance_filter_lists_organisations_with_leaders_and_narrows_to_one(client, listing):
    factories.OrganisationFactory(name="Alliance With Nobody Listed")
    response = client.get(SEARCH)
    html = response.content.decode()
    assert "Aire Valley Alliance" in html and "Pennine Hub" in html
    assert "Alliance With Nobody Listed" not in html
    assert names_in(client.get(SEARCH, {"organisation": listing["pennine"].pk})) == ["Taylor National"]


def test_a_grouping_finds_the_leaders_of_its_alliances(client, listing):
    grouping = factories.OrganisationFactory(kind=OrganisationKind.TSA_GROUPING, name="Yorkshire Grouping")
    listing["aire"].grouping = grouping
    listing["aire"].save()
    assert names_in(client.get(SEARCH, {"organisation": grouping.pk})) == ["Alex Primary", "Jamie Maths"]


def test_no_match_says_so_with_suggestions(client, listing):
    response = client.get(SEARCH, {"role": "nlg", "q": "nobody"})
    html = response.content.decode()
    assert "No system leaders match your search" in html
    assert "removing a filter" in html and "checking the spelling" in html
    assert names_in(response) == []


def test_a_choice_not_on_the_list_is_an_error(client, listing):
    response = client.get(SEARCH, {"specialism": "juggling"})
    html = response.content.decode()
    assert "There is a problem" in html and "Select a specialism from the list" in html
    assert "<title>Error: " in html


# Near a school --------------------------------------------------------------------------------


@pytest.fixture
def spread():
    """A client school, and leaders 1 km, 8 km and 30 km away from it (grid metres)."""
    aire = alliance("Aire Valley Alliance")
    client_school = factories.SchoolFactory(name="Client Primary School", easting=400000, northing=400000)

    def at(km, name):
        school = factories.SchoolFactory(easting=400000 + km * 1000, northing=400000)
        return listed_leader(aire, name=name, school=school)

    return {
        "school": client_school,
        "far": at(30, "Aaron Far"),
        "near": at(1, "Zoe Near"),
        "middle": at(8, "Mia Middle"),
    }


def test_near_a_school_by_urn_lists_the_nearest_first_with_the_distance(client, spread):
    response = client.get(SEARCH, {"school": str(spread["school"].urn)})
    html = response.content.decode()
    assert names_in(response) == ["Zoe Near", "Mia Middle", "Aaron Far"]
    assert "Nearest first to" in html and "Client Primary School" in html
    assert "1.0 km" in html and "8.0 km" in html and "30.0 km" in html


def test_within_a_distance_leaves_out_leaders_further_away(client, spread):
    assert names_in(client.get(SEARCH, {"school": str(spread["school"].urn), "within": "10"})) == [
        "Zoe Near",
        "Mia Middle",
    ]
    assert names_in(client.get(SEARCH, {"school": str(spread["school"].urn), "within": "5"})) == ["Zoe Near"]


def test_a_school_name_that_matches_one_school_is_used_at_once(client, spread):
    assert names_in(client.get(SEARCH, {"school": "client primary"}))[0] == "Zoe Near"


def test_several_matching_schools_ask_which_one_then_search_near_it(client, spread):
    other = factories.SchoolFactory(name="Client Primary Academy", town="Wakefield", easting=430000, northing=400000)
    response = client.get(SEARCH, {"school": "Client Primary", "role": "lle"})
    html = response.content.decode()
    assert "Which school do you mean?" in html
    assert names_in(response) == []
    assert f"Client Primary Academy</a>, Wakefield (URN {other.urn})" in html
    links = re.findall(r'<li><a class="govuk-link" href="(\?[^"]+)">Client Primary Academy', html)
    assert len(links) == 1 and f"school={other.urn}" in links[0] and "role=lle" in links[0]
    chosen = client.get(SEARCH + links[0].replace("&amp;", "&"))
    assert names_in(chosen) == ["Aaron Far", "Mia Middle", "Zoe Near"]  # Aaron's school is beside the academy


def test_a_school_that_matches_nothing_is_an_error(client, spread):
    response = client.get(SEARCH, {"school": "Nowhere Special"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "No school matches “Nowhere Special”" in html
    assert 'href="#school"' in html
    assert names_in(response) == []


def test_a_distance_without_a_school_is_an_error(client, spread):
    html = client.get(SEARCH, {"within": "10"}).content.decode()
    assert "Enter a school’s name, URN or postcode to search within a distance of it" in html


def test_no_leader_within_the_distance_suggests_a_wider_one(client, spread):
    lonely = factories.SchoolFactory(easting=100000, northing=100000)
    html = client.get(SEARCH, {"school": str(lonely.urn), "within": "5"}).content.decode()
    assert "No system leaders match your search" in html and "searching a wider distance" in html


# Pages and queries ------------------------------------------------------------------------------


def test_results_are_paginated_25_to_a_page(client):
    aire = alliance("Aire Valley Alliance")
    for n in range(26):
        listed_leader(aire, name=f"Leader {n:02}")
    first = client.get(SEARCH)
    assert len(names_in(first)) == 25
    assert "Showing 1 to 25, page 1 of 2" in first.content.decode()
    second = client.get(SEARCH, {"page": "2"})
    assert names_in(second) == ["Leader 25"]
    assert "(page 2)" in second.content.decode()


@pytest.mark.parametrize("near", [False, True])
def test_the_search_runs_the_same_number_of_queries_however_many_leaders_it_lists(client, near):
    aire = alliance("Aire Valley Alliance")
    school = factories.SchoolFactory(easting=400000, northing=400000)
    listed_leader(aire, name="First Leader", school=school)
    query = {"school": str(school.urn)} if near else {}

    def grow():
        other = alliance()
        for n in range(3):
            listed_leader(other, name=f"More Leader {n}", role="sle", specialisms=["maths"])

    response = assert_constant_queries(lambda: client.get(SEARCH, query), grow)
    assert len(names_in(response)) == 7


def test_the_search_page_runs_few_queries(client, listing):
    queries, response = count_queries(lambda: client.get(SEARCH, {"role": "lle"}))
    assert response.status_code == 200
    assert queries <= 4  # organisations with leaders, count, the page's ids, the page's entries
