"""The directory's results as CSV and XLSX: the current search's rows, parsed back."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from domain.leaders.directory_export import HEADINGS
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.queries import assert_constant_queries

from .builders import alliance, listed_leader

pytestmark = pytest.mark.django_db


def download(client, fmt, query=None):
    return client.get(reverse("directory:download", kwargs={"fmt": fmt}), query or {})


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def listing():
    aire = alliance("Aire Valley Alliance", website="www.aire-valley.example")
    hub = alliance("Pennine Hub", kind=OrganisationKind.HUB)
    here = factories.SchoolFactory(name="Client School", easting=400000, northing=400000)
    beckside = factories.SchoolFactory(
        name="Beckside Primary", la_name="Leeds", town="Horsforth", easting=403000, northing=404000
    )
    dalesway = factories.SchoolFactory(
        name="Dalesway High", la_name="Bradford", town="Bradford", easting=420000, northing=400000
    )
    return {
        "here": here,
        "lle": listed_leader(aire, name="Alex Local", role="lle", school=beckside, specialisms=["english"]),
        "nle": listed_leader(hub, name="Taylor National", role="nle", phases=["secondary"], school=dalesway),
    }


def test_the_csv_has_the_headings_and_a_row_per_leader(client, listing):
    response = download(client, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="system-leaders.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADINGS
    by_name = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Alex Local", "Taylor National"}
    alex = by_name["Alex Local"]
    assert alex["Roles"] == "Local leader of education (LLE)"
    assert alex["Specialisms"] == "English"
    assert alex["Phases"] == "Primary"
    assert alex["Alliance or hub"] == "Aire Valley Alliance"
    assert alex["Contact route"] == (
        "Through Aire Valley Alliance (lead school: Lead school of Aire Valley Alliance), http://www.aire-valley.example"
    )
    assert alex["School"] == "Beckside Primary"
    assert alex["School URN"] == str(listing["lle"].school.urn)
    assert (alex["Local authority"], alex["Town"]) == ("Leeds", "Horsforth")
    assert by_name["Taylor National"]["Contact route"].endswith("Through their school: Dalesway High")


def test_the_download_follows_the_search_filters(client, listing):
    rows = csv_rows(download(client, "csv", {"role": "nle"}))
    assert [row[0] for row in rows[1:]] == ["Taylor National"]


def test_near_a_school_the_download_is_nearest_first_with_the_distance(client, listing):
    rows = xlsx_rows(download(client, "xlsx", {"school": str(listing["here"].urn)}))
    assert rows[0] == [*HEADINGS, "Distance (km)"]
    assert [(row[0], row[-1]) for row in rows[1:]] == [("Alex Local", 5.0), ("Taylor National", 20.0)]
    within = xlsx_rows(download(client, "xlsx", {"school": str(listing["here"].urn), "within": "10"}))
    assert [row[0] for row in within[1:]] == ["Alex Local"]


def test_the_xlsx_has_the_same_rows_as_the_csv(client, listing):
    from_csv = csv_rows(download(client, "csv"))
    from_xlsx = [[str(v) for v in row] for row in xlsx_rows(download(client, "xlsx"))]
    assert from_xlsx == from_csv


def test_another_format_is_not_found(client, listing):
    assert download(client, "pdf").status_code == 404


def test_an_unfinished_search_goes_back_to_the_search_page(client, listing):
    factories.SchoolFactory(name="Twin School A")
    factories.SchoolFactory(name="Twin School B")
    response = download(client, "csv", {"school": "Twin School"})
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:search") + "?school=Twin+School"


def test_the_search_page_links_to_both_downloads_with_its_filters(client, listing):
    html = client.get(reverse("directory:search"), {"role": "lle"}).content.decode()
    assert 'href="/directory/download.csv?role=lle"' in html
    assert 'href="/directory/download.xlsx?role=lle"' in html


def test_the_download_runs_the_same_number_of_queries_however_many_rows(client, listing):
    def grow():
        listed_leader(alliance(), name="Another Leader", role="sle", specialisms=["maths"])

    response = assert_constant_queries(lambda: download(client, "csv"), grow)
    assert len(csv_rows(response)) == 5
