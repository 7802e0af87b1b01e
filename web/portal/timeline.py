"""How a timeline reads: a label for each dotted action name, and one row per audit event."""

from dataclasses import dataclass
from datetime import datetime

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


def action_label(action: str) -> str:
    """A readable label for a dotted action name: the thing and what happened to it."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    parts = [p for p in action.split(".") if p]
    words = " ".join(parts[-2:] if len(parts) > 1 else parts).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Change"


def state_label(state: str) -> str:
    return state.replace("_", " ")


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
            from_state=state_label(event.from_state),
            to_state=state_label(event.to_state),
            reason=event.reason,
        )
        for event in events
    ]
