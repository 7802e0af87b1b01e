"""Importing a region's existing leaders (issue 12, part 4: under 10 s for 5,000 on SQLite).
Builds a register of 6,000 synthetic schools and 40 alliances and hubs in one region, writes a
5,000-row CSV of synthetic leaders (LLEs, SLEs with specialisms, NLEs, NLGs; most associated, half
with a pen portrait), then times the check and the write through the service
(`cadre_import`: read, check, write everything in one transaction, invitations held), then the
same file again (every row unchanged).

    python -m benchmarks bench_leaders_import
"""

import csv
import io
import random
import time

from domain.accounts.models import Membership, User
from domain.accounts.roles import Role
from domain.designation.models import Designation
from domain.leaders.cadre_import.columns import HEADINGS
from domain.leaders.cadre_import.writing import cadre_import, check_file
from domain.leaders.models import Association, PenPortrait
from domain.organisations.models import Organisation, OrganisationKind, Region
from domain.schools.models import School, SchoolStatus

LEADERS = 5_000
SCHOOLS = 6_000
ALLIANCES = 40
FIRST_URN = 6_000_000  # apart from the other benchmarks' URNs
CODE_PREFIX = "BENCH-CADRE-"
EMAIL_DOMAIN = "@bench-cadre.test"
SPECIALISMS = ["Maths", "English", "Early years", "Special educational needs", "Leadership of curriculum", "Science"]
PHASES = ["Primary", "Secondary"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Jamie", "Morgan", "Taylor", "Casey", "Drew", "Riley"]
LAST = ["Ashdale", "Brookfield", "Carrow", "Dunmore", "Elmstead", "Fairholm", "Greystoke", "Hollins"]


def _register(region):
    School.objects.bulk_create(
        [
            School(
                urn=FIRST_URN + n,
                name=f"Bench Cadre School {n}",
                status=SchoolStatus.OPEN,
                phase=PHASES[n % 2],
                region=region,
            )
            for n in range(SCHOOLS)
        ],
        batch_size=2_000,
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                kind=OrganisationKind.HUB if n % 5 == 0 else OrganisationKind.TSA,
                name=f"Bench Cadre Alliance {n}",
                code=f"{CODE_PREFIX}{n}",
                region=region,
            )
            for n in range(ALLIANCES)
        ]
    )
    body = Organisation.objects.create(kind=OrganisationKind.REGIONAL_BODY, name="Bench cadre region", region=region)
    actor = User.objects.create_user(email=f"representative{EMAIL_DOMAIN}", full_name="Bench Representative")
    Membership.objects.create(user=actor, organisation=body, role=Role.REGIONAL_REPRESENTATIVE)
    return actor


def _file() -> bytes:
    rng = random.Random(2026)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    for n in range(LEADERS):
        role = ("LLE", "SLE", "SLE", "NLE", "NLG")[n % 5]
        source = rng.choice(["National programme", "2014 to 2015 pilot", "Alliance or hub"])
        associated = source == "Alliance or hub" or n % 4 != 0
        writer.writerow(
            [
                f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n}",
                f"leader{n}{EMAIL_DOMAIN}",
                role,
                "; ".join(rng.sample(SPECIALISMS, 2)) if role == "SLE" else "",
                "",
                FIRST_URN + n,
                source,
                f"{rng.randint(1, 28)} September {rng.randint(2024, 2025)}",
                "" if source == "Alliance or hub" else "31 August 2029",
                f"Bench Cadre Alliance {n % ALLIANCES}" if associated else "",
                f"Leader {n} has supported schools in the region for years." if associated and n % 2 else "",
            ]
        )
    return buffer.getvalue().encode()


def run() -> None:
    region = Region.objects.get(name="Yorkshire and the Humber")
    actor = _register(region)
    data = _file()
    print(f"file: {LEADERS:,} rows, {len(data) / 1024:,.0f} KiB; register: {SCHOOLS:,} schools, {ALLIANCES} alliances")
    started = time.perf_counter()
    checked = check_file(actor=actor, data=data)
    check_only = time.perf_counter() - started
    print(f"check alone:        {check_only:6.2f} s  {checked.counts}")
    from domain.accounts import invitations

    spent = []
    original = invitations.invitations_create

    def timed_invitations(**kwargs):
        begun = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            spent.append(time.perf_counter() - begun)

    invitations.invitations_create = timed_invitations
    try:
        started = time.perf_counter()
        report = cadre_import(actor=actor, data=data, filename="bench.csv", hold_invitations=True)
        first = time.perf_counter() - started
    finally:
        invitations.invitations_create = original
    print(f"check + write:      {first:6.2f} s  {LEADERS / first:8,.0f} rows/s  {report.counts}")
    print(f"  of which invitations (domain.accounts.invitations.invitations_create): {sum(spent):.2f} s")
    print(
        f"  written: {Designation.objects.filter(person__email__endswith=EMAIL_DOMAIN).count():,} designations, "
        f"{Association.objects.filter(leader__email__endswith=EMAIL_DOMAIN).count():,} associations, "
        f"{PenPortrait.objects.filter(leader__email__endswith=EMAIL_DOMAIN).count():,} pen portraits"
    )
    started = time.perf_counter()
    again = cadre_import(actor=actor, data=data, filename="bench.csv", hold_invitations=True)
    second = time.perf_counter() - started
    print(f"re-run (unchanged): {second:6.2f} s  {LEADERS / second:8,.0f} rows/s  {again.result.counts}")
    verdict = "under" if first < 10 else "OVER"
    print(f"5,000 existing leaders imported in {first:.2f} s: {verdict} the 10 s budget")
