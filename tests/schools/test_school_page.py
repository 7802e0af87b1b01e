"""A school's page as the selector assembles it: history, links, alliances, hubs, nearest schools."""

import datetime as dt

import pytest

from domain.organisations.models import AllianceMembership, OrganisationKind
from domain.schools.models import Inspection, InspectionKind, OfstedGrade, SchoolLink, SchoolStatus
from domain.schools.selectors import (
    area_grade_rows,
    hubs_serving,
    nearest_schools,
    school_page,
    web_address,
)
from tests.factories import OrganisationFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def link(urn, linked_urn, link_type, name="", on=None):
    return SchoolLink.objects.create(
        urn=urn, linked_urn=linked_urn, link_type=link_type, linked_name=name, established_on=on
    )


def test_unknown_urn_has_no_page():
    assert school_page(999999) is None


@pytest.fixture
def converted():
    """An academy (URN 140001) that replaced a maintained school (URN 100100), itself formed from
    an older school (URN 100050) that is not on the register."""
    old = SchoolFactory(urn=100100, name="Old Road Primary School", status=SchoolStatus.CLOSED)
    academy = SchoolFactory(urn=140001, name="Old Road Academy")
    # GIAS writes both sides of a conversion.
    link(140001, 100100, "Predecessor", "Old Road Primary School", dt.date(2015, 9, 1))
    link(100100, 140001, "Successor", "Old Road Academy", dt.date(2015, 9, 1))
    # Only one side of the older merger.
    link(100050, 100100, "Successor - merged", "Old Road Primary School", dt.date(2001, 9, 1))
    Inspection.objects.create(school=old, inspected_on=dt.date(2012, 3, 1), overall_grade=OfstedGrade.GOOD)
    Inspection.objects.create(school=academy, inspected_on=dt.date(2019, 6, 1), overall_grade=OfstedGrade.OUTSTANDING)
    Inspection.objects.create(school=academy, inspected_on=dt.date(2025, 2, 1), kind=InspectionKind.UNGRADED)
    Inspection.objects.create(
        school=academy,
        inspected_on=dt.date(2026, 1, 14),
        kind=InspectionKind.REPORT_CARD,
        area_grades={"inclusion": "Strong standard", "leadership_and_governance": "Expected standard"},
    )
    return old, academy


def test_history_follows_predecessors_transitively_from_either_side(converted):
    founder = SchoolFactory(urn=100050, name="Founding School", status=SchoolStatus.CLOSED)
    Inspection.objects.create(school=founder, inspected_on=dt.date(1999, 5, 1), overall_grade=OfstedGrade.INADEQUATE)
    # 100050 is known as 100100's predecessor only from its own "Successor - merged" row.
    history = [(e.school_urn, e.inspection.inspected_on) for e in school_page(140001).inspections]
    assert history[-2:] == [(100100, dt.date(2012, 3, 1)), (100050, dt.date(1999, 5, 1))]
    assert [e.school_urn for e in school_page(100100).inspections] == [100100, 100050]
    assert [e.school_urn for e in school_page(100050).inspections] == [100050]  # successors' are not its own


def test_predecessor_cycles_end():
    one, two = SchoolFactory(urn=1), SchoolFactory(urn=2)
    link(1, 2, "Predecessor")
    link(2, 1, "Predecessor")
    Inspection.objects.create(school=two, inspected_on=dt.date(2010, 1, 1), overall_grade=OfstedGrade.GOOD)
    assert [e.school_urn for e in school_page(one.urn).inspections] == [2]


def test_history_includes_the_predecessor_newest_first(converted):
    page = school_page(140001)
    assert [(e.inspection.inspected_on, e.school_urn, e.is_predecessor) for e in page.inspections] == [
        (dt.date(2026, 1, 14), 140001, False),
        (dt.date(2025, 2, 1), 140001, False),
        (dt.date(2019, 6, 1), 140001, False),
        (dt.date(2012, 3, 1), 100100, True),
    ]
    assert page.inspections[-1].school_name == "Old Road Primary School"
    assert page.has_predecessor_history


def test_inspections_without_an_overall_grade_say_so(converted):
    report_card, ungraded, graded, _ = school_page(140001).inspections
    assert not report_card.has_overall_grade
    assert report_card.kind_label == "Report card"
    assert report_card.area_grades == [
        ("Inclusion", "Strong standard"),
        ("Leadership and governance", "Expected standard"),
    ]
    assert not ungraded.has_overall_grade and ungraded.area_grades == []
    assert graded.has_overall_grade


def test_links_name_predecessors_and_successors(converted):
    academy_page = school_page(140001)
    assert [(x.urn, x.name, x.on_register) for x in academy_page.predecessors] == [
        (100100, "Old Road Primary School", True)
    ]
    assert academy_page.successors == []
    old_page = school_page(100100)
    assert [(x.urn, x.link_type, x.on_register) for x in old_page.successors] == [(140001, "Successor", True)]
    # The merger is known only from the other side's row: it reads as a predecessor here.
    assert [(x.urn, x.link_type, x.on_register, x.name) for x in old_page.predecessors] == [
        (100050, "Predecessor - merged", False, "Establishment URN 100050")
    ]


def test_alliances_the_school_belongs_to_and_leads():
    school = SchoolFactory()
    tsa = OrganisationFactory(name="Aire Teaching School Alliance", lead_school=school)
    other = OrganisationFactory(name="Calder Alliance", is_active=False)
    AllianceMembership.objects.create(alliance=tsa, school=school, is_teaching_school=True)
    AllianceMembership.objects.create(alliance=other, school=school)
    OrganisationFactory(kind=OrganisationKind.TRUST, name="A Trust", lead_school=school)  # leads no alliance
    page = school_page(school.urn)
    assert [(m.alliance.name, m.is_teaching_school) for m in page.memberships] == [
        ("Aire Teaching School Alliance", True),
        ("Calder Alliance", False),
    ]
    assert [o.name for o in page.led_organisations] == ["Aire Teaching School Alliance"]


def test_hub_by_district_then_local_authority():
    hub_district = OrganisationFactory(kind=OrganisationKind.HUB, name="Wharfe Hub", districts=["Harrogate", "Craven"])
    hub_la = OrganisationFactory(kind=OrganisationKind.HUB, name="Leeds Hub", districts=["Leeds", "Bradford"])
    OrganisationFactory(kind=OrganisationKind.HUB, name="Closed Hub", districts=["harrogate"], is_active=False)
    in_district = SchoolFactory(la_name="North Yorkshire", district_name="  HARROGATE ")
    by_la = SchoolFactory(la_name="leeds", district_name="Somewhere Else")
    nowhere = SchoolFactory(la_name="Cornwall", district_name="")
    assert [h.hub for h in school_page(in_district.urn).hubs] == [hub_district]
    assert [h.hub for h in school_page(by_la.urn).hubs] == [hub_la]
    assert school_page(nowhere.urn).hubs == []
    assert hubs_serving(in_district, [hub_la]) == []


def test_nearest_open_schools_in_distance_order():
    centre = SchoolFactory(easting=430000, northing=433000)
    # A known pair: 600 m east and 800 m north is exactly 1 km away.
    one_km = SchoolFactory(name="One Km", easting=430600, northing=433800)
    near = SchoolFactory(name="Near", easting=430300, northing=433400)  # 500 m
    far = SchoolFactory(name="Far", easting=460000, northing=433000)  # 30 km
    SchoolFactory(name="Closed", easting=430100, northing=433000, status=SchoolStatus.CLOSED)
    SchoolFactory(name="No location", easting=None, northing=None)
    SchoolFactory(name="Too far", easting=430000, northing=490000)  # 57 km: beyond the cap
    found = nearest_schools(centre)
    assert [(s.urn, round(s.distance_metres)) for s in found] == [(near.urn, 500), (one_km.urn, 1000), (far.urn, 30000)]


def test_nearest_is_exact_when_the_box_corners_hold_farther_schools():
    centre = SchoolFactory(easting=500000, northing=300000)
    # Three schools in the corners of the first 2 km box (2.8 km away) and one 2.1 km due east,
    # outside the first box: the due-east school is nearer than the corner ones.
    corners = [
        SchoolFactory(easting=500000 + dx, northing=300000 + dy)
        for dx, dy in ((1990, 1990), (-1990, 1990), (1990, -1990))
    ]
    east = SchoolFactory(easting=502100, northing=300000)
    found = nearest_schools(centre, limit=3)
    assert found[0].urn == east.urn
    assert {s.urn for s in found[1:]} <= {c.urn for c in corners}
    assert len(found) == 3


def test_nearest_limit_and_a_school_without_location():
    centre = SchoolFactory(easting=400000, northing=400000)
    for n in range(15):
        SchoolFactory(easting=400000 + 100 * (n + 1), northing=400000)
    found = nearest_schools(centre)
    assert len(found) == 10
    assert [round(s.distance_metres) for s in found] == [100 * (n + 1) for n in range(10)]
    nowhere = SchoolFactory(easting=None, northing=None)
    assert nearest_schools(nowhere) == []
    assert school_page(nowhere.urn).nearest is None
    assert len(school_page(centre.urn).nearest) == 10


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("www.aire.leeds.sch.uk/", "http://www.aire.leeds.sch.uk/"),
        ("https://example.org/school", "https://example.org/school"),
        ("javascript:alert(1)", None),
        ("not a web address", None),
        ("", None),
    ],
)
def test_web_address(value, expected):
    assert web_address(value) == expected


def test_area_grade_rows_accept_a_list_of_areas():
    assert area_grade_rows([{"area": "Inclusion", "grade": "Exceptional"}]) == [("Inclusion", "Exceptional")]
    assert area_grade_rows(None) == []
