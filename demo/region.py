"""A deterministic demo region (Yorkshire and the Humber), built through the services.

Every school, organisation and person here is synthetic: no real person's details are used.
URNs of demo schools start at 990001, above the register's, so a real import never collides."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.commissioning import build_demo_commissioning
from demo.deployments import build_demo_deployment
from demo.designation_reviews import build_demo_reviews, term_ending_soon_starts_on
from demo.leaders import build_demo_leaders
from demo.national_selection import build_demo_national_selection
from demo.training import build_demo_training
from domain.accounts import services as accounts
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.designation.models import DesignatingSource, DesignationRole
from domain.designation.services import designation_create
from domain.organisations.models import AllianceMembership, Organisation, OrganisationKind, Region
from domain.organisations.national import ensure_department
from domain.recruitment import services as recruitment
from domain.recruitment.employment import employment_post_add
from domain.schools.models import Inspection, InspectionKind, School

DEMO_PASSWORD = "demo-password-2026"
# A known authenticator key so that the demo's staff can be signed in: `manage.py demo_code`.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_URN_START = 990001

# name, phase, type, town, postcode, easting, northing, grade, inspected on, kind
SCHOOLS = [
    (
        "Aire Valley Primary School",
        "Primary",
        "Academy converter",
        "Leeds",
        "LS1 4AB",
        429800,
        433500,
        1,
        date(2022, 3, 9),
        "graded",
    ),
    (
        "Beckside Church of England Primary School",
        "Primary",
        "Voluntary aided school",
        "Leeds",
        "LS6 2CD",
        428100,
        436200,
        2,
        date(2021, 11, 17),
        "graded",
    ),
    (
        "Calder Bridge Academy",
        "Secondary",
        "Academy sponsor led",
        "Wakefield",
        "WF1 3EF",
        433200,
        420900,
        3,
        date(2023, 6, 14),
        "graded",
    ),
    (
        "Dalesway High School",
        "Secondary",
        "Community school",
        "Bradford",
        "BD1 5GH",
        416400,
        433100,
        2,
        date(2019, 1, 30),
        "graded",
    ),
    (
        "Elmfield Infant School",
        "Primary",
        "Community school",
        "Harrogate",
        "HG1 2JK",
        430500,
        455300,
        None,
        date(2025, 2, 5),
        "ungraded",
    ),
    (
        "Fernhill Special School",
        "Not applicable",
        "Community special school",
        "Leeds",
        "LS9 7LM",
        432900,
        433800,
        1,
        date(2018, 5, 23),
        "graded",
    ),
    (
        "Goldthorpe Junior School",
        "Primary",
        "Foundation school",
        "Barnsley",
        "S63 9NP",
        444800,
        404500,
        4,
        date(2024, 3, 20),
        "graded",
    ),
    (
        "Hawthorn Sixth Form College",
        "16 plus",
        "Sixth form centres",
        "Huddersfield",
        "HD1 3QR",
        414500,
        416700,
        2,
        date(2022, 10, 12),
        "graded",
    ),
    (
        "Ivydene Nursery School",
        "Nursery",
        "Local authority nursery school",
        "York",
        "YO1 6ST",
        460300,
        451900,
        1,
        date(2020, 2, 26),
        "graded",
    ),
    (
        "Juniper Grove Primary Academy",
        "Primary",
        "Academy converter",
        "Sheffield",
        "S2 4UV",
        436200,
        386900,
        None,
        date(2026, 1, 21),
        "report_card",
    ),
    (
        "Kingsmead Secondary Academy",
        "Secondary",
        "Academy converter",
        "Doncaster",
        "DN1 2WX",
        457500,
        403300,
        3,
        date(2023, 11, 8),
        "graded",
    ),
    (
        "Larchwood Primary School",
        "Primary",
        "Community school",
        "Hull",
        "HU1 3YZ",
        509400,
        428800,
        2,
        date(2022, 7, 6),
        "graded",
    ),
]

REPORT_CARD_AREAS = {
    "Inclusion": "Strong standard",
    "Curriculum and teaching": "Expected standard",
    "Achievement": "Expected standard",
    "Attendance and behaviour": "Strong standard",
    "Personal development and well-being": "Expected standard",
    "Leadership and governance": "Strong standard",
    "Safeguarding": "Met",
}


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role: Role
    organisation: str


PEOPLE = [
    DemoPerson(
        "regional.lead@demo.test",
        "Morgan Ashdown",
        Role.REGIONAL_REPRESENTATIVE,
        "Yorkshire and the Humber regional board",
    ),
    DemoPerson(
        "coordinator@demo.test", "Robin Castleford", Role.TSA_COORDINATOR, "Aire Valley Teaching School Alliance"
    ),
    DemoPerson("panel.member@demo.test", "Sam Thornbury", Role.PANEL_MEMBER, "Aire Valley Teaching School Alliance"),
    DemoPerson("system.leader@demo.test", "Alex Fernleigh", Role.SYSTEM_LEADER, "Aire Valley Primary School"),
    DemoPerson("school.contact@demo.test", "Jordan Kettlewell", Role.SCHOOL_CONTACT, "Goldthorpe Junior School"),
    DemoPerson("commissioner@demo.test", "Casey Bramley", Role.COMMISSIONER, "Leeds City Council (demo)"),
    # Decides the NLE and NLG recommendations of every region (seed 004 §14; seed 003).
    DemoPerson(
        "department.official@demo.test", "Taylor Whitcombe", Role.DEPARTMENT_OFFICIAL, "Department for Education"
    ),
]


@transaction.atomic
def demo_school(urn: int, row: tuple, *, region, inspected, kind) -> School:
    """An open synthetic school (name, phase, type, town, postcode, easting, northing, grade) with
    its latest inspection."""
    name, phase, type_name, town, postcode, easting, northing, grade = row
    school = School.objects.create(
        urn=urn,
        name=name,
        status="open",
        phase=phase,
        type_name=type_name,
        town=town,
        postcode=postcode,
        easting=easting,
        northing=northing,
        la_name=town,
        region=region,
        ofsted_grade=grade,
        ofsted_date=inspected,
    )
    Inspection.objects.create(
        school=school,
        inspected_on=inspected,
        kind=kind,
        overall_grade=grade,
        area_grades=REPORT_CARD_AREAS if kind == InspectionKind.REPORT_CARD else {},
        source="demo",
    )
    return school


def build_demo_region() -> list[DemoPerson]:
    """Builds the demo region; running it again changes nothing."""
    if User.objects.filter(email=PEOPLE[0].email).exists():
        return PEOPLE
    region = Region.objects.get(code="YH")
    schools = {}
    for offset, (name, phase, type_name, town, postcode, e, n, grade, inspected, kind) in enumerate(SCHOOLS):
        schools[name] = demo_school(
            DEMO_URN_START + offset,
            (name, phase, type_name, town, postcode, e, n, grade),
            region=region,
            inspected=inspected,
            kind=kind,
        )
    organisations = {}

    def organisation(name, kind, **fields):
        organisations[name] = Organisation.objects.create(name=name, kind=kind, region=region, **fields)
        return organisations[name]

    organisations["Yorkshire and the Humber regional board"] = Organisation.objects.get(
        kind=OrganisationKind.REGIONAL_BODY, code="RB-YH"
    )
    grouping = organisation("West Yorkshire Strategic Alliance Group", OrganisationKind.TSA_GROUPING, code="DEMO-G1")
    aire = organisation(
        "Aire Valley Teaching School Alliance",
        OrganisationKind.TSA,
        code="DEMO-TSA1",
        lead_school=schools["Aire Valley Primary School"],
        grouping=grouping,
        # How schools reach it, shown in the directory (made-up; .example is reserved by RFC 2606).
        contact_email="support@aire-valley-alliance.example",
        contact_phone="0113 496 0123",
        website="www.aire-valley-alliance.example",
        day_rate=Decimal("450.00"),
    )
    organisation(
        "Pennine Teaching School Hub",
        OrganisationKind.HUB,
        code="DEMO-HUB1",
        lead_school=schools["Dalesway High School"],
        districts=["Bradford", "Calderdale", "Kirklees"],
        contact_email="hello@pennine-hub.example",
        contact_phone="01632 960 456",
    )
    organisation("Leeds City Council (demo)", OrganisationKind.LOCAL_AUTHORITY, code="DEMO-LA")
    organisations["Department for Education"] = ensure_department()
    for name in ("Aire Valley Primary School", "Goldthorpe Junior School"):
        organisation(name, OrganisationKind.SCHOOL, school=schools[name])
    for name in ("Aire Valley Primary School", "Beckside Church of England Primary School", "Fernhill Special School"):
        AllianceMembership.objects.create(
            alliance=aire, school=schools[name], is_teaching_school=name == "Aire Valley Primary School"
        )
    users = {}
    for person in PEOPLE:
        user = accounts.user_create(actor=None, email=person.email, full_name=person.full_name, password=DEMO_PASSWORD)
        accounts.membership_add(
            actor=None, user=user, organisation=organisations[person.organisation], role=person.role
        )
        if user.needs_two_factor():
            TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True, key=DEMO_TOTP_KEY)
        users[person.role] = user
    designation_create(
        actor=users[Role.TSA_COORDINATOR],
        person=users[Role.SYSTEM_LEADER],
        role=DesignationRole.LLE,
        source=DesignatingSource.TSA_OR_HUB,
        organisation=aire,
        school=schools["Aire Valley Primary School"],
        phases=["primary"],
        specialisms=[],
        # The term ends within six months, so its review is open (demo.designation_reviews).
        starts_on=term_ending_soon_starts_on(timezone.localdate(), 4),
    )
    _demo_recruitment(users, aire, schools["Aire Valley Primary School"])
    build_demo_leaders(
        users=users, organisations=organisations, schools=schools, password=DEMO_PASSWORD, totp_key=DEMO_TOTP_KEY
    )
    commissioning = build_demo_commissioning(users=users, schools=schools, organisations=organisations)
    build_demo_deployment(users=users, schools=schools, organisations=organisations, meeting=commissioning["meeting"])
    build_demo_training(users=users, schools=schools, organisations=organisations)
    build_demo_national_selection(users=users, organisations=organisations, schools=schools)
    build_demo_reviews(users=users, organisations=organisations, schools=schools)
    return PEOPLE


def _demo_recruitment(users, alliance, school) -> None:
    """Two open recruitment rounds of the alliance (local and specialist leaders of education), and
    the system leader's draft application to the second (one section answered, one post given).
    The windows are set around today, so the rounds are open whenever the demo is built."""
    today = timezone.localdate()
    coordinator = users[Role.TSA_COORDINATOR]
    round_ = recruitment.round_create(
        actor=coordinator,
        organisation=alliance,
        role=DesignationRole.LLE,
        title="Aire Valley local leaders of education",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=28),
        local_need="Support for primary headteachers new to post in the east of the district",
        criteria_set="yh-lle@1",
        phases=["primary"],
    )
    recruitment.round_open(actor=coordinator, round_=round_)
    # The system leader is a serving LLE, so cannot apply for that role again (issue 14): their
    # draft is to the alliance's round of specialist leaders of education, a role they do not hold.
    sle_round = recruitment.round_create(
        actor=coordinator,
        organisation=alliance,
        role=DesignationRole.SLE,
        title="Aire Valley specialist leaders of education",
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=28),
        local_need="Specialist support for early reading in primary schools across the district",
        criteria_set="national-sle@1",
        phases=["primary"],
        specialisms=["curriculum_leadership"],
    )
    recruitment.round_open(actor=coordinator, round_=sle_round)
    leader = users[Role.SYSTEM_LEADER]
    application = recruitment.application_start(actor=leader, round_=sle_round, school=school)
    recruitment.application_save_draft(
        actor=leader,
        application=application,
        answers={
            "specialism_impact": {
                "answer": "Led the district's early reading programme in six primary schools over two years",
                "evidence": "",
            }
        },
    )
    # Their headship, as a post of the employment history.
    employment_post_add(
        actor=leader,
        application=application,
        role="headteacher",
        school=school,
        start=date(today.year - 6, 9, 1),
        end=None,
    )
    _demo_referees_to_check(round_, school)


# A second applicant's referees and chair of governors, named but not yet checked by the
# coordinator (ADR 18): the coordinator's home page asks them to check the addresses.
DEMO_APPLICANT = ("ellis.ashgrove@demo.test", "Ellis Ashgrove")
DEMO_REFEREES = (
    (
        "reference",
        "Morgan Elmstead",
        "Headteacher",
        "Beckside Church of England Primary School",
        "morgan.elmstead@beckside.demo.test",
    ),
    (
        "reference",
        "Emery Oakridge",
        "Executive headteacher",
        "Fernhill Special School",
        "emery.oakridge@fernhill.demo.test",
    ),
    (
        "governors_confirmation",
        "Taylor Brookfield",
        "Chair of governors",
        "Aire Valley Primary School",
        "chair@airevalley.demo.test",
    ),
)


def _demo_referees_to_check(round_, school) -> None:
    from domain.recruitment.application_form import form_for
    from domain.recruitment.reference_services import reference_nominate

    email, full_name = DEMO_APPLICANT
    applicant = accounts.user_create(actor=None, email=email, full_name=full_name, password=None)
    application = recruitment.application_start(actor=applicant, round_=round_, school=school)
    form = form_for(round_)
    recruitment.application_save_draft(
        actor=applicant,
        application=application,
        answers={s.key: {"answer": f"{full_name}: {s.title.lower()}", "evidence": ""} for s in form.sections},
        declarations={d.key: True for d in form.declarations},
    )
    today = timezone.localdate()
    employment_post_add(
        actor=applicant,
        application=application,
        role="headteacher",
        school=school,
        start=date(today.year - 5, 9, 1),
        end=None,
    )
    recruitment.application_submit(actor=applicant, application=application)
    for kind, name, role, organisation, address in DEMO_REFEREES:
        reference_nominate(
            actor=applicant,
            application=application,
            kind=kind,
            name=name,
            email=address,
            job_title=role,
            organisation_name=organisation,
        )
