"""The demo deployment's visits (demo.deployments builds the deployment first). Synthetic people only.

Two visits noted and shared (about three weeks ago and last week, a day each: 2 of the 4 agreed days
logged) and one planned in ten days. A note can be shared only once the contract is agreed (the
deployment is under way): until the contract's demo agrees it, only the planned visit is made."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from domain.accounts.roles import Role
from domain.deployments import visit_services as visits
from domain.deployments.workflows import DeploymentStatus
from domain.deployments.working_days import is_working_day

NOTES = (
    (
        21,
        "5",
        visits.Note(
            activities="Met the headteacher and the pupil premium lead; looked at last year's spending and outcomes.",
            findings="Spending is spread thinly across many small projects; few have a clear measure of success.",
            next_steps="The school lists its projects with their cost and intended outcome before the next visit.",
        ),
    ),
    (
        7,
        "6",
        visits.Note(
            activities="Worked with the senior team on a plan built on three priorities; observed two reading lessons.",
            findings="Reading in Year 3 is the biggest gap; the team agreed to stop four projects.",
            next_steps="Draft the pupil premium strategy; share it with governors; plan the next visit on reading.",
        ),
    ),
)


def _weekday(day: dt.date) -> dt.date:
    """The day, or the Friday before when it falls at a weekend (visits are on school days)."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def build(*, deployment, users) -> None:
    """Adds the demo's visits to the deployment through the services."""
    leader = users[Role.SYSTEM_LEADER]
    # The contract's demo agrees the contract through the services, which change the row: read it again.
    deployment.refresh_from_db()
    today = timezone.localdate()
    if deployment.status == DeploymentStatus.ACTIVE:
        for days_ago, hours, note in NOTES:
            visits.visit_record(
                actor=leader,
                deployment=deployment,
                visited_on=_weekday(today - dt.timedelta(days=days_ago)),
                note=visits.Note(
                    hours=Decimal(hours),
                    days=Decimal("1"),
                    activities=note.activities,
                    findings=note.findings,
                    next_steps=note.next_steps,
                ),
            )
    upcoming = today + dt.timedelta(days=10)
    while not is_working_day(upcoming):
        upcoming += dt.timedelta(days=1)
    visits.visit_plan(actor=leader, deployment=deployment, visited_on=upcoming)
