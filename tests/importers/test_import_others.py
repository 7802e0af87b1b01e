"""import_ofsted, import_gias_links (and the lineage they give), import_teaching_schools and
import_hubs: counts, idempotency, all-or-nothing."""

import datetime as dt

import pytest
from django.core.management.base import CommandError

from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from domain.schools.importers.teaching_schools import alliance_code
from domain.schools.lineage import inspections_with_predecessors, predecessor_urns
from domain.schools.models import Inspection, RegisterImport, School
from tests.factories import SchoolFactory
from tests.importers.helpers import LINKS_HEADER, OFSTED_HEADER, run, snapshot, write

pytestmark = pytest.mark.django_db

TEACHING_HEADER = ["Alliance Name", "Teaching School", "URN", "Region", "Local Authority"]
HUBS_HEADER = ["TSH Area", "name", "website", "areas"]


def test_ofsted_history_is_kept_and_the_latest_becomes_the_school_s_grade(tmp_path):
    school = SchoolFactory(urn=100000, ofsted_grade=None, ofsted_date=None)
    other = SchoolFactory(urn=100001, ofsted_grade=2, ofsted_date=dt.date(2022, 1, 1))
    rows = [
        ["100000", "Satisfactory", "20080926"],
        ["100000", "Outstanding", "20130418"],
        ["100001", "Inadequate", "20150101"],  # older than what the register already has
        ["999999", "Good", "20150101"],
        ["999999", "Good", "20160101"],
    ]
    path = write(tmp_path, "ofsted.csv.gz", OFSTED_HEADER, rows, gz=True)
    out = run("import_ofsted", path)
    assert "Inspections: 3 created, 0 updated, 0 unchanged." in out
    assert "Schools whose latest inspection changed: 1." in out
    assert "Skipped 2 rows for URNs not on the register (1 URNs)." in out
    school.refresh_from_db()
    other.refresh_from_db()
    assert (school.ofsted_grade, school.ofsted_date) == (1, dt.date(2013, 4, 18))
    assert (other.ofsted_grade, other.ofsted_date) == (2, dt.date(2022, 1, 1))
    assert list(school.inspections.values_list("overall_grade", flat=True)) == [1, 3]

    before = snapshot()
    out = run("import_ofsted", path)
    assert "Inspections: 0 created, 0 updated, 3 unchanged." in out
    assert "No change: the register already matched this file." in out
    assert snapshot()["inspections"] == before["inspections"]
    assert snapshot()["schools"] == before["schools"]


def test_an_ungraded_inspection_from_september_2024_leaves_no_overall_grade(tmp_path):
    school = SchoolFactory(urn=100000)
    rows = [["100000", "Good", "20190301"], ["100000", "", "20250115"]]
    run("import_ofsted", write(tmp_path, "ofsted.csv", OFSTED_HEADER, rows))
    school.refresh_from_db()
    assert (school.ofsted_grade, school.ofsted_date) == (None, dt.date(2025, 1, 15))
    kinds = list(school.inspections.values_list("kind", "overall_grade"))
    assert kinds == [("ungraded", None), ("graded", 2)]


def test_a_corrected_grade_updates_the_inspection(tmp_path):
    SchoolFactory(urn=100000)
    run("import_ofsted", write(tmp_path, "a.csv", OFSTED_HEADER, [["100000", "Good", "20190301"]]))
    out = run("import_ofsted", write(tmp_path, "b.csv", OFSTED_HEADER, [["100000", "Outstanding", "20190301"]]))
    assert "Inspections: 0 created, 1 updated, 0 unchanged." in out
    assert Inspection.objects.get().overall_grade == 1
    assert School.objects.get().ofsted_grade == 1


def test_a_bad_ofsted_file_changes_nothing(tmp_path):
    SchoolFactory(urn=100000)
    before = snapshot()
    rows = [["100000", "Good", "20190301"], ["100000", "Good", "2019-13-01"]]
    with pytest.raises(CommandError, match='Row 3, column "Inspection Date": "2019-13-01" is not a date') as caught:
        run("import_ofsted", write(tmp_path, "bad.csv", OFSTED_HEADER, rows))
    assert str(caught.value) == (
        'Row 3, column "Inspection Date": "2019-13-01" is not a date (expected yyyymmdd). Nothing was imported.'
    )
    assert snapshot() == before


def links_file(tmp_path, rows):
    return write(tmp_path, "links.csv", LINKS_HEADER, rows, encoding="cp1252")


def test_links_are_kept_followed_and_give_a_school_s_predecessors(tmp_path):
    for urn in (100, 200, 300):
        SchoolFactory(urn=urn)
    rows = [
        # 300 is the academy that replaced 200, which had replaced 100; GIAS writes both directions.
        ["300", "200", "Old School", "Predecessor", "01-09-2015"],
        ["200", "300", "New Academy", "Successor", "01-09-2015"],
        ["100", "200", "Middle School", "Successor - merged", "01-09-2001"],
        ["200", "50", "Gone Before the Register", "Predecessor - amalgamated", ""],
        ["50", "300", "Loop", "Predecessor", ""],  # a cycle in the data must not loop forever
    ]
    out = run("import_gias_links", links_file(tmp_path, rows))
    assert "Links: 5 created, 0 updated, 0 unchanged." in out
    assert "Followed (both URNs on the register): 3 of 5." in out
    assert predecessor_urns(300) == [200, 100, 50]
    assert predecessor_urns(100) == []
    assert predecessor_urns(50) == [300, 200, 100]  # the loop, followed once round

    Inspection.objects.create(school=School.objects.get(urn=100), inspected_on=dt.date(2010, 1, 1), overall_grade=3)
    Inspection.objects.create(school=School.objects.get(urn=300), inspected_on=dt.date(2019, 1, 1), overall_grade=2)
    assert [(i.school.urn, i.overall_grade) for i in inspections_with_predecessors(300)] == [(300, 2), (100, 3)]

    out = run("import_gias_links", links_file(tmp_path, rows))
    assert "Links: 0 created, 0 updated, 5 unchanged." in out
    assert "No change" in out


def test_a_links_file_that_is_not_one_changes_nothing(tmp_path):
    path = write(tmp_path, "wrong.csv", OFSTED_HEADER, [["1", "Good", "20190101"]])
    with pytest.raises(CommandError, match='no "LinkURN" column, so it is not a GIAS links file'):
        run("import_gias_links", path)
    assert not RegisterImport.objects.exists()


def test_teaching_schools_make_alliances_with_lead_schools_and_members(tmp_path):
    first, second = SchoolFactory(urn=112474), SchoolFactory(urn=136360)
    rows = [
        ["Derby Teaching Schools Alliance", "Not on the register", "999001", "East Midlands", "Derby"],
        ["Derby Teaching Schools Alliance", "First", "112474", "East Midlands", "Derby"],
        ["Derby Teaching Schools Alliance", "Second", "136360", "East Midlands", "Derby"],
        ["Far Away Alliance", "Elsewhere", "999002", "Yorkshire and Humber", "York"],
    ]
    path = write(tmp_path, "ts.csv", TEACHING_HEADER, rows)
    out = run("import_teaching_schools", path)
    assert "Alliances: 2 created, 0 updated, 0 unchanged; 1 without a lead school" in out
    assert "Teaching schools: 2 on the register, 2 not on it." in out
    assert "Memberships: 2 created, 0 updated, 0 unchanged." in out
    derby = Organisation.objects.get(kind=OrganisationKind.TSA, code=alliance_code("Derby Teaching Schools Alliance"))
    assert (derby.name, derby.region.name, derby.lead_school) == (
        "Derby Teaching Schools Alliance",
        "East Midlands",
        first,
    )
    assert set(AllianceMembership.objects.values_list("school", "is_teaching_school")) == {
        (first.pk, True),
        (second.pk, True),
    }
    far = Organisation.objects.get(name="Far Away Alliance")
    assert (far.lead_school, far.region.name) == (None, "Yorkshire and the Humber")

    before = snapshot()
    out = run("import_teaching_schools", path)
    assert "Alliances: 0 created, 0 updated, 2 unchanged" in out
    assert "No change" in out
    assert snapshot()["organisations"] == before["organisations"]


def test_hubs_take_their_region_from_the_area_code(tmp_path):
    rows = [["YH3", "A Hub", "www.example.test/", "Leeds;Bradford"], ["L1", "A London Hub", "", "Camden;Islington"]]
    path = write(tmp_path, "hubs.csv", HUBS_HEADER, rows)
    assert "Hubs: 2 created, 0 updated, 0 unchanged." in run("import_hubs", path)
    hub = Organisation.objects.get(kind=OrganisationKind.HUB, code="YH3")
    assert (hub.name, hub.region.code, hub.website, hub.districts) == (
        "A Hub",
        "YH",
        "www.example.test/",
        ["Leeds", "Bradford"],
    )
    assert Organisation.objects.get(code="L1").region.name == "London"
    assert "No change" in run("import_hubs", path)
    rows[0][3] = "Leeds;Bradford;Calderdale"
    out = run("import_hubs", write(tmp_path, "hubs2.csv", HUBS_HEADER, rows))
    assert "Hubs: 0 created, 1 updated, 1 unchanged." in out
    assert Organisation.objects.get(code="YH3").districts == ["Leeds", "Bradford", "Calderdale"]


def test_a_bad_hub_file_changes_nothing(tmp_path):
    rows = [["YH3", "A Hub", "", "Leeds"], ["ZZ9", "B Hub", "", "York"]]
    with pytest.raises(CommandError, match='Row 3, column "TSH Area": "ZZ9" is not a hub area code') as caught:
        run("import_hubs", write(tmp_path, "hubs.csv", HUBS_HEADER, rows))
    assert str(caught.value).startswith('Row 3, column "TSH Area": "ZZ9" is not a hub area code')
    assert not Organisation.objects.filter(kind=OrganisationKind.HUB).exists()


def test_a_bad_teaching_schools_file_changes_nothing(tmp_path):
    rows = [["An Alliance", "A School", "12x", "London", "Camden"]]
    with pytest.raises(CommandError, match=r'Row 2, column "URN": "12x" is not a URN'):
        run("import_teaching_schools", write(tmp_path, "ts.csv", TEACHING_HEADER, rows))
    assert not Organisation.objects.filter(kind=OrganisationKind.TSA).exists()
