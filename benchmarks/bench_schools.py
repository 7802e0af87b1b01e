"""Searching the register and finding the nearest schools, over ~30,000 synthetic schools spread
over England's grid the way schools are: most around towns, the rest across the country.

    python -m benchmarks bench_schools
"""

import random
import statistics
import time

from django.db import transaction

from domain.organisations.models import Region
from domain.schools.models import OfstedGrade, School, SchoolStatus
from domain.schools.selectors import nearest_schools, school_filter_options, school_page, school_search

SCHOOLS = 30_000
FIRST_URN = 3_000_000  # far from real URNs and from other benchmarks' rows
RUNS = 7
PER_PAGE = 25

# (town, postcode area, easting, northing): synthetic centres roughly where English towns are.
TOWNS = [
    ("London", "SE", 530000, 180000),
    ("Birmingham", "B", 407000, 287000),
    ("Manchester", "M", 384000, 398000),
    ("Leeds", "LS", 430000, 433000),
    ("Bristol", "BS", 359000, 173000),
    ("Newcastle upon Tyne", "NE", 425000, 564000),
    ("Norwich", "NR", 623000, 308000),
    ("Plymouth", "PL", 248000, 55000),
    ("Nottingham", "NG", 457000, 340000),
    ("Southampton", "SO", 442000, 112000),
    ("York", "YO", 460000, 452000),
    ("Carlisle", "CA", 340000, 556000),
    ("Cambridge", "CB", 545000, 258000),
    ("Exeter", "EX", 292000, 92000),
    ("Hull", "HU", 509000, 429000),
]
WORDS = ["Oak", "Ash", "Elm", "Birch", "Meadow", "Hill", "Brook", "Park", "Field", "Moor", "Vale", "Green"]
KINDS = [
    ("Primary", "Community school"),
    ("Primary", "Academy converter"),
    ("Secondary", "Academy converter"),
    ("Secondary", "Foundation school"),
    ("Nursery", "Community school"),
    ("Not applicable", "Special school"),
]
GRADES = [
    OfstedGrade.OUTSTANDING,
    OfstedGrade.GOOD,
    OfstedGrade.GOOD,
    OfstedGrade.REQUIRES_IMPROVEMENT,
    OfstedGrade.INADEQUATE,
    None,
]


def _schools(rng: random.Random, regions: list[Region]):
    for n in range(SCHOOLS):
        town, area, centre_e, centre_n = rng.choice(TOWNS)
        if rng.random() < 0.65:  # around a town
            easting, northing = int(rng.gauss(centre_e, 9000)), int(rng.gauss(centre_n, 9000))
        else:  # anywhere in England's rough extent
            easting, northing = rng.randint(140000, 650000), rng.randint(20000, 650000)
        phase, type_name = rng.choice(KINDS)
        grade = rng.choice(GRADES)
        kind = "Special" if phase == "Not applicable" else phase
        yield School(
            urn=FIRST_URN + n,
            name=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {kind} School {n}",
            status=SchoolStatus.CLOSED if rng.random() < 0.08 else SchoolStatus.OPEN,
            phase=phase,
            type_name=type_name,
            la_name=town,
            district_name=town,
            region=rng.choice(regions),
            town=town,
            postcode=f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}",
            easting=max(easting, 0),
            northing=max(northing, 0),
            ofsted_grade=grade,
        )


def _median_ms(fn, runs=RUNS) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _search_page(**arguments):
    """What the search page does: count the matches, fetch the first page."""

    def run():
        results = school_search(**arguments)
        return results.count(), list(results[:PER_PAGE])

    return run


def run() -> None:
    rng = random.Random(20261122)
    regions = list(Region.objects.all())
    started = time.perf_counter()
    with transaction.atomic():
        School.objects.filter(urn__gte=FIRST_URN, urn__lt=FIRST_URN + SCHOOLS).delete()
        School.objects.bulk_create(_schools(rng, regions), batch_size=2000)
    print(f"created {SCHOOLS:,} schools in {time.perf_counter() - started:.1f} s")

    searches = {
        "name search 'oak meadow'": {"q": "oak meadow"},
        "name search 'school 1234' (rare)": {"q": "school 1234"},
        "postcode search 'LS1' (outward code)": {"q": "LS1"},
        "postcode search 'ls11 4a' (sector, no case)": {"q": "ls11 4a"},
        "URN search": {"q": str(FIRST_URN + 12345)},
        "filtered: Primary, Leeds, Good": {"phase": "Primary", "la_name": "Leeds", "ofsted": "2"},
        "filtered: no overall grade, closed too": {"ofsted": "none", "include_closed": True},
    }
    for label, arguments in searches.items():
        count, _ = _search_page(**arguments)()
        print(f"{label:48} {count:6,} found  {_median_ms(_search_page(**arguments)):7.1f} ms (count + first page)")
    print(f"{'filter choices (4 queries)':48} {'':13}  {_median_ms(school_filter_options):7.1f} ms")

    probes = {
        "city centre (Leeds)": (430000, 433000),
        "city centre (London)": (530000, 180000),
        "rural (mid Devon)": (280000, 110000),
        "coast (Norfolk)": (640000, 330000),
        "far north (Northumberland)": (390000, 640000),
    }
    for label, (easting, northing) in probes.items():
        school = School(pk=-1, urn=0, easting=easting, northing=northing)
        found = nearest_schools(school)
        farthest = found[-1].distance_metres / 1000 if found else 0
        ms = _median_ms(lambda school=school: nearest_schools(school))
        print(f"nearest 10 from {label:32} {len(found):2} found, 10th at {farthest:5.1f} km  {ms:7.1f} ms")

    urn = FIRST_URN + 4321
    print(f"{'whole school page selector':48} {'':13}  {_median_ms(lambda: school_page(urn)):7.1f} ms")
