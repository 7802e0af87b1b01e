"""Files of existing leaders for the import's tests: synthetic people only."""

import csv
import io

from domain.leaders.cadre_import.columns import HEADINGS
from domain.organisations.models import OrganisationKind
from tests import factories
from tests.leaders.helpers import coordinator_of, representative_of


def row(**values) -> dict:
    """One row of the template, with sensible values for whatever is not given."""
    base = {
        "Full name": "Sam Example",
        "Email address": "sam.example@school.example",
        "Role": "LLE",
        "Specialisms": "",
        "Phases": "",
        "School URN": "800001",
        "Designated through": "National programme",
        "Designated on": "1 September 2016",
        "Term ends": "",
        "Associated with": "",
        "Pen portrait": "",
    }
    base.update(values)
    return base


def csv_bytes(rows: list[dict], headings=HEADINGS) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for values in rows:
        writer.writerow([values.get(h, "") for h in headings])
    return buffer.getvalue().encode()


def xlsx_bytes(rows: list[list], headings=HEADINGS) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(headings)
    for values in rows:
        sheet.append(values)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def region_world():
    """A region with two alliances, a school each, and a representative and coordinators."""
    region = factories.region()
    alliance = factories.OrganisationFactory(kind=OrganisationKind.TSA, name="Aire Test Alliance", code="AIRE1")
    other = factories.OrganisationFactory(kind=OrganisationKind.HUB, name="Calder Test Hub", code="CALD1")
    elsewhere = factories.OrganisationFactory(
        kind=OrganisationKind.TSA, name="Thames Test Alliance", code="THAM1", region=factories.region("London")
    )
    school = factories.SchoolFactory(urn=800001, name="Beck Primary", phase="Primary")
    second = factories.SchoolFactory(urn=800002, name="Fell Secondary", phase="Secondary")
    return {
        "region": region,
        "alliance": alliance,
        "other": other,
        "elsewhere": elsewhere,
        "school": school,
        "second": second,
        "representative": representative_of(region),
        "coordinator": coordinator_of(alliance),
    }
