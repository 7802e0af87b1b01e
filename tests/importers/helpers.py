"""Building import files in tests, running the import commands, and taking a snapshot of the
register to show that a refused import changed nothing."""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from domain.audit.models import AuditEvent
from domain.organisations.models import AllianceMembership, Organisation
from domain.schools.models import Inspection, RegisterImport, School, SchoolLink

# The shared data folder sits beside the repository: /work/shared/data for /work/main.
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
# How a test of the real data says it skipped: CI fails a step that skipped one while the data is
# there (scripts/check-test-report).
REAL_DATA_MISSING_REASON = "real data missing:"

OPEN_ESTABLISHMENTS_HEADER = [
    "urn",
    "laestab",
    "num_pupils",
    "phase",
    "la_name",
    "region",
    "ofsted_rating",
    "last_ofsted_date",
    "easting",
    "northing",
]
NAMES_HEADER = ["urn", "name", "open_date", "close_date", "town", "postcode"]
OFSTED_HEADER = ["URN", "Rating", "Inspection Date"]
LINKS_HEADER = ["URN", "LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"]


def csv_bytes(header, rows, *, encoding="utf-8", bom=False, gz=False) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = ("\ufeff" if bom else "").encode(encoding) + out.getvalue().encode(encoding)
    return gzip.compress(data) if gz else data


def write(tmp_path, name, header, rows, **options) -> Path:
    path = tmp_path / name
    path.write_bytes(csv_bytes(header, rows, **options))
    return path


def run(command, path, **options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, str(path), stdout=out, stderr=err, **options)
    return out.getvalue()


def snapshot() -> dict:
    """Everything an import may write, as plain values."""
    return {
        "schools": sorted(School.objects.values_list(*[f.attname for f in School._meta.concrete_fields])),
        "inspections": sorted(Inspection.objects.values_list("school_id", "inspected_on", "kind", "overall_grade")),
        "links": sorted(SchoolLink.objects.values_list("urn", "linked_urn", "link_type", "linked_name")),
        "organisations": sorted(
            Organisation.objects.values_list("kind", "code", "name", "region_id", "lead_school_id", "website")
        ),
        "memberships": sorted(AllianceMembership.objects.values_list("alliance_id", "school_id", "is_teaching_school")),
        "imports": RegisterImport.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def shared_file(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"{REAL_DATA_MISSING_REASON} {path}")
    return path
