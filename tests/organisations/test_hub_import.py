"""import_hubs reads both published layouts: the 2025 one (codes, districts) and the 2023 one
(each hub's lead school). Both files, in either order, give every hub its lead school where the
register has it; a second run changes nothing."""

import csv

import pytest
from django.core.management.base import CommandError

from domain.organisations.hub_matching import HubKeys, hub_name_key, match_hubs
from domain.organisations.models import Organisation, OrganisationKind
from domain.schools.importers.hubs import LAYOUT_2023, parse_hubs
from tests.factories import SchoolFactory, region
from tests.importers.helpers import csv_bytes, run, shared_file, snapshot, write

HUBS_2025 = ["TSH Area", "name", "website", "areas"]
HUBS_2023 = [
    "Teaching School Hub area",
    "Teaching School Hub name",
    "TSH website, where available",
    "URN",
    "School type\xa0",
    "Trust Name",
    "Regional School Commissioner area",
]
REAL_2025 = "hubs/teaching_school_hubs_20250930.csv"
REAL_2023 = "hubs/teaching_school_hubs_20230704_lead_schools.csv"


def hubs_state():
    """Each hub as (code, name, region, lead school URN), by name and districts."""
    return sorted(
        Organisation.objects.filter(kind=OrganisationKind.HUB).values_list(
            "code", "name", "region__code", "lead_school__urn"
        ),
        key=str,
    )


# Pure matching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Leicestershire & Rutland TS Hub", "Leicestershire and Rutland Teaching School Hub"),
        ("Leicester & Leicestershire TSH", "Leicester  & Leicestershire Teaching School Hub"),
        ("Kent Teaching School hub", "Kent Teaching School Hub"),
        ("The Exchange Teaching Hub", "Exchange Teaching Hub"),
    ],
)
def test_hub_names_are_compared_as_people_read_them(one, other):
    assert hub_name_key(one) == hub_name_key(other)


def test_rows_match_by_code_then_name_and_districts_then_name_then_districts():
    hubs = {
        "coded": HubKeys.of(code="EE1", name="Saffron Hub", districts=["Harlow"]),
        "kent-a": HubKeys.of(code="", name="Kent Hub", districts=["Ashford", "Shepway"]),
        "kent-b": HubKeys.of(code="", name="Kent Hub", districts=["Maidstone"]),
        "renamed": HubKeys.of(code="", name="Alpha Hub", districts=["Ipswich", "Colchester"]),
        "unmatched": HubKeys.of(code="", name="Gone Hub", districts=["Selby"]),
    }
    rows = [
        HubKeys.of(code="EE1", name="Another name", districts=[]),
        HubKeys.of(code="", name="Kent Hub", districts=["Maidstone"]),
        HubKeys.of(code="", name="Kent Hub", districts=["Ashford", "Folkestone and Hythe"]),
        HubKeys.of(code="", name="Unity Hub", districts=["Colchester", "Ipswich"]),
        HubKeys.of(code="", name="Brand New Hub", districts=["York"]),
    ]
    assert match_hubs(rows, hubs) == {0: "coded", 1: "kent-b", 2: "kent-a", 3: "renamed"}


# Parsing ------------------------------------------------------------------------------------


def test_the_2023_layout_is_recognised_by_its_header():
    rows = [
        ["EENEL1 - Braintree, Chelmsford", "Saffron Hub", " www.saffron.test ", "136776", "Secondary", "T", "EENEL"],
        ["WM1 - Herefordshire, County of, Worcester", "Prince Hub", "", "", "Secondary", "T", "WM"],
    ]
    parsed = parse_hubs(csv_bytes(HUBS_2023, rows, bom=True))
    assert parsed.layout == LAYOUT_2023 and parsed.gives_lead_schools
    first, second = parsed.rows
    assert (first.name, first.website, first.districts, first.lead_urn, first.area_code) == (
        "Saffron Hub",
        "www.saffron.test",
        ["Braintree", "Chelmsford"],
        136776,
        "",
    )
    assert (second.districts, second.lead_urn) == (["Herefordshire, County of", "Worcester"], None)


def test_a_bad_2023_row_is_refused_with_its_row_and_column():
    rows = [["Nowhere", "A Hub", "", "12x", "", "", ""]]
    with pytest.raises(
        Exception, match='Row 2, column "Teaching School Hub area": "Nowhere" is not a hub area'
    ) as caught:
        parse_hubs(csv_bytes(HUBS_2023, rows))
    assert str(caught.value).startswith('Row 2, column "Teaching School Hub area": "Nowhere" is not a hub area')


# Importing small files ----------------------------------------------------------------------


@pytest.fixture
def small_files(tmp_path):
    SchoolFactory(urn=100001, region=region("Yorkshire and the Humber"))
    SchoolFactory(urn=100002, region=region("East of England"))
    new = write(
        tmp_path,
        "hubs2025.csv",
        HUBS_2025,
        [
            ["YH1", "Exchange Teaching Hub", "www.exchange.test", "Barnsley;Doncaster"],
            ["EE2", "Unity Teaching School Hub", "", "Babergh;Colchester"],
            ["EE3", "Fen Teaching School Hub", "", "Fenland"],
        ],
    )
    old = write(
        tmp_path,
        "hubs2023.csv",
        HUBS_2023,
        [
            ["LWY11 - Barnsley, Doncaster", "Barnsley and Doncaster TSH", "", "100001", "Secondary", "", "LWY"],
            ["EENEL2 - Babergh, Colchester", "Alpha Teaching School Hub", "", "100002", "Primary", "", "EENEL"],
            ["EENEL3 - Fenland", "Fen TS Hub", "", "999999", "Primary", "", "EENEL"],
        ],
    )
    return new, old


@pytest.mark.django_db
@pytest.mark.parametrize("order", ["2025 first", "2023 first"])
def test_both_files_in_either_order_give_each_hub_its_lead_school(small_files, order):
    new, old = small_files
    first, second = (new, old) if order == "2025 first" else (old, new)
    run("import_hubs", first)
    run("import_hubs", second)
    assert hubs_state() == [
        ("EE2", "Unity Teaching School Hub", "EE", 100002),
        ("EE3", "Fen Teaching School Hub", "EE", None),
        ("YH1", "Exchange Teaching Hub", "YH", 100001),
    ]
    before = snapshot()
    assert "No change" in run("import_hubs", new)
    assert "No change" in run("import_hubs", old)
    after = snapshot()
    assert after["organisations"] == before["organisations"]


@pytest.mark.django_db
def test_the_2023_file_counts_lead_schools_not_on_the_register(small_files):
    _, old = small_files
    out = run("import_hubs", old)
    assert "Hubs: 3 created, 0 updated, 0 unchanged." in out
    assert "Lead schools: 2 on the register, 1 not on the register." in out
    # A hub the 2023 file makes lies in its lead school's region, without a code.
    hub = Organisation.objects.get(name="Alpha Teaching School Hub")
    assert (hub.code, hub.region.code, hub.districts) == ("", "EE", ["Babergh", "Colchester"])


@pytest.mark.django_db
def test_a_bad_2023_file_changes_nothing(tmp_path, small_files):
    new, _ = small_files
    run("import_hubs", new)
    before = snapshot()
    bad = write(
        tmp_path,
        "bad.csv",
        HUBS_2023,
        [["YH1 - Leeds", "A Hub", "", "100001", "", "", ""], ["Z", "", "", "", "", "", ""]],
    )
    with pytest.raises(CommandError, match='Row 3, column "Teaching School Hub area": "Z" is not a hub area'):
        run("import_hubs", bad)
    assert snapshot() == before


# The real files -----------------------------------------------------------------------------


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize("order", ["2025 first", "2023 first"])
def test_the_real_files_in_either_order(order):
    new, old = shared_file(REAL_2025), shared_file(REAL_2023)
    with old.open(encoding="utf-8-sig", newline="") as f:
        row_urns = [int(row["URN"]) for row in csv.DictReader(f)]
    urns = sorted(set(row_urns))
    # The register: every lead school but one in ten (those are counted as not on it).
    missing = set(urns[5::10]) - {136776, 137515}
    for urn in urns:
        if urn not in missing:
            SchoolFactory(urn=urn)
    first, second = (new, old) if order == "2025 first" else (old, new)
    run("import_hubs", first)
    run("import_hubs", second)

    hubs = Organisation.objects.filter(kind=OrganisationKind.HUB)
    coded = hubs.exclude(code="")
    assert coded.count() == 87
    # Two 2023 hubs match no hub of 2025 (Selby and Wakefield; Birmingham South): they are kept.
    assert hubs.filter(code="").count() == 2
    on_register = set(urns) - missing
    with_lead = set(hubs.exclude(lead_school=None).values_list("lead_school__urn", flat=True))
    assert with_lead == on_register
    assert coded.exclude(lead_school=None).count() >= 75
    assert coded.get(code="EE1").lead_school.urn == 136776  # Saffron
    assert coded.get(code="EE2").lead_school.urn == 137515  # Alpha in 2023, Unity in 2025
    assert not coded.filter(region__isnull=True).exists()

    before = snapshot()
    assert "No change" in run("import_hubs", new)
    out = run("import_hubs", old)
    assert "No change" in out
    not_on = sum(urn in missing for urn in row_urns)
    assert f"Lead schools: {len(row_urns) - not_on} on the register, {not_on} not on the register." in out
    assert snapshot()["organisations"] == before["organisations"]


@pytest.mark.realdata
@pytest.mark.django_db
def test_the_real_files_give_the_same_hubs_whichever_comes_first():
    new, old = shared_file(REAL_2025), shared_file(REAL_2023)
    SchoolFactory(urn=136776)
    states = []
    for first, second in ((new, old), (old, new)):
        Organisation.objects.filter(kind=OrganisationKind.HUB).delete()
        run("import_hubs", first)
        run("import_hubs", second)
        states.append(hubs_state())
    assert states[0] == states[1]
