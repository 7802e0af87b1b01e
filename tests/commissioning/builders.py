"""Building commissioning's records for the tests, through the services: schools with contacts,
alliances with coordinators, associated leaders with days to offer, requests at each step."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from domain.accounts.roles import Role
from domain.commissioning import meeting_services as meetings
from domain.commissioning import request_services as requests
from domain.leaders.availability_services import availability_set
from domain.leaders.models import Term
from domain.leaders.term_split import working_days_by_term
from domain.organisations.models import AllianceMembership, OrganisationKind
from tests import factories
from tests.conftest import person_in_role
from tests.leaders.helpers import alliance, alliance_with_coordinator, associated_leader, coordinator_of

__all__ = ["alliance", "alliance_with_coordinator", "coordinator_of", "factories", "person_in_role"]

# The frozen clock's day is 22 November 2026: windows start on 1 December, in the autumn term.
WINDOW_STARTS_IN = dt.timedelta(days=9)
WINDOW_ENDS_IN = dt.timedelta(days=120)


def window() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today + WINDOW_STARTS_IN, today + WINDOW_ENDS_IN


def committed_in_window(leader) -> Decimal:
    """The leader's days committed across the terms of the default window."""
    from domain.leaders.availability_services import committed_days

    return sum((committed_days(leader, term) for term in terms_of_window()), Decimal(0))


def term_of_window() -> Term:
    """The term the default window starts in."""
    return Term.containing(window()[0])


def values(**changes) -> dict:
    """A request with everything matching needs: an LLE for 4 days of closing the gap."""
    starts, ends = window()
    return {
        "needs": ["closing_the_gap"],
        "phase": "primary",
        "role_sought": "lle",
        "description": "A headteacher new to post wants help to plan the use of pupil premium.",
        "days": "4",
        "pattern": "spread",
        "window_starts": starts,
        "window_ends": ends,
        "funding": "client_pays",
        "consent_to_share": True,
        **changes,
    }


def school(**fields):
    """A maintained primary school, requires improvement, in Leeds."""
    return factories.SchoolFactory(**{"ofsted_grade": 3, "number_of_pupils": 300, **fields})


def school_contact_of(client_school, **fields):
    """A contact at the school (a school contact of the school's own organisation)."""
    from domain.organisations.models import Organisation

    organisation = Organisation.objects.filter(school=client_school).first() or factories.OrganisationFactory(
        kind=OrganisationKind.SCHOOL, name=client_school.name, school=client_school, region=client_school.region
    )
    return person_in_role(Role.SCHOOL_CONTACT, organisation=organisation, **fields)


def member_school(organisation, *, teaching=False, **fields):
    """A school in the alliance (so that its requests are brokered there)."""
    member = school(**fields)
    AllianceMembership.objects.create(alliance=organisation, school=member, is_teaching_school=teaching)
    return member


def trust(**fields):
    return factories.OrganisationFactory(kind=OrganisationKind.TRUST, **fields)


def available_leader(organisation, *, role="lle", days=10, **fields):
    """A leader designated (so associated) by `organisation`, offering `days` in each term of the
    window (its days are committed across them). Returns the leader."""
    leader, _ = associated_leader(organisation, role=role, **fields)
    offer_days(leader, days)
    return leader


def offer_days(leader, days):
    for term in terms_of_window():
        availability_set(actor=leader, leader=leader, term=term, days=Decimal(str(days)))


def terms_of_window() -> list[Term]:
    """The terms the default window falls in: autumn 2026 (1 to 31 December) and spring 2027."""
    return [term for term, _ in working_days_by_term(*window())]


def submitted(organisation, *, actor=None, client_school=None, **changes):
    """A request from a school contact (route school), brokered by `organisation` (the client's choice)."""
    client_school = client_school or school()
    actor = actor or school_contact_of(client_school)
    return requests.request_submit(
        actor=actor,
        school=client_school,
        values=values(**changes),
        referrer_kind="client_school",
        preferred_organisation=organisation,
    )


def triaged(organisation, coordinator, **changes):
    return requests.request_triage(actor=coordinator, request=submitted(organisation, **changes))


def meeting(organisation, coordinator, *, members=(), days_ahead=7):
    return meetings.meeting_schedule(
        actor=coordinator,
        organisation=organisation,
        meets_at=timezone.now() + dt.timedelta(days=days_ahead),
        place="The lead school's library",
        members=list(members) or [coordinator],
    )


def on_agenda(organisation, coordinator, *, panel=None, **changes):
    """A triaged request on a (new) meeting's agenda, ranked; returns the item."""
    panel = panel or meeting(organisation, coordinator)
    request = triaged(organisation, coordinator, **changes)
    return meetings.agenda_add(actor=coordinator, meeting=panel, request=request)


def top_leader_id(item) -> int:
    return next(c for c in item.candidates if not c.get("excluded"))["leader_id"]


def offered(organisation, coordinator, leader, **changes):
    """A request decided for `leader` at a panel; returns the offer (with the leader)."""
    item = on_agenda(organisation, coordinator, **changes)
    top = top_leader_id(item)
    return meetings.agenda_decide(
        actor=coordinator,
        item=item,
        leader=leader,
        rationale="Closing the gap in a primary school nearby",
        passed_over_reason="" if top == leader.pk else "The panel knows the school well",
    )
