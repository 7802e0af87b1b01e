"""Searching the register: the search box, each filter, and the filter choices."""

import datetime as dt

import pytest
from django.core.paginator import Paginator
from django.db.models import Q

from domain.organisations.models import Region
from domain.schools.models import OfstedGrade, School, SchoolStatus
from domain.schools.selectors import (
    NO_OVERALL_GRADE,
    postcode_condition,
    school_filter_options,
    school_search,
)
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def urns(queryset):
    return {school.urn for school in queryset}


@pytest.fixture
def register():
    """A few schools that differ in one thing each."""
    return {
        "aire": SchoolFactory(
            urn=100001, name="Aire Valley Primary School", town="Leeds", postcode="LS1 4AB", la_name="Leeds"
        ),
        "moor": SchoolFactory(
            urn=100002,
            name="Moorland Academy",
            town="Leeds",
            postcode="LS10 2CD",
            la_name="Leeds",
            phase="Secondary",
            type_name="Academy converter",
            ofsted_grade=OfstedGrade.OUTSTANDING,
            ofsted_date=dt.date(2019, 5, 1),
        ),
        "york": SchoolFactory(
            urn=100003,
            name="Minster Infant School",
            town="York",
            postcode="YO1 7HH",
            la_name="York",
            ofsted_grade=OfstedGrade.GOOD,
            ofsted_date=dt.date(2022, 3, 3),
        ),
        "shut": SchoolFactory(
            urn=100004,
            name="Aire Side Primary",
            town="Leeds",
            postcode="LS1 5EF",
            la_name="Leeds",
            status=SchoolStatus.CLOSED,
            closed_on=dt.date(2020, 8, 31),
        ),
        "london": SchoolFactory(
            urn=100005,
            name="Thames Primary",
            town="London",
            postcode="SE1 7PB",
            la_name="Southwark",
            region=Region.objects.get(code="L"),
            ofsted_date=dt.date(2025, 1, 15),  # ungraded: no grade
        ),
    }


def test_search_by_part_of_the_name_ignores_case(register):
    assert urns(school_search(q="aire valley")) == {100001}
    assert urns(school_search(q="  AIRE   valley ")) == {100001}  # spaces are tidied


def test_search_by_urn_finds_that_school_exactly(register):
    assert urns(school_search(q="100003")) == {100003}
    assert urns(school_search(q="10000")) == set()  # part of a URN is not a URN


def test_search_by_town(register):
    assert urns(school_search(q="york")) == {100003}
    assert urns(school_search(q="Leeds")) == {100001, 100002}  # the closed one is left out


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("LS1 4AB", {100001}),
        ("ls14ab", {100001}),  # no space, lower case
        ("LS1", {100001}),  # outward code: LS1 only, not LS10
        ("ls10", {100002}),
        ("LS1 4", {100001}),  # a sector
        ("yo1 7hh", {100003}),
        ("LS2", set()),
    ],
)
def test_search_by_whole_or_partial_postcode(register, q, expected):
    assert urns(school_search(q=q)) == expected


def test_postcode_condition_reads_only_postcodes():
    assert postcode_condition("Leeds") is None
    assert postcode_condition("Aire Valley Primary") is None
    assert postcode_condition("LS1 4AB") == Q(postcode__iexact="LS1 4AB")
    # Without a space "LS14" may be the district LS14 or the sector LS1 4: both are searched.
    condition = postcode_condition("ls14")
    assert ("postcode__istartswith", "LS14 ") in condition.children
    assert ("postcode__istartswith", "LS1 4") in condition.children


def test_closed_schools_only_when_asked_for(register):
    assert 100004 not in urns(school_search(q="aire"))
    assert urns(school_search(q="aire", include_closed=True)) == {100001, 100004}


def test_filter_by_phase_type_and_local_authority(register):
    assert urns(school_search(phase="Secondary")) == {100002}
    assert urns(school_search(type_name="Academy converter")) == {100002}
    assert urns(school_search(la_name="York")) == {100003}
    assert urns(school_search(q="leeds", phase="Primary")) == {100001}


def test_filter_by_region(register):
    assert urns(school_search(region_code="L")) == {100005}
    assert urns(school_search(region_code="YH")) == {100001, 100002, 100003}


def test_filter_by_ofsted_grade(register):
    assert urns(school_search(ofsted=str(OfstedGrade.OUTSTANDING.value))) == {100002}
    assert urns(school_search(ofsted=OfstedGrade.GOOD)) == {100003}
    assert urns(school_search(ofsted="4")) == set()


def test_no_overall_grade_filter_finds_ungraded_report_card_and_uninspected_schools(register):
    report_card = SchoolFactory(urn=100006, name="Report Card Primary", ofsted_date=dt.date(2026, 1, 20))
    found = urns(school_search(ofsted=NO_OVERALL_GRADE))
    assert found == {100001, 100005, report_card.urn}  # never a graded school
    assert not School.objects.filter(urn__in=found, ofsted_grade__isnull=False).exists()


def test_results_are_in_name_order_and_page_by_25():
    for n in range(30):
        SchoolFactory(name=f"Oak {n:02d} School", town="Otley", postcode="LS21 1AA")
    results = school_search(q="oak")
    paginator = Paginator(results, 25)
    assert paginator.count == 30
    assert paginator.num_pages == 2
    assert [s.name for s in paginator.page(2).object_list] == [f"Oak {n:02d} School" for n in range(25, 30)]


def test_filter_options_come_from_the_register(register, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        options = school_filter_options()
    assert options["phases"] == ["Primary", "Secondary"]
    assert options["types"] == ["Academy converter", "Community school"]
    assert options["local_authorities"] == ["Leeds", "Southwark", "York"]
    assert ("YH", "Yorkshire and the Humber") in options["regions"]
    assert len(options["regions"]) == 9
    assert [label for _, label in options["ofsted"]] == [
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "No overall grade",
    ]
