"""The showcase's system leaders (demo.showcase): forty leaders across the four roles, associated
with Aire Valley Teaching School Alliance or Pennine Teaching School Hub, memoranda accepted, days
offered for this term and the next two, and a pen portrait the alliance or hub approved, so that
the directory and the regional list look like a real region's. Built through the services with
demo.leaders' helpers. Every person here is made up; their addresses are @demo.test."""

import datetime as dt

from django.utils import timezone

from demo.leaders import DemoLeader, _accept_memorandum, _designate, _portrait
from domain.designation.models import DesignatingSource, DesignationRole
from domain.designation.specialisms import specialism_label
from domain.leaders import association_services as associations
from domain.leaders import availability_services as availability
from domain.leaders.models import Term
from domain.leaders.selectors import active_association_of

AIRE, HUB = "Aire Valley Teaching School Alliance", "Pennine Teaching School Hub"
AREAS = {AIRE: "Leeds, Wakefield, Harrogate and York", HUB: "Bradford, Calderdale, Kirklees and Craven"}

L, S, N, G = DesignationRole.LLE, DesignationRole.SLE, DesignationRole.NLE, DesignationRole.NLG

# full name, role, alliance or hub, school, phases, specialisms
SHOWCASE_LEADERS = [
    (
        "Harper Ellingworth",
        L,
        AIRE,
        "Ashgrove Primary School",
        ("primary",),
        ("closing_the_gap", "curriculum_leadership"),
    ),
    ("Rowan Keldholme", L, AIRE, "Bramblewood Academy", ("secondary",), ("curriculum_leadership", "attendance")),
    ("Ari Fenwickham", L, HUB, "Cottingley Vale Primary School", ("primary",), ("early_years", "phonics")),
    ("Jules Moorcroft", L, HUB, "Hollin Bank Secondary School", ("secondary",), ("behaviour", "academies")),
    ("Sasha Brantingham", L, AIRE, "Eastfield Park Primary Academy", ("primary",), ("closing_the_gap", "maths")),
    (
        "Kit Aldersby",
        L,
        AIRE,
        "Greenhow Church of England Primary School",
        ("primary",),
        ("re", "curriculum_leadership"),
    ),
    ("Remy Scarcliffe", L, AIRE, "Ouseburn Primary School", ("primary",), ("business_management",)),
    ("Noor Haddlesey", L, HUB, "Underbank Primary School", ("primary",), ("early_years", "send")),
    ("Elliot Rawcliffe", L, HUB, "Ravensknowle Secondary Academy", ("secondary",), ("teaching_assessment",)),
    ("Marley Thwaite", L, AIRE, "Netherton Infant School", ("primary",), ("phonics", "closing_the_gap")),
    ("Avery Coldwell", L, AIRE, "Quarry Hill Primary Academy", ("primary",), ("closing_the_gap", "attendance")),
    ("Shay Lindholme", L, AIRE, "Westgate All-through Academy", ("all_through",), ("curriculum_leadership",)),
    ("Blake Ambleforth", S, AIRE, "Bramblewood Academy", ("secondary",), ("maths",)),
    ("Corin Hebblethwaite", S, AIRE, "Jervaulx Academy", ("secondary",), ("science",)),
    ("Dani Ormesby", S, AIRE, "Ashgrove Primary School", ("primary",), ("english", "phonics")),
    ("Eden Skelbrooke", S, HUB, "Hollin Bank Secondary School", ("secondary",), ("mfl",)),
    ("Frankie Wolsingham", S, HUB, "Ravensknowle Secondary Academy", ("secondary",), ("history", "geography")),
    ("Gray Pannal", S, AIRE, "Lowmoor Special School", ("special",), ("send", "behaviour")),
    ("Hollis Birkdale", S, HUB, "Foxhill Nursery School", ("early_years",), ("early_years",)),
    ("Indy Castleton", S, AIRE, "Pickering Road Sixth Form College", ("post_16",), ("maths", "most_able")),
    ("Jesse Norland", S, HUB, "Underbank Primary School", ("primary",), ("music", "art")),
    ("Lane Cranswick", S, AIRE, "Jervaulx Academy", ("secondary",), ("ict",)),
    ("Milan Garforth", S, AIRE, "Eastfield Park Primary Academy", ("primary",), ("pe", "pshe")),
    (
        "Oakley Sowerby",
        S,
        HUB,
        "Valley Road Pupil Referral Unit",
        ("alternative_provision",),
        ("behaviour", "attendance"),
    ),
    ("Peyton Holderness", S, AIRE, "Westgate All-through Academy", ("all_through",), ("english",)),
    ("Reese Fangfoss", S, AIRE, "Ingleby Fields Primary School", ("primary",), ("maths", "teaching_assessment")),
    ("Sky Bramhope", S, HUB, "Cottingley Vale Primary School", ("primary",), ("science", "design_technology")),
    ("Tatum Wharram", S, AIRE, "Pickering Road Sixth Form College", ("post_16",), ("itt", "nqt_development")),
    ("Wren Ackworth", N, AIRE, "Jervaulx Academy", ("secondary",), ("curriculum_leadership", "academies")),
    ("Yael Denby", N, HUB, "Foxhill Nursery School", ("early_years", "primary"), ("early_years", "closing_the_gap")),
    ("Zion Kettlesing", N, AIRE, "Lowmoor Special School", ("special",), ("send",)),
    ("Arden Mewith", N, HUB, "Hollin Bank Secondary School", ("secondary",), ("behaviour", "attendance")),
    ("Bryn Calverley", N, AIRE, "Greenhow Church of England Primary School", ("primary",), ("curriculum_leadership",)),
    ("Cass Rylstone", N, HUB, "Ravensknowle Secondary Academy", ("secondary",), ("leadership_assessment",)),
    ("Dale Otterburn", N, AIRE, "Ashgrove Primary School", ("primary",), ("closing_the_gap",)),
    ("Emery Grassington", G, AIRE, "Ouseburn Primary School", (), ("business_management",)),
    ("Finley Haxby", G, HUB, "Hollin Bank Secondary School", (), ("academies",)),
    ("Gale Tockwith", G, AIRE, "Jervaulx Academy", (), ("academies", "business_management")),
    ("Hayden Marsden", G, HUB, "Underbank Primary School", (), ()),
    ("Ira Kexby", G, AIRE, "Netherton Infant School", (), ("business_management",)),
]

POSTS = {
    L: ("Headteacher", "Headteacher", "Executive headteacher", "Head of school"),
    S: ("Head of department", "Assistant headteacher", "Subject leader", "Deputy headteacher"),
    N: ("Executive headteacher", "Chief executive of a multi-academy trust", "Headteacher"),
    G: ("Chair of governors", "Chair of trustees", "Vice-chair of a trust board"),
}


def email_of(full_name: str) -> str:
    return full_name.lower().replace(" ", ".") + "@demo.test"


def _experience(index: int, full_name: str, role: str, specialisms) -> str:
    post = POSTS[role][index % len(POSTS[role])]
    years, schools = 4 + index % 9, 2 + index % 6
    areas = " and ".join(specialism_label(code).lower() for code in specialisms) or "governance"
    if role == G:
        return (
            f"{post} for {years} years; has reviewed governance in {schools} schools and trusts and coached "
            f"chairs through inspection, finance and {areas}."
        )
    if role == N:
        return (
            f"{post} for {years} years; has supported {schools} schools causing concern, with a focus on "
            f"{areas}, and mentors headteachers new to post."
        )
    return (
        f"{post} with {years} years in the role; has supported {schools} schools on {areas}, through "
        "coaching, joint planning and work alongside leaders in the classroom."
    )


def _starts_on(index: int, role: str, today: dt.date) -> dt.date:
    """An alliance's designation in one of the last three academic years (it runs for the role's
    term, so it is still current); the national programme's earlier, for NLEs and NLGs."""
    if role in (N, G):
        return dt.date(2015 + index % 6, 9, 1)
    first_september = today.year if today.month >= 9 else today.year - 1
    return dt.date(first_september - index % 3, 9, 1)


def showcase_leader(index: int) -> DemoLeader:
    full_name, role, organisation, school, phases, specialisms = SHOWCASE_LEADERS[index]
    national = role in (N, G)
    return DemoLeader(
        email_of(full_name),
        full_name,
        role,
        DesignatingSource.NATIONAL_PROGRAMME if national else DesignatingSource.TSA_OR_HUB,
        None if national else organisation,
        school,
        phases,
        specialisms,
        _starts_on(index, role, timezone.localdate()),
        _experience(index, full_name, role, specialisms),
        f"Through the office at {school} (demo)" if national else "",
    )


def build_showcase_leaders(*, coordinators, organisations, schools, password) -> dict:
    """Designates, associates and lists the showcase's leaders; `coordinators` by alliance or hub
    name. Returns the leaders (users) by e-mail."""
    term = Term.containing(timezone.localdate())
    leaders = {}
    for index, (_, _, organisation_name, _, _, _) in enumerate(SHOWCASE_LEADERS):
        leader = showcase_leader(index)
        coordinator, organisation = coordinators[organisation_name], organisations[organisation_name]
        user = _designate(leader, actor=coordinator, organisations=organisations, schools=schools, password=password)
        if active_association_of(user) is None:  # the national programme's: the alliance invited them
            invitation = associations.association_invite(actor=coordinator, organisation=organisation, leader=user)
            associations.association_accept(actor=user, association=invitation)
        _accept_memorandum(active_association_of(user), leader=user, coordinator=coordinator)
        offered = ("10", "8", "6", "12", "5")[index % 5]
        for t in term.following(3):
            availability.availability_set(actor=user, leader=user, term=t, days=offered)
        _portrait(user, leader, approver=coordinator, areas=AREAS[organisation_name])
        leaders[leader.email] = user
    return leaders
