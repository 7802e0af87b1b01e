"""Importing the register: the 30,013-row table of open establishments (March 2018), first into
an empty register and then again (nothing to change). Without the shared data, a synthetic
file of the same shape and size stands in."""

import gzip
import io
import random
import tempfile
import time
from pathlib import Path

from django.core.management import call_command

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gias" / "open_establishments_20180312.csv.gz"
HEADER = "urn,laestab,num_pupils,phase,la_name,region,ofsted_rating,last_ofsted_date,easting,northing"
REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "London", "South West"]
RATINGS = ["Outstanding", "Good", "Requires improvement", "Inadequate", ""]


def synthetic_file(rows: int = 30_000) -> Path:
    rng = random.Random(2018)
    lines = [HEADER]
    for n in range(rows):
        la = 300 + n % 150
        rating = rng.choice(RATINGS)
        inspected = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2006, 2018)}" if rating else ""
        lines.append(
            f"{100000 + n},{la}{n % 9000 + 1000},{rng.randint(20, 2000)},Primary,Authority {la},"
            f"{REGIONS[la % len(REGIONS)]},{rating},{inspected},{rng.randint(100000, 650000)},"
            f"{rng.randint(50000, 650000)}"
        )
    path = Path(tempfile.mkdtemp()) / "synthetic_open_establishments.csv.gz"
    path.write_bytes(gzip.compress("\r\n".join(lines).encode()))
    return path


def timed_import(path: Path) -> tuple[float, str]:
    out = io.StringIO()
    started = time.perf_counter()
    call_command("import_gias", str(path), quiet_progress=True, stdout=out, stderr=io.StringIO())
    return time.perf_counter() - started, out.getvalue()


def run() -> None:
    from domain.schools.models import School

    path = SHARED if SHARED.exists() else synthetic_file()
    print(f"file: {path.name}{'' if path == SHARED else ' (synthetic: shared data missing)'}")
    print(f"register before: {School.objects.count():,} schools")
    first, out = timed_import(path)
    rows = School.objects.count()
    print(f"first import:  {first:6.2f} s  {rows / first:10,.0f} rows/s  {out.splitlines()[1]}")
    second, out = timed_import(path)
    last = [line for line in out.splitlines() if line.startswith(("Schools:", "No change"))]
    print(f"second import: {second:6.2f} s  {rows / second:10,.0f} rows/s  {' '.join(last)}")
