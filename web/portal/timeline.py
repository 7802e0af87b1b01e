"""How a timeline reads: a label for each dotted action name, and one row per audit event. A
workflow's step reads in its table's own words ("commissioning.request.schedule" is "Put on a
panel's agenda") and its states by their labels ("on_agenda" is "On a panel's agenda")."""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from domain.workflows.diagrams import load_all
from domain.workflows.table import TransitionRefused, Workflow

# Labels that the generic rule ("accounts.membership.ended" -> "Membership ended") gets wrong or
# says badly. Add yours here when you add an action.
ACTION_LABELS = {
    "accounts.user.created": "Account created",
    "accounts.user.signed_out_everywhere": "Signed out of every session",
    "accounts.two_factor.confirmed": "Authenticator app set up",
    "accounts.membership.added": "Role added",
    "accounts.membership.ended": "Role ended",
    "accounts.membership.suspend": "Role suspended",
    "accounts.membership.reinstate": "Role reinstated",
    "accounts.membership.end": "Role ended",
    "accounts.membership.invited": "Invited to a role",
    "notifications.notification.read": "Notification read",
    "notifications.reminder.scheduled": "Reminder scheduled",
    "notifications.reminder.rescheduled": "Reminder changed",
    "notifications.reminder.cancelled": "Reminder cancelled",
    "notifications.reminder.sent": "Reminder sent",
    "schools.register.imported": "Imported from the register of schools",
}


@cache
def _workflows() -> dict[str, Workflow]:
    return load_all()


def _workflow_of(action: str) -> Workflow | None:
    """The workflow whose step the action is: "commissioning.request.schedule" is a step of
    "commissioning.request"."""
    return _workflows().get(action.rpartition(".")[0]) if "." in action else None


def action_label(action: str) -> str:
    """A readable label for a dotted action name: the workflow's step in its own words, or else
    the thing and what happened to it."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    workflow = _workflow_of(action)
    if workflow is not None:
        try:
            return workflow.get(action.rpartition(".")[2]).label
        except TransitionRefused:
            pass  # not one of its steps ("training.booking.created"): the generic rule
    parts = [p for p in action.split(".") if p]
    words = " ".join(parts[-2:] if len(parts) > 1 else parts).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Change"


def state_label(state: str, action: str = "") -> str:
    """A state as people read it: its label in the action's workflow ("on_agenda" is "On a
    panel's agenda"), or else the stored words with a capital ("draft" is "Draft")."""
    workflow = _workflow_of(action)
    if workflow is not None and state in workflow.states.values:
        return workflow.states(state).label
    words = state.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class TimelineEntry:
    occurred_at: datetime
    label: str
    who: str
    from_state: str
    to_state: str
    reason: str


def timeline_entries(events) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            occurred_at=event.occurred_at,
            label=action_label(event.action),
            who=(event.actor.full_name or event.actor.email) if event.actor else "The service",
            from_state=state_label(event.from_state, event.action),
            to_state=state_label(event.to_state, event.action),
            reason=event.reason,
        )
        for event in events
    ]
