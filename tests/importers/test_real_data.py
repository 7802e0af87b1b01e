"""Every real published file in ../shared/data, imported the way an operator would, with the
counts it must give and a second run that changes nothing."""

import re

import pytest

from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind
from domain.schools.lineage import inspections_with_predecessors, predecessor_urns
from domain.schools.models import Inspection, School, SchoolLink
from tests.importers.helpers import run, shared_file

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def counts(out: str, label: str) -> dict[str, int]:
    """{"created": 30013, ...} from a line such as "Schools: 30,013 created, 0 updated, ..."."""
    line = next(line for line in out.splitlines() if line.startswith(f"{label}:"))
    return {word: int(number.replace(",", "")) for number, word in re.findall(r"([\d,]+) ([a-z]+)", line)}


def twice(command: str, relative: str) -> tuple[str, str]:
    path = shared_file(relative)
    return run(command, path), run(command, path)


def test_open_establishments_of_march_2018():
    first, second = twice("import_gias", "gias/open_establishments_20180312.csv.gz")
    assert counts(first, "Schools") == {"created": 30_013, "updated": 0, "closed": 0, "unchanged": 0}
    assert "In the file: 20,740 with an Ofsted grade, 29,628 with Easting/Northing." in first
    assert counts(first, "Inspections")["created"] == 20_740
    assert counts(second, "Schools") == {"created": 0, "updated": 0, "closed": 0, "unchanged": 30_013}
    assert "No change: the register already matched this file." in second

    assert School.objects.count() == 30_013
    # 1,620 Welsh rows and 306 "Not Applicable" (offshore, overseas) have no English region.
    assert School.objects.filter(region__isnull=True).count() == 1_620 + 306
    assert School.objects.filter(ofsted_grade=4).count() == 265 + 83 + 0  # special measures, serious weaknesses
    # Every English local authority of 2018 (152), and no Welsh or offshore one.
    authorities = Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY)
    assert authorities.count() == 152
    assert not authorities.filter(region__isnull=True).exists()
    assert authorities.get(code="383").name == "Leeds"


def test_every_real_file_in_turn():
    first, second = twice("import_gias", "gias/school_details_2018.csv.gz")
    assert counts(first, "Schools") == {"created": 26_078, "updated": 0, "closed": 0, "unchanged": 0}
    assert counts(second, "Schools")["unchanged"] == 26_078
    assert School.objects.filter(status="closed").count() == 2_146
    assert School.objects.filter(status="proposed_to_close").count() == 146
    assert School.objects.get(urn=126416).name.startswith("St Thomas \u00e0 Becket")  # read as Windows-1252

    before = School.objects.count()
    first, second = twice("import_gias", "gias/establishment_names_20221102.csv.gz")
    schools = counts(first, "Schools")
    assert schools["created"] + schools["updated"] + schools["unchanged"] == 42_545
    assert School.objects.count() == before + schools["created"] >= 42_545
    assert "No change" in second

    for layout in ("2018", "2024"):
        first, second = twice("import_gias", f"gias/edubasealldata_sample_{layout}_layout.csv")
        assert "Layout: GIAS all establishment data" in first and "No change" in second
    assert Organisation.objects.filter(kind=OrganisationKind.TRUST, code="5711").exists()

    first, second = twice("import_ofsted", "ofsted/ofsted_outcomes_history_2005_2020.csv.gz")
    assert "Read 60,134 rows: 60,131 inspections." in first
    inspections = counts(first, "Inspections")
    assert inspections["created"] + inspections["unchanged"] + inspections["updated"] == 60_131
    assert "Skipped" not in first  # every school in that history is on this register
    assert "No change" in second
    assert Inspection.objects.filter(overall_grade__isnull=True, kind="graded").count() == 0
    several = School.objects.filter(urn=100000).get()
    assert several.inspections.count() >= 2 and several.ofsted_date == several.inspections.first().inspected_on

    first, second = twice("import_gias_links", "gias/links_20250422.csv.gz")
    assert counts(first, "Links") == {"created": 33_801, "updated": 0, "unchanged": 0}
    followed = int(re.search(r"Followed \(both URNs on the register\): ([\d,]+)", first).group(1).replace(",", ""))
    assert 25_000 < followed <= 33_801
    assert "No change" in second
    # A converter whose predecessor has inspections shows them in its history.
    inspected = set(Inspection.objects.values_list("school__urn", flat=True))
    link = next(
        link
        for link in SchoolLink.objects.filter(link_type="Predecessor").order_by("urn")
        if link.linked_urn in inspected
    )
    assert link.linked_urn in predecessor_urns(link.urn)
    assert {i.school.urn for i in inspections_with_predecessors(link.urn)} >= {link.linked_urn}

    first, second = twice("import_teaching_schools", "teaching-schools/teaching_schools_directory_20180312.csv")
    assert counts(first, "Alliances")["created"] == 640
    assert "Teaching schools: 808 on the register, 0 not on it." in first
    assert "No change" in second
    alliances = Organisation.objects.filter(kind=OrganisationKind.TSA)
    assert alliances.count() == 640 and not alliances.filter(lead_school__isnull=True).exists()
    assert not alliances.filter(region__isnull=True).exists()
    assert AllianceMembership.objects.filter(is_teaching_school=True).count() == 808

    first, second = twice("import_hubs", "hubs/teaching_school_hubs_20250930.csv")
    assert counts(first, "Hubs") == {"created": 87, "updated": 0, "unchanged": 0}
    assert "No change" in second
    hubs = Organisation.objects.filter(kind=OrganisationKind.HUB)
    assert not hubs.filter(region__isnull=True).exists()
    assert hubs.filter(region__code="YH").count() == 10
