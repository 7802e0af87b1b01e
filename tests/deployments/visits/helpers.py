"""Helpers for the visits tests: an active deployment and visits noted and shared."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from domain.deployments import services
from domain.deployments import visit_services as visits
from domain.deployments.workflows import DEPLOYMENT

LONDON = zoneinfo.ZoneInfo("Europe/London")


def activate(cast):
    """Starts the deployment as if every party had agreed its contract (the contract part's job)."""
    services.step(workflow=DEPLOYMENT, obj=cast.deployment, event="start", actor=cast.coordinator)
    return cast.refresh()


def note(days="1", hours="5", **changes) -> visits.Note:
    values = {
        "hours": Decimal(hours),
        "days": Decimal(days),
        "activities": "Worked with the headteacher on the pupil premium plan",
        "findings": "The plan has clear targets for reading",
        "next_steps": "Meet the governors about the plan",
        **changes,
    }
    return visits.Note(**values)


def at(frozen_clock, day: dt.date, hour=16):
    frozen_clock.move_to(dt.datetime.combine(day, dt.time(hour), tzinfo=LONDON))


def shared_visit(cast, frozen_clock, day: dt.date, days="1", hours="5"):
    """A visit on `day`, planned, then noted and shared at 4pm that day (the clock stays there)."""
    visit = visits.visit_plan(actor=cast.leader, deployment=cast.deployment, visited_on=day)
    at(frozen_clock, day)
    return visits.visit_note_share(actor=cast.leader, visit=visit, note=note(days=days, hours=hours))
