"""The demo deployment's visits (demo.deployments builds the deployment first). Synthetic people only.

Two visits noted and shared (about three weeks ago and last week, a day each: 2 of the 4 agreed days
logged) and one planned in ten days, each on a school day (demo.school_days). A note can be shared
only once the contract is agreed (the deployment is under way): until the contract's demo agrees
it, only the planned visit is made."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from demo.school_days import school_day_on_or_after, school_day_on_or_before
from domain.accounts.roles import Role
from domain.deployments import visit_services as visits
from domain.deployments.workflows import DeploymentStatus

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


def visit_days(today: dt.date) -> list[dt.date]:
    """The school days of the noted visits, earliest first: the last school day on or before each
    of NOTES' days ago, a week apart or more, so that no two fall on the same day in a holiday."""
    days = []
    for days_ago, _, _ in reversed(NOTES):
        day = today - dt.timedelta(days=days_ago)
        if days:
            day = min(day, days[-1] - dt.timedelta(days=7))
        days.append(school_day_on_or_before(day))
    return days[::-1]


def build(*, deployment, users) -> None:
    """Adds the demo's visits to the deployment through the services."""
    leader = users[Role.SYSTEM_LEADER]
    # The contract's demo agrees the contract through the services, which change the row: read it again.
    deployment.refresh_from_db()
    today = timezone.localdate()
    if deployment.status == DeploymentStatus.ACTIVE:
        for visited_on, (_, hours, note) in zip(visit_days(today), NOTES, strict=True):
            visits.visit_record(
                actor=leader,
                deployment=deployment,
                visited_on=visited_on,
                note=visits.Note(
                    hours=Decimal(hours),
                    days=Decimal("1"),
                    activities=note.activities,
                    findings=note.findings,
                    next_steps=note.next_steps,
                ),
            )
    upcoming = school_day_on_or_after(today + dt.timedelta(days=10))
    visits.visit_plan(actor=leader, deployment=deployment, visited_on=upcoming)
