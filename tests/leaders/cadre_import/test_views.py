"""The pages: upload, the check page, confirm, held invitations, and a coordinator who names
another alliance."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from domain.accounts.invitations import Invitation
from domain.designation.models import Designation
from domain.leaders.models import CadreUpload
from tests.conftest import sign_in
from tests.queries import assert_constant_queries

from .helpers import csv_bytes, region_world, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return region_world()


def _upload(client, namespace, data, name="leaders.csv"):
    return client.post(reverse(f"{namespace}:import"), {"file": SimpleUploadedFile(name, data)})


def test_the_register_links_to_the_import_and_its_template(client, world):
    sign_in(client, world["representative"])
    page = client.get(reverse("register:leaders")).content.decode()
    assert reverse("register:import") in page
    upload = client.get(reverse("register:import")).content.decode()
    assert "Upload a spreadsheet of existing leaders" in upload and "Upload and check" in upload
    template = client.get(reverse("register:import-template", kwargs={"fmt": "xlsx"}))
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxml")
    assert b"Full name" in client.get(reverse("register:import-template", kwargs={"fmt": "csv"})).content


def test_upload_check_then_confirm_imports_the_leaders(client, world, mailoutbox, django_capture_on_commit_callbacks):
    sign_in(client, world["representative"])
    response = _upload(client, "register", csv_bytes([row()]))
    assert response.status_code == 302
    check = client.get(response["Location"]).content.decode()
    assert "Confirm and import" in check and "Hold the invitations: do not send them yet" in check
    assert not Designation.objects.exists()  # nothing written before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response["Location"], {})
    assert done.status_code == 302 and done["Location"] == reverse("register:leaders")
    assert Designation.objects.count() == 1
    assert len(mailoutbox) == 1  # the invitation


def test_holding_the_invitations(client, world, mailoutbox, django_capture_on_commit_callbacks):
    sign_in(client, world["representative"])
    response = _upload(client, "register", xlsx_bytes([list(row().values())]), name="leaders.xlsx")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"hold": "on"})
    assert Invitation.objects.count() == 1
    assert mailoutbox == []


def test_a_refused_file_shows_reasons_and_no_confirm_button(client, world):
    sign_in(client, world["representative"])
    response = _upload(client, "register", csv_bytes([row(**{"School URN": "999999"})]))
    page = client.get(response["Location"]).content.decode()
    assert "Row 2, column &#39;School URN&#39;: 999999 is not a school on the register" in page
    assert "Confirm and import" not in page and "Fix the file and upload it again" in page
    client.post(response["Location"], {})
    assert not Designation.objects.exists()


def test_the_wrong_kind_of_file_is_refused_clearly(client, world):
    sign_in(client, world["representative"])
    response = _upload(client, "register", b"%PDF-1.4", name="leaders.pdf")
    assert response.status_code == 400
    assert "The selected file must be a CSV or XLSX spreadsheet" in response.content.decode()
    assert "Select a spreadsheet of existing leaders" in client.post(reverse("register:import"), {}).content.decode()


def test_a_coordinator_cannot_import_for_another_alliance(client, world):
    sign_in(client, world["coordinator"])
    assert reverse("alliance:import") in client.get(reverse("alliance:leaders")).content.decode()
    data = csv_bytes([row(**{"Associated with": "Calder Test Hub"})])
    response = _upload(client, "alliance", data)
    page = client.get(response["Location"]).content.decode()
    assert "Calder Test Hub is not yours: you can import leaders only for Aire Test Alliance" in page
    client.post(response["Location"], {})
    assert not Designation.objects.exists()


def test_another_persons_upload_is_not_found(client, world):
    sign_in(client, world["representative"])
    location = _upload(client, "register", csv_bytes([row()]))["Location"]
    sign_in(client, world["coordinator"])
    upload = CadreUpload.objects.get()
    assert client.get(reverse("alliance:import-check", kwargs={"upload_id": upload.pk})).status_code == 404
    assert client.post(location, {}).status_code in (403, 404)
    assert not Designation.objects.exists()


def test_the_check_page_runs_the_same_queries_however_many_rows(client, world):
    sign_in(client, world["representative"])
    rows = [row()]
    upload = {}

    def fetch():
        return client.get(reverse("register:import-check", kwargs={"upload_id": upload["id"]}))

    def grow():
        n = len(rows)
        rows.append(row(**{"Full name": f"Person {n}", "Email address": f"person{n}@school.example"}))
        upload["id"] = int(_upload(client, "register", csv_bytes(rows))["Location"].rstrip("/").split("/")[-1])

    upload["id"] = int(_upload(client, "register", csv_bytes(rows))["Location"].rstrip("/").split("/")[-1])
    response = assert_constant_queries(fetch, grow)
    assert response.status_code == 200
