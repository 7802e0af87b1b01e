"""manage.py import_leaders: the same check and write, with counts, and a non-zero exit when refused."""

import io

import pytest
from django.core.management import CommandError, call_command

from domain.designation.models import Designation

from .helpers import csv_bytes, region_world, row

pytestmark = pytest.mark.django_db


def _run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_leaders", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_then_finds_nothing_to_change(tmp_path):
    world = region_world()
    path = tmp_path / "leaders.csv"
    path.write_bytes(csv_bytes([row()]))
    email = world["representative"].email
    out, _ = _run(path, "--as", email, "--dry-run")
    assert "Rows: 1 created, 0 updated, 0 unchanged, 0 refused" in out and not Designation.objects.exists()
    out, _ = _run(path, "--as", email, "--hold-invitations")
    assert "1 invitations held" in out and Designation.objects.count() == 1
    out, _ = _run(path, "--as", email)
    assert "Rows: 0 created, 0 updated, 1 unchanged, 0 refused" in out


def test_a_refused_row_exits_non_zero_and_says_why(tmp_path):
    world = region_world()
    path = tmp_path / "leaders.csv"
    path.write_bytes(csv_bytes([row(**{"School URN": "999999"})]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_leaders", str(path), "--as", world["representative"].email, stderr=err, stdout=io.StringIO()
        )
    assert "Row 2, column 'School URN': 999999 is not a school on the register" in err.getvalue()
    assert not Designation.objects.exists()


def test_someone_who_cannot_import_is_refused(tmp_path):
    path = tmp_path / "leaders.csv"
    path.write_bytes(csv_bytes([row()]))
    with pytest.raises(CommandError, match="cannot import|not a regional representative"):
        _run(path, "--as", "nobody@example.test")
