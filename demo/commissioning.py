"""The demo region's requests for support, a panel meeting and an offer, built through the
services after demo.leaders. Every person and school here is synthetic."""

import datetime as dt

from django.utils import timezone

from demo.school_days import school_day_on_or_after
from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import request_services as requests
from domain.organisations.models import Organisation


def request_values(**changes) -> dict:
    """What a request needs for matching: an LLE for 4 days of closing the gap, starting in 9 days."""
    today = timezone.localdate()
    return {
        "needs": ["closing_the_gap"],
        "phase": "primary",
        "role_sought": "lle",
        "description": "A headteacher new to post wants help to plan the use of pupil premium.",
        "days": "4",
        "pattern": "spread",
        "window_starts": today + dt.timedelta(days=9),
        "window_ends": today + dt.timedelta(days=120),
        "funding": "client_pays",
        "consent_to_share": True,
        **changes,
    }


def meeting_time(after: dt.timedelta, hour: int = 16) -> dt.datetime:
    """A panel meeting's time: at `hour` (in London) on the first school day on or after today plus `after`."""
    day = school_day_on_or_after(timezone.localdate() + after)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build_demo_commissioning(*, users, schools, organisations) -> dict:
    """Three requests: one the school contact made, chosen at a panel meeting (at 4pm on the first
    school day a week or more from today) and offered to the demo's system leader; one a local
    authority referred, waiting for triage; one from the public form, waiting for the school to
    confirm."""
    contact, coordinator = users[Role.SCHOOL_CONTACT], users[Role.TSA_COORDINATOR]
    aire = organisations["Aire Valley Teaching School Alliance"]
    asked = requests.request_submit(
        actor=contact,
        school=schools["Goldthorpe Junior School"],
        values=request_values(),
        referrer_kind="client_school",
        preferred_organisation=aire,
    )
    requests.request_triage(actor=coordinator, request=asked)
    meeting = meetings.meeting_schedule(
        actor=coordinator,
        organisation=aire,
        meets_at=meeting_time(dt.timedelta(days=7)),
        place="Aire Valley Primary School (demo)",
        members=[coordinator, users[Role.PANEL_MEMBER]],
    )
    item = meetings.agenda_add(actor=coordinator, meeting=meeting, request=asked)
    leader = users[Role.SYSTEM_LEADER]
    offer = meetings.agenda_decide(
        actor=coordinator, item=item, leader=leader, rationale="Closing the gap in a primary school close by"
    )
    referred = requests.request_submit(
        actor=users[Role.COMMISSIONER],
        school=schools["Larchwood Primary School"],
        values=request_values(
            needs=["maths"], role_sought="sle", days="6", description="Maths leadership after a weak year"
        ),
        referrer_kind="local_authority",
        referrer_organisation=Organisation.objects.get(code="DEMO-LA"),
        preferred_organisation=aire,
        route="referral",
    )
    public = requests.request_submit(
        actor=None,
        school=schools["Kingsmead Secondary Academy"],
        values=request_values(phase="secondary", needs=["behaviour"], description="Behaviour across Key Stage 3"),
        referrer_kind="client_school",
        preferred_organisation=aire,
        route="public_form",
        contact={
            "contact_name": "Sam Ridgeway",
            "contact_email": "deputy@kingsmead.demo.test",
            "contact_role": "Deputy head",
        },
    )
    return {"request": asked, "meeting": meeting, "item": item, "offer": offer, "referred": referred, "public": public}
