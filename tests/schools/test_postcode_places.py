"""Reading a postcode a person typed, and loading the ONS postcode file (docs/postcodes.md)."""

import pytest
from django.core.management import CommandError, call_command

from domain.schools.importers.errors import ImportFileError
from domain.schools.importers.postcodes import parse_postcodes
from domain.schools.models import Postcode, RegisterImport
from domain.schools.postcode_places import DISTRICT, POSTCODE, SECTOR, place_for, read_postcode
from tests import factories

HEADER = "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,osgrdind,ctry\n"


@pytest.mark.parametrize(
    "text, whole, sector",
    [
        ("LS6 3QS", "LS6 3QS", "LS6 3"),
        ("ls63qs", "LS6 3QS", "LS6 3"),
        ("  sw1a   1aa ", "SW1A 1AA", "SW1A 1"),
        ("LS6 3", "LS6 3", "LS6 3"),
        ("LS6", "LS6", None),
        ("EC1A", "EC1A", None),
        ("LS14", "LS14", None),  # without a space, a district: not LS1 sector 4
    ],
)
def test_postcodes_sectors_and_districts_are_read_in_any_case_and_spacing(text, whole, sector):
    postcode = read_postcode(text)
    assert postcode.whole == whole and postcode.sector == sector


@pytest.mark.parametrize("text", ["", "Oakwood Primary", "107123", "LS6 3Q", "6LS 3QS", "LS6 3QS X"])
def test_other_text_is_not_a_postcode(text):
    assert read_postcode(text) is None


@pytest.mark.django_db
def test_places_fall_back_from_postcode_to_sector_to_district():
    factories.SchoolFactory(postcode="LS6 3AB", easting=1000, northing=2000)
    factories.SchoolFactory(postcode="LS6 3CD", easting=3000, northing=4000)
    factories.SchoolFactory(postcode="LS6 1EF", easting=8000, northing=8000)
    factories.SchoolFactory(postcode="LS60 1AA", easting=900000, northing=900000)  # not in LS6
    factories.SchoolFactory(postcode="LS6 3XY", easting=None, northing=None)  # no grid point
    exact = place_for(read_postcode("LS6 3AB"))
    assert (exact.precision, exact.label, exact.easting, exact.from_register) == (POSTCODE, "LS6 3AB", 1000, True)
    sector = place_for(read_postcode("LS6 3QS"))
    assert (sector.precision, sector.label, sector.easting, sector.northing) == (SECTOR, "LS6 3", 2000, 3000)
    assert sector.asked == "LS6 3QS"
    district = place_for(read_postcode("LS6 9ZZ"))
    assert (district.precision, district.label, district.easting) == (DISTRICT, "LS6", 4000)
    assert place_for(read_postcode("LS7 1AA")) is None


@pytest.mark.django_db
def test_the_postcode_file_takes_precedence_once_loaded():
    factories.SchoolFactory(postcode="LS6 3AB", easting=1000, northing=2000)
    Postcode.objects.create(postcode="LS6 3AB", easting=5000, northing=6000)
    place = place_for(read_postcode("LS6 3AB"))
    assert (place.easting, place.from_register, place.description) == (5000, False, "the postcode")


def test_the_ons_file_is_read_as_published():
    data = (
        (
            HEADER + "LS6 3QS,LS6  3QS,LS6 3QS,198001,,427331,436019,1,E92000001\n"
            "BT1 1AA,BT1  1AA,BT1 1AA,198001,,333000,374000,1,N92000002\n"  # Irish Grid: skipped
            "JE2 3AB,JE2  3AB,JE2 3AB,198001,,,,9,L93000001\n"  # no grid reference: skipped
            "LS1 4AB,LS1  4AB,LS1 4AB,198001,200012,429900,433600,1,E92000001\n"  # terminated: kept
        ).encode()
    )
    parsed = parse_postcodes(data)
    assert parsed.rows == [("LS6 3QS", 427331, 436019), ("LS1 4AB", 429900, 433600)]
    assert (parsed.row_count, parsed.northern_ireland, parsed.without_grid) == (4, 1, 1)


@pytest.mark.parametrize(
    "row, message",
    [
        ("LS6 3QS,,LS6 3QS,,,east,436019,1,E", 'Row 2, column "oseast1m": "east" is not a whole number'),
        ("LS6 3QS,,LS6 3QS,,,427331,9999999,1,E", 'Row 2, column "osnrth1m": "9999999" is too large'),
        ("NOT A CODE,,NOT A CODE,,,1,1,1,E", 'Row 2, column "pcds": “NOT A CODE” is not a postcode'),
    ],
)
def test_a_bad_row_is_named(row, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(")):
        parse_postcodes((HEADER + row + "\n").encode())


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(ImportFileError, match="pcds"):
        parse_postcodes(b"postcode,lat,long\nLS6 3QS,53.8,-1.5\n")


@pytest.mark.django_db
def test_the_import_replaces_the_table_and_is_recorded(tmp_path):
    Postcode.objects.create(postcode="ZZ1 1ZZ", easting=1, northing=1)
    path = tmp_path / "ONSPD.csv"
    path.write_text(HEADER + "LS6 3QS,,LS6 3QS,,,427331,436019,1,E\nLS6 3AB,,LS6 3AB,,,427000,436000,1,E\n")
    call_command("import_postcodes", str(path), "--quiet-progress")
    call_command("import_postcodes", str(path), "--quiet-progress")  # re-runnable
    assert sorted(Postcode.objects.values_list("postcode", flat=True)) == ["LS6 3AB", "LS6 3QS"]
    record = RegisterImport.objects.filter(kind="postcodes").first()
    assert record.counts["postcodes"] == 2 and record.counts["replaced"] == 2


@pytest.mark.django_db
def test_a_bad_file_changes_nothing(tmp_path):
    Postcode.objects.create(postcode="LS6 3QS", easting=1, northing=1)
    path = tmp_path / "ONSPD.csv"
    path.write_text(HEADER + "LS6 3AB,,LS6 3AB,,,427000,436000,1,E\nLS6 3AB,,LS6 3AB,,,427000,436000,1,E\n")
    with pytest.raises(CommandError, match="LS6 3AB is listed twice. Nothing was imported"):
        call_command("import_postcodes", str(path), "--quiet-progress")
    assert list(Postcode.objects.values_list("postcode", "easting")) == [("LS6 3QS", 1)]


@pytest.mark.django_db
def test_a_failure_while_writing_leaves_the_old_table(tmp_path, monkeypatch):
    from domain.schools import postcode_import

    Postcode.objects.create(postcode="LS6 3QS", easting=1, northing=1)
    monkeypatch.setattr(postcode_import, "BATCH", 1)
    calls = []
    original = Postcode.objects.bulk_create

    def fail_on_the_second_batch(objs, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(objs, **kwargs)

    monkeypatch.setattr(Postcode.objects, "bulk_create", fail_on_the_second_batch)
    parsed = parse_postcodes((HEADER + "LS6 3AB,,LS6 3AB,,,1,2,1,E\nLS6 3CD,,LS6 3CD,,,3,4,1,E\n").encode())
    with pytest.raises(RuntimeError, match="went away"):
        postcode_import.import_postcodes(parsed=parsed, file_name="ONSPD.csv")
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["LS6 3QS"]
