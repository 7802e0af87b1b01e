"""The register's download: the filtered rows, all of them, as CSV or XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from domain.leaders.register_export import HEADINGS
from tests import factories
from tests.designation.life.helpers import designate, tsa_with_coordinator

from .helpers import DEMO_DESIGNATIONS, DEMO_LEADERS, demo_representative

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def export(client, fmt, **filters):
    return client.get(reverse("register:export", kwargs={"fmt": fmt}), filters)


def test_the_csv_holds_every_demo_designation_under_the_headings(client):
    demo_representative(client)
    response = export(client, "csv")
    assert response.status_code == 200
    assert 'filename="system-leaders-register-2026-11-22.csv"' in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == list(HEADINGS)
    assert {row[0] for row in rows} == DEMO_LEADERS
    jamie = next(row for row in rows if row[0] == "Jamie Oakroyd")
    assert jamie == [
        "Jamie Oakroyd",
        "Specialist leader of education",
        "Active",
        "Aire Valley Teaching School Alliance",
        "Aire Valley Teaching School Alliance",
        "Fernhill Special School",
        "990006",
        "2024-09-01",
        "2027-08-31",
        "Primary; Special",
        "Maths; Special educational needs",
    ]
    drew = next(row for row in rows if row[0] == "Drew Hollinsworth")
    assert drew[3:5] == ["National programme", "Not associated"]
    assert drew[8] == ""  # no end date


def test_the_download_holds_the_filtered_rows_only(client):
    demo_representative(client)
    _, *rows = csv_rows(export(client, "csv", role="sle"))
    assert {row[0] for row in rows} == {"Jamie Oakroyd", "Riley Ashworth"}
    header, *rows = xlsx_rows(export(client, "xlsx", role="sle"))
    assert header == list(HEADINGS)
    assert {row[0] for row in rows} == {"Jamie Oakroyd", "Riley Ashworth"}
    riley = next(row for row in rows if row[0] == "Riley Ashworth")
    assert riley[6] == 990004  # the URN stays a number in the spreadsheet
    assert riley[7:9] == ["2025-09-01", "2028-08-31"]


def test_the_download_holds_every_row_not_just_a_page(client):
    demo_representative(client)
    tsa, coordinator = tsa_with_coordinator()
    for _ in range(50):
        designate(organisation=tsa, actor=coordinator)
    _, *rows = csv_rows(export(client, "csv"))
    assert len(rows) == DEMO_DESIGNATIONS + 50


def test_another_region_s_designations_are_never_downloaded(client):
    demo_representative(client)
    north_west = factories.region("North West")
    tsa, coordinator = tsa_with_coordinator(region=north_west)
    designate(
        organisation=tsa,
        actor=coordinator,
        person=factories.UserFactory(full_name="Noor Pendleton"),
        school=factories.SchoolFactory(region=north_west),
    )
    _, *rows = xlsx_rows(export(client, "xlsx"))
    assert "Noor Pendleton" not in {row[0] for row in rows}
    assert {row[0] for row in rows} == DEMO_LEADERS


def test_a_cell_that_looks_like_a_formula_is_escaped(client):
    demo_representative(client)
    designate(person=factories.UserFactory(full_name='=HYPERLINK("http://example.test","Click")'))
    _, *rows = csv_rows(export(client, "csv", q="HYPERLINK"))
    assert [row[0] for row in rows] == ['\'=HYPERLINK("http://example.test","Click")']
    _, *rows = xlsx_rows(export(client, "xlsx", q="HYPERLINK"))
    assert rows[0][0].startswith("'=")


def test_an_unknown_format_is_not_found(client):
    demo_representative(client)
    assert export(client, "pdf").status_code == 404
