"""Dioceses from the register: GIAS's "Diocese (code)" and "Diocese (name)" give each school its
diocese and an organisation of kind diocese for each, in the region most of its schools are in.
Code "0000", "Not applicable", is no diocese."""

import pytest
from django.core.management.base import CommandError

from domain.organisations.models import Organisation, OrganisationKind, Region
from domain.schools.importers.establishments import parse_establishments
from domain.schools.models import School
from tests.importers.helpers import csv_bytes, run, shared_file, snapshot, write
from tests.importers.test_real_data import counts

pytestmark = pytest.mark.django_db

HEADER = ["URN", "EstablishmentName", "GOR (name)", "Diocese (code)", "Diocese (name)", "NumberOfPupils"]


def dioceses() -> dict[str, tuple[str, str | None]]:
    found = Organisation.objects.filter(kind=OrganisationKind.DIOCESE).select_related("region")
    return {org.code: (org.name, org.region.name if org.region else None) for org in found}


@pytest.mark.realdata
def test_the_2018_layout_sample_gives_its_dioceses():
    path = shared_file("gias/edubasealldata_sample_2018_layout.csv")
    first = run("import_gias", path)
    assert counts(first, "Dioceses") == {"created": 3, "updated": 0}
    assert dioceses() == {
        "CE23": ("Diocese of London", "London"),
        "RC01": ("Archdiocese of Westminster", "London"),
        "CE36": ("Diocese of Southwark", "London"),
    }
    school = School.objects.get(urn=100459)
    assert (school.diocese_code, school.diocese_name) == ("RC01", "Archdiocese of Westminster")
    westminster = Organisation.objects.get(kind=OrganisationKind.DIOCESE, code="RC01")
    assert set(School.objects.filter(diocese_code=westminster.code).values_list("urn", flat=True)) == {100459, 100494}

    before = snapshot()
    second = run("import_gias", path)
    assert counts(second, "Dioceses") == {"created": 0, "updated": 0}
    assert "No change: the register already matched this file." in second
    assert snapshot()["organisations"] == before["organisations"]
    assert snapshot()["schools"] == before["schools"]


@pytest.mark.realdata
def test_the_2024_layout_sample_has_no_diocese():
    out = run("import_gias", shared_file("gias/edubasealldata_sample_2024_layout.csv"))
    assert counts(out, "Dioceses") == {"created": 0, "updated": 0}
    assert dioceses() == {}
    assert set(School.objects.values_list("diocese_code", "diocese_name")) == {("", "")}


def test_a_diocese_is_in_the_region_most_of_its_schools_are_in(tmp_path):
    rows = [
        ["1", "A", "Yorkshire and the Humber", "CE07", "Diocese of Leeds", "10"],
        ["2", "B", "North East", "CE07", "Diocese of Leeds", "x"],
        ["3", "C", "Yorkshire and the Humber", "CE07", "Diocese of Leeds", ""],
        ["4", "D", "North East", "RC02", "Diocese of Hexham and Newcastle", "SUPP"],
        ["5", "E", "North East", "0000", "Not applicable", "3"],
        ["6", "F", "Wales (pseudo)", "CW01", "Diocese of St Asaph", "3"],
    ]
    out = run("import_gias", write(tmp_path, "gias.csv", HEADER, rows))
    assert "Dioceses: 2 created, 0 updated." in out
    assert dioceses() == {
        "CE07": ("Diocese of Leeds", "Yorkshire and the Humber"),
        "RC02": ("Diocese of Hexham and Newcastle", "North East"),
    }
    # The school in Wales keeps its diocese, which has no English region and so no organisation.
    assert School.objects.get(urn=6).diocese_code == "CW01"
    assert School.objects.get(urn=5).diocese_code == ""

    # A later file moves two schools and renames the diocese: its organisation follows.
    rows[0][2] = rows[2][2] = "North East"
    for row in rows[:3]:
        row[4] = "Anglican Diocese of Leeds"
    out = run("import_gias", write(tmp_path, "later.csv", HEADER, rows))
    assert "Dioceses: 0 created, 1 updated." in out
    assert dioceses()["CE07"] == ("Anglican Diocese of Leeds", "North East")

    # A school that leaves its diocese no longer names it.
    rows[3][3:5] = ["0000", "Not applicable"]
    run("import_gias", write(tmp_path, "left.csv", HEADER, rows))
    assert School.objects.get(urn=4).diocese_code == ""


def test_a_file_without_the_diocese_columns_leaves_dioceses_alone(tmp_path):
    run("import_gias", write(tmp_path, "gias.csv", HEADER, [["1", "A", "London", "CE23", "Diocese of London", "1"]]))
    london = Region.objects.get(name="London")
    Organisation.objects.filter(kind=OrganisationKind.DIOCESE).update(name="Renamed by hand")
    header = ["URN", "EstablishmentName", "GOR (name)", "NumberOfPupils"]
    out = run("import_gias", write(tmp_path, "plain.csv", header, [["1", "A", "North West", "2"]]))
    assert "Dioceses" not in out
    diocese = Organisation.objects.get(kind=OrganisationKind.DIOCESE)
    assert (diocese.name, diocese.region_id) == ("Renamed by hand", london.pk)
    assert School.objects.get(urn=1).diocese_code == "CE23"
    assert not parse_establishments(csv_bytes(header, [["1", "A", "London", "2"]])).carries_dioceses


def test_a_refused_file_creates_no_diocese(tmp_path):
    before = snapshot()
    rows = [["1", "A", "London", "CE23", "Diocese of London", "1"], ["2", "B", "London", "CE36", "Southwark", "many"]]
    with pytest.raises(CommandError, match='Row 3, column "NumberOfPupils"'):
        run("import_gias", write(tmp_path, "bad.csv", HEADER, rows))
    assert snapshot() == before
    assert dioceses() == {}
