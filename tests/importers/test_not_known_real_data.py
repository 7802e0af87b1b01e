"""Real published rows with DfE's "not known" codes placed in their numeric columns import whole,
and the codes are counted per column exactly; any mix of codes and numbers does the same."""

import csv
import gzip
import io
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.schools import services
from domain.schools.importers.establishments import parse_establishments
from domain.schools.models import RegisterImport, School
from tests.importers.helpers import csv_bytes, run, shared_file
from tests.importers.test_not_known_values import CODES, placed_counts, summary_lines

# The numeric columns the importer reads, in each layout.
GIAS_NUMERIC = [
    "StatutoryLowAge",
    "StatutoryHighAge",
    "SchoolCapacity",
    "NumberOfPupils",
    "PercentageFSM",
    "Easting",
    "Northing",
]
OPEN_NUMERIC = ["num_pupils", "easting", "northing"]
# Each code as a file might spell it.
SPELLINGS = {"x": ["x", "X"], "SUPP": ["SUPP", "supp"], "NE": ["NE", "ne"], "NP": ["NP"], "c": ["c", "C"]}
SPELLINGS |= {"z": ["z", " Z"], "..": ["..", " .. "]}


def read_rows(relative: str) -> tuple[list[str], list[list[str]]]:
    data = shared_file(relative).read_bytes()
    if data.startswith(b"\x1f\x8b"):
        data = gzip.decompress(data)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def place_codes(header, rows, columns, every: int = 1):
    """Puts the codes, in turn and in their several spellings, into `columns` of every
    `every`-th row, so that each code lands at least once in several columns."""
    spellings = itertools.cycle([s for code in CODES for s in SPELLINGS[code]])
    for number, row in enumerate(rows):
        if number % every:
            continue
        for offset, column in enumerate(columns):
            if (number + offset) % 2 == 0:
                row[header.index(column)] = next(spellings)
    return rows


def expected_lines(placed: dict[str, dict[str, int]]) -> dict[str, str]:
    lines = {}
    for column, by_code in placed.items():
        ordered = sorted(by_code.items(), key=lambda item: (-item[1], CODES.index(item[0])))
        shown = ", ".join(f"{code} {count:,}" for code, count in ordered)
        lines[column] = f"{sum(by_code.values()):,} not known ({shown})"
    return lines


@pytest.mark.realdata
@pytest.mark.django_db
@pytest.mark.parametrize("layout", ["2018", "2024"])
def test_the_full_gias_layouts_with_codes_in_their_numeric_columns(tmp_path, layout):
    header, rows = read_rows(f"gias/edubasealldata_sample_{layout}_layout.csv")
    rows = place_codes(header, rows, GIAS_NUMERIC)
    placed = placed_counts(header, rows, GIAS_NUMERIC)
    assert len(placed) >= 3 and len({code for by_code in placed.values() for code in by_code}) >= 4
    path = tmp_path / f"edubasealldata_{layout}.csv"
    path.write_bytes(csv_bytes(header, rows))

    out = run("import_gias", path)
    assert School.objects.count() == len(rows)
    assert f"Schools: {len(rows)} created" in out
    assert summary_lines(out) == expected_lines(placed)
    assert RegisterImport.objects.get().counts["not_known"] == placed


@pytest.mark.realdata
@pytest.mark.django_db
def test_real_open_establishments_with_every_code_in_several_columns(tmp_path):
    header, rows = read_rows("gias/open_establishments_20180312.csv.gz")
    rows = place_codes(header, rows[:3_000], OPEN_NUMERIC, every=7)
    placed = placed_counts(header, rows, OPEN_NUMERIC)
    assert set(placed) == set(OPEN_NUMERIC)
    assert all(set(by_code) == set(CODES) for by_code in placed.values())
    path = tmp_path / "open_establishments.csv.gz"
    path.write_bytes(csv_bytes(header, rows, gz=True))

    out = run("import_gias", path)
    assert School.objects.count() == 3_000
    assert "Schools: 3,000 created" in out
    assert summary_lines(out) == expected_lines(placed)
    total = sum(sum(by_code.values()) for by_code in placed.values())
    assert f"Not known (withheld or not applicable): {total:,} values in 3 columns." in out
    assert RegisterImport.objects.get().counts["not_known"] == placed
    # A school whose pupils were withheld has none recorded, and keeps the rest of its row.
    withheld = next(row for row in rows if row[header.index("num_pupils")].strip().lower() in {"x", "supp"})
    school = School.objects.get(urn=int(withheld[0]))
    assert school.number_of_pupils is None and school.la_name == withheld[header.index("la_name")]


CELLS = st.one_of(
    st.integers(0, 30_000).map(str),
    st.sampled_from([s for spellings in SPELLINGS.values() for s in spellings]),
    st.just(""),
)
HEADER = ["URN", "EstablishmentName", *GIAS_NUMERIC]


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.lists(st.lists(CELLS, min_size=len(GIAS_NUMERIC), max_size=len(GIAS_NUMERIC)), min_size=1, max_size=15))
def test_any_mix_of_codes_and_numbers_imports_with_counts_equal_to_what_was_placed(table):
    # Ages are small numbers and percentages at most 100: keep numbers in range for each column.
    rows = []
    for number, cells in enumerate(table):
        fitted = []
        for column, cell in zip(GIAS_NUMERIC, cells, strict=True):
            if cell.isdigit() and column == "PercentageFSM":
                cell = str(int(cell) % 101)
            fitted.append(cell)
        rows.append([str(100_000 + number), f"School {number}", *fitted])
    placed = placed_counts(HEADER, rows, GIAS_NUMERIC)
    parsed = parse_establishments(csv_bytes(HEADER, rows))
    with transaction.atomic():
        register_import = services.import_establishments(parsed=parsed, file_name="mix.csv")
        assert register_import.counts["schools_created"] == len(rows)
        assert register_import.counts.get("not_known", {}) == placed
        assert School.objects.count() == len(rows)
        transaction.set_rollback(True)
