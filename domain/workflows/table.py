"""Workflows as explicit transition tables.

Each workflow is one small module that declares its states and its transitions, and nothing
else. Only services change status, through `transition()`, which checks the table, saves the
new status and writes the audit event in the same transaction. `manage.py workflow_diagrams`
writes each table's state diagram into docs/workflows/ (a test keeps them current)."""

from dataclasses import dataclass, field

from django.db import models, transaction

from domain.audit.services import audit_record

REGISTRY: dict[str, "Workflow"] = {}


class TransitionRefused(Exception):
    """The table does not allow this change from the object's current state. The message says why,
    in words a person can act on."""


@dataclass(frozen=True)
class Transition:
    event: str
    sources: tuple[str, ...]
    target: str
    label: str
    reason_required: bool = False


@dataclass(frozen=True)
class Workflow:
    name: str  # dotted, like "accounts.membership"; also the audit action prefix
    states: type[models.TextChoices]
    initial: str
    transitions: tuple[Transition, ...]
    description: str = ""
    field_name: str = "status"
    _by_event: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        names = {s.value for s in self.states}
        for t in self.transitions:
            unknown = ({t.target, *t.sources}) - names
            if unknown:
                raise ValueError(f"{self.name}: transition {t.event!r} names unknown states {sorted(unknown)}")
            if t.event in self._by_event:
                raise ValueError(f"{self.name}: event {t.event!r} is declared twice")
            self._by_event[t.event] = t
        REGISTRY[self.name] = self

    def get(self, event: str) -> Transition:
        try:
            return self._by_event[event]
        except KeyError:
            raise TransitionRefused(f"{self.name} has no step called {event!r}") from None

    def allowed_events(self, state: str) -> list[str]:
        return [t.event for t in self.transitions if state in t.sources]

    def check(self, state: str, event: str, reason: str = "") -> Transition:
        """The transition for `event` from `state`, or TransitionRefused saying why not."""
        t = self.get(event)
        if state not in t.sources:
            current = self.states(state).label if state in self.states.values else state
            raise TransitionRefused(f"You cannot {t.label.lower()} when it is {current.lower()}")
        if t.reason_required and not reason.strip():
            raise TransitionRefused(f"Enter a reason to {t.label.lower()}")
        return t

    def mermaid(self) -> str:
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for t in self.transitions:
            for source in t.sources:
                suffix = " (reason required)" if t.reason_required else ""
                lines.append(f"    {source} --> {t.target}: {t.event}{suffix}")
        return "\n".join(lines)


def transition(
    *, workflow: Workflow, obj, event: str, actor, reason: str = "", organisation=None, data=None, refused_as=None
):
    """Applies `event` to `obj` (locked for the change), saves the new status and writes the audit
    event, all in one transaction. Raises TransitionRefused (or `refused_as`, the caller's own kind
    of refusal, with the same message) and changes nothing when not allowed."""
    with transaction.atomic():
        locked = type(obj).objects.select_for_update(of=("self",)).get(pk=obj.pk)
        current = getattr(locked, workflow.field_name)
        try:
            t = workflow.check(current, event, reason)
        except TransitionRefused as refusal:
            if refused_as is None:
                raise
            raise refused_as(str(refusal)) from None
        setattr(locked, workflow.field_name, t.target)
        locked.save(update_fields=[workflow.field_name])
        audit_record(
            actor=actor,
            action=f"{workflow.name}.{event}",
            subject=locked,
            from_state=current,
            to_state=t.target,
            reason=reason,
            organisation=organisation,
            data=data,
        )
    setattr(obj, workflow.field_name, t.target)
    return locked
