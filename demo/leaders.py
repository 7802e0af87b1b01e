"""The demo region's register of system leaders: associations, pen portraits, availability.
Built through the services, after demo.region has made the schools, alliances and people.

Every person here is synthetic."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from domain.accounts import services as accounts
from domain.accounts.roles import Role
from domain.designation.models import DesignatingSource, DesignationRole
from domain.designation.services import designation_create
from domain.leaders import association_services as associations
from domain.leaders import availability_services as availability
from domain.leaders import memorandum_services as memoranda
from domain.leaders import portrait_services as portraits
from domain.leaders.models import MemorandumParty, Term
from domain.leaders.selectors import active_association_of
from domain.organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class DemoLeader:
    email: str
    full_name: str
    role: str
    source: str
    designated_by: str | None  # the designating organisation's name
    school: str
    phases: tuple[str, ...]
    specialisms: tuple[str, ...]
    starts_on: date
    experience: str
    public_contact: str = ""


# The hub's coordinator: a second coordinator, so that a second alliance can try to invite.
HUB_COORDINATOR = ("hub.coordinator@demo.test", "Quinn Harewood", "Pennine Teaching School Hub")

# A leader designated by the national programme before 2017 and not yet associated: the regional
# list shows them to alliances, which invite them (seed 000: "All TSA will be sent the regional
# list of existing LLEs").
EXISTING_LLE = DemoLeader(
    "existing.lle@demo.test",
    "Drew Hollinsworth",
    DesignationRole.LLE,
    DesignatingSource.NATIONAL_PROGRAMME,
    None,
    "Beckside Church of England Primary School",
    ("primary",),
    (),
    date(2016, 9, 1),
    "",
)

# Leaders in the directory: designated, associated and with a published pen portrait.
LISTED = [
    DemoLeader(
        "sle.maths@demo.test",
        "Jamie Oakroyd",
        DesignationRole.SLE,
        DesignatingSource.TSA_OR_HUB,
        "Aire Valley Teaching School Alliance",
        "Fernhill Special School",
        ("primary", "special"),
        ("maths", "send"),
        date(2024, 9, 1),
        "Leads maths across a special school for pupils aged 4 to 11; has coached maths leads in "
        "eight primary schools on number sense and small-step planning.",
    ),
    DemoLeader(
        "nle@demo.test",
        "Taylor Whitcliffe",
        DesignationRole.NLE,
        DesignatingSource.NATIONAL_PROGRAMME,
        None,
        "Dalesway High School",
        ("secondary",),
        ("curriculum_leadership", "behaviour"),
        date(2019, 9, 1),
        "Headteacher of a secondary school for nine years; has led two schools out of special "
        "measures as executive headteacher.",
        "Through the head's office at Dalesway High School (demo)",
    ),
]

# A leader whose first pen portrait waits for the hub's approval.
AWAITING = DemoLeader(
    "sle.english@demo.test",
    "Riley Ashworth",
    DesignationRole.SLE,
    DesignatingSource.TSA_OR_HUB,
    "Pennine Teaching School Hub",
    "Dalesway High School",
    ("secondary",),
    ("english",),
    date(2025, 9, 1),
    "Head of English; has supported three departments in raising results at GCSE.",
)


def _person(email, full_name, password, organisation, role):
    user = accounts.user_create(actor=None, email=email, full_name=full_name, password=password)
    accounts.membership_add(actor=None, user=user, organisation=organisation, role=role)
    return user


def _school_organisation(school):
    organisation, _ = Organisation.objects.get_or_create(
        kind=OrganisationKind.SCHOOL, school=school, defaults={"name": school.name, "region": school.region}
    )
    return organisation


def _designate(leader: DemoLeader, *, actor, organisations, schools, password):
    school = schools[leader.school]
    user = _person(leader.email, leader.full_name, password, _school_organisation(school), Role.SYSTEM_LEADER)
    designation_create(
        actor=actor,
        person=user,
        role=leader.role,
        source=leader.source,
        organisation=organisations[leader.designated_by] if leader.designated_by else None,
        school=school,
        phases=list(leader.phases),
        specialisms=list(leader.specialisms),
        starts_on=leader.starts_on,
    )
    return user


def _portrait(user, leader: DemoLeader, *, approver=None, areas="Leeds, Bradford and Wakefield"):
    portrait = portraits.portrait_save_draft(
        actor=user,
        values={
            "experience": leader.experience,
            "specialisms": list(leader.specialisms),
            "phases": list(leader.phases),
            "school_context": f"{leader.school} (demo).",
            "areas_served": areas,
            "public_contact": leader.public_contact,
        },
    )
    portraits.portrait_submit(actor=user, portrait=portrait)
    if approver is not None:
        portraits.portrait_approve(actor=approver, portrait=portrait)
    return portrait


def _accept_memorandum(association, *, leader, coordinator):
    memoranda.memorandum_accept(actor=leader, association=association, party=MemorandumParty.LEADER)
    memoranda.memorandum_accept(actor=coordinator, association=association, party=MemorandumParty.ORGANISATION)


def build_demo_leaders(*, users, organisations, schools, password, totp_key) -> dict:
    """Adds the register's demo data; `users` are demo.region's people by role."""
    coordinator = users[Role.TSA_COORDINATOR]
    hub = organisations["Pennine Teaching School Hub"]
    aire = organisations["Aire Valley Teaching School Alliance"]
    email, name, _ = HUB_COORDINATOR
    hub_coordinator = _person(email, name, password, hub, Role.TSA_COORDINATOR)
    TOTPDevice.objects.create(user=hub_coordinator, name="Demo authenticator", confirmed=True, key=totp_key)

    # The demo's own system leader was designated by the alliance, so is associated with it.
    alex = users[Role.SYSTEM_LEADER]
    association = active_association_of(alex)
    _accept_memorandum(association, leader=alex, coordinator=coordinator)
    alex_leader = DemoLeader(
        alex.email,
        alex.full_name,
        DesignationRole.LLE,
        DesignatingSource.TSA_OR_HUB,
        aire.name,
        "Aire Valley Primary School",
        ("primary",),
        ("closing_the_gap", "early_years"),
        date(2025, 9, 1),
        "Headteacher of a primary school for six years; supports new headteachers with "
        "curriculum planning and the use of pupil premium.",
    )
    _portrait(alex, alex_leader, approver=coordinator)
    term = Term.containing(timezone.localdate())
    for offered, t in zip(("10", "8", "5"), term.following(3), strict=True):
        availability.availability_set(actor=alex, leader=alex, term=t, days=offered)
    availability.commitment_add(
        actor=coordinator, leader=alex, term=term, days="2", purpose="Diagnostic visit to a primary school (demo)"
    )

    existing = _designate(EXISTING_LLE, actor=None, organisations=organisations, schools=schools, password=password)
    listed = {}
    for leader in LISTED:
        user = _designate(leader, actor=coordinator, organisations=organisations, schools=schools, password=password)
        if active_association_of(user) is None:  # the NLE: invited by the hub, and accepted
            invitation = associations.association_invite(actor=hub_coordinator, organisation=hub, leader=user)
            associations.association_accept(actor=user, association=invitation)
        owner = hub_coordinator if active_association_of(user).organisation_id == hub.pk else coordinator
        _accept_memorandum(active_association_of(user), leader=user, coordinator=owner)
        _portrait(user, leader, approver=owner)
        listed[leader.email] = user
    awaiting = _designate(
        AWAITING, actor=hub_coordinator, organisations=organisations, schools=schools, password=password
    )
    _portrait(awaiting, AWAITING, areas="Bradford, Calderdale and Kirklees")
    # The hub has also invited the existing LLE: an open invitation waiting for their answer.
    invitation = associations.association_invite(
        actor=hub_coordinator,
        organisation=hub,
        leader=existing,
        message="We broker support across Bradford and Calderdale.",
    )
    return {"hub_coordinator": hub_coordinator, "existing_lle": existing, "invitation": invitation, **listed}


def demo_register_people() -> list[tuple[str, str]]:
    """(e-mail, what they are) for the people this module adds, for `manage.py seed_demo`."""
    return [
        (HUB_COORDINATOR[0], "Hub coordinator"),
        (EXISTING_LLE.email, "LLE, not yet associated"),
        *((leader.email, f"{leader.role.upper()} in the directory") for leader in LISTED),
        (AWAITING.email, "SLE, pen portrait waiting"),
    ]
