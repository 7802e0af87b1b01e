"""The showcase's schools (demo.showcase): the schools of its system leaders, applicants and the
schools asking for support, across Yorkshire and the Humber. Every school here is made up; their
URNs follow demo.region's in the synthetic range from 990001, so a real import never collides."""

import datetime as dt

from demo.region import DEMO_URN_START, SCHOOLS, demo_school
from domain.organisations.models import Region
from domain.schools.models import InspectionKind, School

FIRST_URN = DEMO_URN_START + len(SCHOOLS)

# name, phase, type, town, postcode, easting, northing, grade (None: a report card or ungraded)
SHOWCASE_SCHOOLS = [
    ("Ashgrove Primary School", "Primary", "Community school", "Leeds", "LS12 7QA", 427100, 432900, 2),
    ("Bramblewood Academy", "Secondary", "Academy converter", "Leeds", "LS14 2HN", 436400, 436800, 1),
    (
        "Cottingley Vale Primary School",
        "Primary",
        "Voluntary controlled school",
        "Bradford",
        "BD16 1RT",
        411200,
        437400,
        2,
    ),
    ("Denholme Moor High School", "Secondary", "Community school", "Bradford", "BD13 4JX", 407300, 433800, 3),
    ("Eastfield Park Primary Academy", "Primary", "Academy sponsor led", "Wakefield", "WF2 9PB", 431800, 419300, 2),
    (
        "Foxhill Nursery School",
        "Nursery",
        "Local authority nursery school",
        "Huddersfield",
        "HD2 1LT",
        415900,
        419200,
        1,
    ),
    (
        "Greenhow Church of England Primary School",
        "Primary",
        "Voluntary aided school",
        "Harrogate",
        "HG2 8NE",
        431700,
        453600,
        2,
    ),
    ("Hollin Bank Secondary School", "Secondary", "Foundation school", "Halifax", "HX3 0DW", 410200, 424700, 2),
    ("Ingleby Fields Primary School", "Primary", "Community school", "York", "YO24 3FR", 457400, 450300, None),
    ("Jervaulx Academy", "Secondary", "Academy converter", "York", "YO31 9GS", 462100, 453300, 1),
    ("Kirkby Lane Primary School", "Primary", "Community school", "Sheffield", "S6 3TL", 432200, 389300, 3),
    ("Lowmoor Special School", "Not applicable", "Community special school", "Sheffield", "S9 4WE", 438600, 389700, 1),
    ("Maltby Ridge Academy", "Secondary", "Academy sponsor led", "Rotherham", "S66 8AB", 452300, 392800, 3),
    ("Netherton Infant School", "Primary", "Community school", "Barnsley", "S75 6HD", 431900, 407600, 2),
    ("Ouseburn Primary School", "Primary", "Foundation school", "Selby", "YO8 4QS", 461300, 432200, 2),
    (
        "Pickering Road Sixth Form College",
        "16 plus",
        "Sixth form centres",
        "Scarborough",
        "YO12 5RW",
        502800,
        489400,
        2,
    ),
    ("Quarry Hill Primary Academy", "Primary", "Academy converter", "Doncaster", "DN4 8LU", 458100, 401300, None),
    ("Ravensknowle Secondary Academy", "Secondary", "Academy converter", "Huddersfield", "HD5 8DJ", 416700, 416400, 2),
    ("Sandholme Primary School", "Primary", "Community school", "Hull", "HU6 7TS", 507100, 432900, 4),
    ("Thornhill Edge Academy", "Secondary", "Academy sponsor led", "Dewsbury", "WF12 0PL", 425600, 419300, 3),
    ("Underbank Primary School", "Primary", "Voluntary controlled school", "Skipton", "BD23 2QR", 399100, 451900, 1),
    (
        "Valley Road Pupil Referral Unit",
        "Not applicable",
        "Pupil referral unit",
        "Keighley",
        "BD21 4LH",
        405900,
        441200,
        2,
    ),
    ("Westgate All-through Academy", "All-through", "Free schools", "Beverley", "HU17 9EP", 503100, 439800, 2),
    ("Yewdale Primary School", "Primary", "Community school", "Castleford", "WF10 3DN", 442900, 425600, 3),
]


def build_showcase_schools() -> dict[str, School]:
    """Makes the showcase's schools, each with its latest inspection; returns them by name."""
    region = Region.objects.get(code="YH")
    schools = {}
    for offset, (name, phase, type_name, town, postcode, e, n, grade) in enumerate(SHOWCASE_SCHOOLS):
        # Report cards began in November 2025; graded inspections before then.
        inspected = (
            dt.date(2026, 1 + offset % 5, 14) if grade is None else dt.date(2021 + offset % 4, 1 + offset % 11, 10)
        )
        kind = InspectionKind.GRADED if grade else InspectionKind.REPORT_CARD
        row = (name, phase, type_name, town, postcode, e, n, grade)
        schools[name] = demo_school(FIRST_URN + offset, row, region=region, inspected=inspected, kind=kind)
    return schools
