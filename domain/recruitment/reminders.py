"""Reminding the round's coordinators of references still outstanding (DESIGN.md capability 13:
"References outstanding"). One reminder per coordinator per request, due CHASE_AFTER_DAYS after
the latest link went out; answering, replacing or voiding the request cancels it."""

import datetime as dt

from domain.accounts.selectors import coordinators_of
from domain.notifications.services import reminder_schedule

from .selectors import CHASE_AFTER_DAYS


def overdue_reminder_key(request) -> str:
    return f"reference-overdue:{request.pk}"


def schedule_overdue_reminders(request) -> int:
    """(Re)schedules the coordinators' reminder for this request; returns how many people."""
    application = request.application
    round_ = application.round
    due_at = request.last_sent_at + dt.timedelta(days=CHASE_AFTER_DAYS)
    people = coordinators_of(round_.organisation)
    for user in people:
        reminder_schedule(
            user=user,
            key=overdue_reminder_key(request),
            title=f"{request.get_kind_display()} for {application.applicant.full_name} not yet answered",
            body=(
                f"{request.name} has not yet answered the request for a "
                f"{request.get_kind_display().lower()} for {application.applicant.full_name}'s application "
                f"to {round_.title}. Chase them, or ask the applicant for someone else."
            ),
            due_at=due_at,
            about=request,
        )
    return len(people)
