"""The public directory's search (issue 4, "Performance": p95 at most 50 ms with 10,000 leaders and
25,000 schools). Builds 25,000 synthetic schools, ~330 alliances, hubs and groupings, and 10,000
listed leaders (DirectoryEntry rows with published pen portraits), then times a mix of searches.

What is timed: the whole page, through django.test.Client (middleware, form, school lookup,
`directory_search`, count, first page of 25 rows, Jinja rendering): the server time of
GET /directory/?... The selector alone (count + first page) is printed beside it.

    python -m benchmarks bench_directory
"""

import random
import statistics
import time
from urllib.parse import urlencode

from django.db import connection, transaction
from django.test import Client

from domain.designation.specialisms import PHASES, SPECIALISMS
from domain.leaders.directory import Near, directory_search
from domain.leaders.directory_listing import ResultWindow
from domain.leaders.models import DirectoryEntry, PenPortrait
from domain.organisations.models import Organisation, OrganisationKind, Region
from domain.schools.models import School, SchoolStatus

from .bench_schools import TOWNS, WORDS

SCHOOLS = 25_000
LEADERS = 10_000
ALLIANCES = 300
HUBS = 30
GROUPINGS = 20
FIRST_URN = 4_000_000  # apart from bench_schools' URNs
CODE_PREFIX = "BENCH-DIR-"
EMAIL_DOMAIN = "@bench-directory.test"
QUERIES = 200
PER_PAGE = 25

FIRST_NAMES = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Jamie", "Morgan", "Taylor", "Casey", "Drew", "Riley"]
LAST_NAMES = ["Oakroyd", "Hartley", "Brook", "Fenwick", "Ashworth", "Holroyd", "Whitcliffe", "Stead", "Calder"]
KINDS = [("Primary", "primary"), ("Primary", "primary"), ("Secondary", "secondary"), ("Special", "special")]
# (roles, weight): most leaders hold one role; a few hold two.
ROLE_MIX = [
    (["lle"], 40),
    (["sle"], 38),
    (["nle"], 8),
    (["nlg"], 5),
    (["lle", "nle"], 5),
    (["lle", "sle"], 4),
]


def _around(rng, centre_e, centre_n, spread):
    return max(int(rng.gauss(centre_e, spread)), 0), max(int(rng.gauss(centre_n, spread)), 0)


def _schools(rng, regions):
    for n in range(SCHOOLS):
        town, area, centre_e, centre_n = rng.choice(TOWNS)
        if rng.random() < 0.7:
            easting, northing = _around(rng, centre_e, centre_n, 12000)
        else:
            easting, northing = rng.randint(140000, 650000), rng.randint(20000, 650000)
        phase, _ = rng.choice(KINDS)
        yield School(
            urn=FIRST_URN + n,
            name=f"{rng.choice(WORDS)} {rng.choice(WORDS)} {phase} School {n}",
            status=SchoolStatus.OPEN,
            phase=phase,
            type_name="Community school",
            la_name=town,
            town=town,
            region=rng.choice(regions),
            postcode=f"{area}{rng.randint(1, 20)} {rng.randint(1, 9)}{rng.choice('ABDEFG')}{rng.choice('HJLNPQ')}",
            easting=easting,
            northing=northing,
        )


def _build(rng) -> dict:
    from domain.accounts.models import User

    regions = list(Region.objects.all())
    School.objects.bulk_create(_schools(rng, regions), batch_size=2000)
    schools = list(School.objects.filter(urn__gte=FIRST_URN, urn__lt=FIRST_URN + SCHOOLS).order_by("urn"))
    by_town = {}
    for school in schools:
        by_town.setdefault(school.town, []).append(school)

    groupings = Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.TSA_GROUPING,
            name=f"Bench strategic grouping {i}",
            code=f"{CODE_PREFIX}G{i}",
            region=rng.choice(regions),
        )
        for i in range(GROUPINGS)
    )
    organisations = []
    for i in range(ALLIANCES + HUBS):
        town = TOWNS[i % len(TOWNS)][0]
        lead = rng.choice(by_town[town])
        is_hub = i >= ALLIANCES
        organisations.append(
            Organisation(
                kind=OrganisationKind.HUB if is_hub else OrganisationKind.TSA,
                name=f"{lead.name.split(' School')[0]} {'Teaching School Hub' if is_hub else 'Alliance'} {i}",
                code=f"{CODE_PREFIX}{i}",
                region=lead.region,
                lead_school=lead,
                grouping=rng.choice(groupings) if not is_hub and rng.random() < 0.3 else None,
                website=f"www.bench-alliance-{i}.example" if rng.random() < 0.6 else "",
            )
        )
    organisations = Organisation.objects.bulk_create(organisations)
    orgs_by_town = {}
    for organisation in organisations:
        orgs_by_town.setdefault(organisation.lead_school.town, []).append(organisation)

    users = User.objects.bulk_create(
        (
            User(
                email=f"leader{n}{EMAIL_DOMAIN}",
                full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}",
                password="!",
            )
            for n in range(LEADERS)
        ),
        batch_size=2000,
    )
    users = list(User.objects.filter(email__endswith=EMAIL_DOMAIN).order_by("id"))
    portraits, entries = [], []
    role_choices, role_weights = zip(*ROLE_MIX, strict=True)
    specialism_codes = [s.code for s in SPECIALISMS]
    phase_codes = [code for code, _ in PHASES]
    for user in users:
        roles = rng.choices(role_choices, role_weights)[0]
        town = rng.choice(TOWNS)[0]
        school = rng.choice(by_town[town])
        direct = any(r in ("nle", "nlg") for r in roles)
        organisation = None if direct and rng.random() < 0.3 else rng.choice(orgs_by_town[town])
        specialisms = rng.sample(specialism_codes, rng.randint(1, 3) if "sle" in roles else rng.randint(0, 2))
        phases = rng.sample(phase_codes[:5], rng.randint(1, 2))
        portraits.append(
            PenPortrait(
                leader=user,
                version=1,
                status="published",
                experience="Headteacher for eight years; has supported schools in curriculum planning. " * 3,
                specialisms=specialisms,
                phases=phases,
                school_context=f"{school.name} (synthetic).",
                areas_served=town,
                public_contact="Through the school office (synthetic)" if direct and rng.random() < 0.5 else "",
            )
        )
        entries.append(
            DirectoryEntry(
                leader=user,
                name=user.full_name,
                organisation=organisation,
                school=school,
                easting=school.easting,
                northing=school.northing,
                roles=DirectoryEntry.wrap(roles),
                specialisms=DirectoryEntry.wrap(specialisms),
                phases=DirectoryEntry.wrap(phases),
                region_id=organisation.region_id if organisation else school.region_id,
            )
        )
    portraits = PenPortrait.objects.bulk_create(portraits, batch_size=2000)
    for entry, portrait in zip(entries, portraits, strict=True):
        entry.portrait = portrait
    DirectoryEntry.objects.bulk_create(entries, batch_size=2000)
    return {"schools": schools, "organisations": organisations, "groupings": groupings, "by_town": by_town}


def _clear():
    from domain.accounts.models import User

    DirectoryEntry.objects.filter(leader__email__endswith=EMAIL_DOMAIN).delete()
    PenPortrait.objects.filter(leader__email__endswith=EMAIL_DOMAIN).delete()
    User.objects.filter(email__endswith=EMAIL_DOMAIN).delete()
    Organisation.objects.filter(code__startswith=CODE_PREFIX).delete()
    School.objects.filter(urn__gte=FIRST_URN, urn__lt=FIRST_URN + SCHOOLS).delete()


def _queries(rng, data) -> list[tuple[str, dict]]:
    """(kind, query parameters): a realistic mix of what people search."""
    town_schools = [s for town in data["by_town"].values() for s in town[:200]]
    specialisms = [s.code for s in SPECIALISMS]
    kinds = [
        ("no filter", lambda: {}),
        ("no filter, page 7", lambda: {"page": "7"}),
        ("role", lambda: {"role": rng.choice(["lle", "sle", "nle", "nlg"])}),
        ("specialism", lambda: {"specialism": rng.choice(specialisms)}),
        ("phase", lambda: {"phase": rng.choice(["primary", "secondary", "special"])}),
        ("organisation", lambda: {"organisation": str(rng.choice(data["organisations"]).pk)}),
        ("grouping", lambda: {"organisation": str(rng.choice(data["groupings"]).pk)}),
        ("leader's name", lambda: {"q": rng.choice(LAST_NAMES)}),
        ("near a school (URN), any distance", lambda: {"school": str(rng.choice(town_schools).urn)}),
        ("near a school (URN), 10 km", lambda: {"school": str(rng.choice(town_schools).urn), "within": "10"}),
        ("near a school (URN), 25 km", lambda: {"school": str(rng.choice(town_schools).urn), "within": "25"}),
        (
            "combined: role + specialism + 25 km",
            lambda: {
                "role": "sle",
                "specialism": rng.choice(specialisms),
                "school": str(rng.choice(town_schools).urn),
                "within": "25",
            },
        ),
        (
            "combined: phase + role + organisation",
            lambda: {
                "phase": "primary",
                "role": "lle",
                "organisation": str(rng.choice(data["organisations"]).pk),
            },
        ),
        ("near a school by full name, 10 km", lambda: {"school": rng.choice(town_schools).name, "within": "10"}),
    ]
    return [(kind, make()) for kind, make in (kinds[i % len(kinds)] for i in range(QUERIES))]


def _percentile(values, fraction) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _selector_ms(params, schools_by_urn) -> float:
    """The selector alone, as the page runs it (web.directory.listing.ResultWindow): the count, the
    first page's ids, then their entries; for a query given by URN (not by name)."""
    near = None
    if params.get("school", "").isdigit():
        near = Near(schools_by_urn[int(params["school"])], int(params["within"]) if params.get("within") else None)
    organisation = int(params["organisation"]) if params.get("organisation") else None
    started = time.perf_counter()
    results = directory_search(
        q=params.get("q", ""),
        role=params.get("role", ""),
        specialism=params.get("specialism", ""),
        phase=params.get("phase", ""),
        organisation=organisation,
        near=near,
    )
    window = ResultWindow(results)
    window.count()
    window[:PER_PAGE]
    return (time.perf_counter() - started) * 1000


def run() -> None:
    rng = random.Random(20261122)
    started = time.perf_counter()
    with transaction.atomic():
        _clear()
        data = _build(rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: created {SCHOOLS:,} schools, {len(data['organisations']) + GROUPINGS} alliances, "
        f"hubs and groupings, {LEADERS:,} listed leaders in {time.perf_counter() - started:.1f} s"
    )
    schools_by_urn = {s.urn: s for s in data["schools"]}
    client = Client(HTTP_HOST="localhost")
    queries = _queries(rng, data)
    for _, params in queries[:20]:  # warm up
        client.get("/directory/?" + urlencode(params))

    page_times, selector_times, by_kind = [], [], {}
    for kind, params in queries:
        began = time.perf_counter()
        response = client.get("/directory/?" + urlencode(params))
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (params, response.status_code)
        page_times.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        if "school" not in params or params["school"].isdigit():
            selector_times.append(_selector_ms(params, schools_by_urn))

    print(f"{'search kind':44} {'runs':>4} {'p50 ms':>8} {'p95 ms':>8}")
    for kind, times in by_kind.items():
        print(f"{kind:44} {len(times):4} {statistics.median(times):8.1f} {_percentile(times, 0.95):8.1f}")
    p50, p95 = statistics.median(page_times), _percentile(page_times, 0.95)
    print(
        f"whole page (GET /directory/, {len(page_times)} queries): p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"(target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT MET'})"
    )
    print(
        f"selector only (count, ids and entries of the first {PER_PAGE}, {len(selector_times)} queries): "
        f"p50 {statistics.median(selector_times):.1f} ms, p95 {_percentile(selector_times, 0.95):.1f} ms"
    )
    full = "/directory/download.csv"
    began = time.perf_counter()
    response = client.get(full)
    print(f"download of all {LEADERS:,} leaders as CSV: {(time.perf_counter() - began) * 1000:.0f} ms")
    with transaction.atomic():
        _clear()
