"""The showcase's requests for support (demo.showcase), brokered by Aire Valley Teaching School
Alliance, at every stage: received, waiting for the school to confirm, accepted for matching, on
the agenda of the panel's next meeting but one, offered (waiting for the leader, and waiting for
the school), agreed (demo.showcase_deployments carries those on), declined and withdrawn. Meetings
are at 4pm on school days (demo.school_days). Built through the services. Every person here is
made up; their addresses are @demo.test."""

import datetime as dt

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.commissioning import meeting_time, request_values
from demo.leaders import _school_organisation
from demo.region import DEMO_TOTP_KEY
from domain.accounts import services as accounts
from domain.accounts.models import User
from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import offer_services as offers
from domain.commissioning import request_services as requests
from domain.commissioning.models import PanelMeeting
from domain.leaders.selectors import active_association_of
from domain.organisations.models import Organisation

# school: (contact's name, role) — the person who speaks for the school.
CONTACTS = {
    "Denholme Moor High School": ("Jo Hebden", "Headteacher"),
    "Yewdale Primary School": ("Kai Methley", "Headteacher"),
    "Kirkby Lane Primary School": ("Lee Ecclesall", "Headteacher"),
    "Calder Bridge Academy": ("Max Sandal", "Principal"),
    "Sandholme Primary School": ("Ola Bransholme", "Headteacher"),
    "Maltby Ridge Academy": ("Pip Hooton", "Principal"),
    "Thornhill Edge Academy": ("Rae Overthorpe", "Deputy headteacher"),
    "Westgate All-through Academy": ("Ty Molescroft", "Deputy headteacher"),
    "Jervaulx Academy": ("Viv Huntington", "Deputy headteacher"),
}


def email_of(full_name: str) -> str:
    return full_name.lower().replace(" ", ".") + "@demo.test"


def build_contacts(*, schools, password) -> dict:
    """A contact at each school that asks for support; returns them by school name."""
    contacts = {}
    for school_name, (full_name, _) in CONTACTS.items():
        user = accounts.user_create(actor=None, email=email_of(full_name), full_name=full_name, password=password)
        accounts.membership_add(
            actor=None, user=user, organisation=_school_organisation(schools[school_name]), role=Role.SCHOOL_CONTACT
        )
        if user.needs_two_factor():
            TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True, key=DEMO_TOTP_KEY)
        contacts[school_name] = user
    return contacts


def top_candidate(item):
    """The leader the panel would choose: the first eligible candidate of the ranking."""
    eligible = [c for c in item.candidates if not c.get("excluded")]
    if not eligible:
        raise LookupError(f"No eligible leader for {item.request.reference}")
    return User.objects.get(pk=eligible[0]["leader_id"])


def leader_accepts(offer, *, coordinators):
    """The leader accepts; when they are associated with the other alliance or hub, it agrees."""
    offer = offers.offer_leader_accept(actor=offer.leader, offer=offer)
    if offer.leaders_organisation_id:
        association = active_association_of(offer.leader)
        offer = offers.offer_alliance_agree(actor=coordinators[association.organisation.name], offer=offer)
    return offer


def _ask(school_name, *, contacts, schools, aire, **values):
    return requests.request_submit(
        actor=contacts[school_name],
        school=schools[school_name],
        values=request_values(**values),
        referrer_kind="client_school",
        preferred_organisation=aire,
    )


def build_showcase_requests(*, users, coordinators, contacts, schools, aire) -> dict:
    """`users` are demo.region's people by role. Returns the requests by stage, and the requests
    agreed for demo.showcase_deployments as (request, offer) pairs."""
    coordinator, commissioner = users[Role.TSA_COORDINATOR], users[Role.COMMISSIONER]
    la = Organisation.objects.get(code="DEMO-LA")
    today = timezone.localdate()
    received = requests.request_submit(
        actor=commissioner,
        school=schools["Valley Road Pupil Referral Unit"],
        values=request_values(
            phase="alternative_provision",
            needs=["behaviour", "attendance"],
            description="Reintegration of pupils into mainstream schools: behaviour plans and attendance",
            days="8",
        ),
        referrer_kind="local_authority",
        referrer_organisation=la,
        preferred_organisation=aire,
        route="referral",
    )
    awaiting = requests.request_submit(
        actor=None,
        school=schools["Greenhow Church of England Primary School"],
        values=request_values(
            needs=["re"], role_sought="sle", description="Planning religious education across the school"
        ),
        referrer_kind="client_school",
        preferred_organisation=aire,
        route="public_form",
        contact={
            "contact_name": "Uma Killinghall",
            "contact_email": "re.lead@greenhow.demo.test",
            "contact_role": "RE lead",
        },
    )
    triaged = _ask(
        "Yewdale Primary School",
        contacts=contacts,
        schools=schools,
        aire=aire,
        needs=["maths"],
        role_sought="sle",
        description="Maths across Key Stage 2: fluency and reasoning after a dip in results",
        days="5",
    )
    requests.request_triage(actor=coordinator, request=triaged)

    # The panel's next meeting (demo.commissioning's) offers two more; the one after has two on its agenda.
    meeting = PanelMeeting.objects.filter(organisation=aire).order_by("meets_at").first()
    with_leader = _ask(
        "Calder Bridge Academy",
        contacts=contacts,
        schools=schools,
        aire=aire,
        phase="secondary",
        needs=["curriculum_leadership"],
        description="A new curriculum for Key Stage 3 planned with middle leaders",
        days="6",
    )
    with_client = _ask(
        "Kirkby Lane Primary School",
        contacts=contacts,
        schools=schools,
        aire=aire,
        needs=["phonics", "early_years"],
        role_sought="lle",
        description="Early reading: a phonics programme taught the same way in every class",
        days="4",
    )
    offered = {}
    for request in (with_leader, with_client):
        requests.request_triage(actor=coordinator, request=request)
        item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=request)
        offered[request.pk] = meetings.agenda_decide(
            actor=coordinator, item=item, leader=top_candidate(item), rationale="The best match for the school's needs"
        )
    leader_accepts(offered[with_client.pk], coordinators=coordinators)
    later = meetings.meeting_schedule(
        actor=coordinator,
        organisation=aire,
        meets_at=meeting_time(dt.timedelta(days=21)),
        place="Aire Valley Primary School (demo)",
        members=[coordinator, users[Role.PANEL_MEMBER]],
    )
    on_agenda = []
    for school_name, needs, phase, role in (
        ("Westgate All-through Academy", ["english"], "all_through", "sle"),
        ("Jervaulx Academy", ["history"], "secondary", "sle"),
    ):
        request = _ask(
            school_name,
            contacts=contacts,
            schools=schools,
            aire=aire,
            needs=needs,
            phase=phase,
            role_sought=role,
            description=f"Leadership of {needs[0]} after a change of subject leader",
            days="3",
        )
        requests.request_triage(actor=coordinator, request=request)
        meetings.agenda_add(actor=coordinator, meeting=later, request=request)
        on_agenda.append(request)

    declined = requests.request_submit(
        actor=commissioner,
        school=schools["Pickering Road Sixth Form College"],
        values=request_values(
            phase="post_16", needs=["most_able"], role_sought="sle", description="Stretch for the most able"
        ),
        referrer_kind="local_authority",
        referrer_organisation=la,
        preferred_organisation=aire,
        route="referral",
    )
    requests.request_decline(
        actor=coordinator,
        request=declined,
        reason="The college already has this support through its own trust; nothing for the alliance to broker",
    )
    withdrawn = _ask(
        "Maltby Ridge Academy",
        contacts=contacts,
        schools=schools,
        aire=aire,
        phase="secondary",
        needs=["attendance"],
        description="Attendance of disadvantaged pupils in Year 9",
        window_starts=today + dt.timedelta(days=30),
    )
    requests.request_withdraw(
        actor=contacts["Maltby Ridge Academy"], request=withdrawn, reason="The trust now gives this support"
    )
    return {
        "received": received,
        "awaiting": awaiting,
        "triaged": triaged,
        "on_agenda": on_agenda,
        "offered": list(offered.values()),
        "declined": declined,
        "withdrawn": withdrawn,
        "meetings": [meeting, later],
    }
