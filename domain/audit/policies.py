"""Who may read which object's timeline of changes (DESIGN.md, invariants: "Nobody sees or
changes another organisation's private records"; "Every change of state is recorded").

A regional representative reads the timeline of any object in their region; a TSA or hub
coordinator reads the timelines of their own organisation and its memberships; nobody else reads
one (the page answers 404, as for any record the person may not see). The technical admin
(superuser) reads every timeline.

Each kind of object that has a readable timeline is registered here with two functions: the
regions it belongs to and the organisations whose private record it is. Apps add their own kinds
with `register_timeline_subject` (e.g. in their AppConfig.ready)."""

from collections.abc import Callable
from dataclasses import dataclass

from domain.accounts.policies import can_read_timeline
from domain.accounts.roles import Role
from domain.accounts.selectors import active_memberships_for, organisation_ids_of

from .services import subject_type_of


def _no_ids(obj) -> set[int]:
    return set()


@dataclass(frozen=True)
class TimelineSubject:
    region_ids: Callable[[object], set[int]]
    organisation_ids: Callable[[object], set[int]] = _no_ids
    # What the selector fetches with the object, so the scope costs no further queries.
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()


TIMELINE_SUBJECTS: dict[str, TimelineSubject] = {}


def register_timeline_subject(
    subject_type: str,
    *,
    region_ids: Callable[[object], set[int]],
    organisation_ids: Callable[[object], set[int]] = _no_ids,
    select_related: tuple[str, ...] = (),
    prefetch_related: tuple[str, ...] = (),
) -> None:
    """Makes objects of `subject_type` ("app_label.model_name") readable on a timeline."""
    TIMELINE_SUBJECTS[subject_type] = TimelineSubject(region_ids, organisation_ids, select_related, prefetch_related)


def present_ids(*ids) -> set[int]:
    return {i for i in ids if i is not None}


register_timeline_subject(
    "organisations.organisation",
    region_ids=lambda organisation: present_ids(organisation.region_id),
    organisation_ids=lambda organisation: {organisation.pk},
)
register_timeline_subject(
    "accounts.membership",
    region_ids=lambda membership: present_ids(membership.organisation.region_id),
    organisation_ids=lambda membership: {membership.organisation_id},
    select_related=("organisation",),
)
register_timeline_subject(
    # A person belongs to the regions of the organisations where they hold an active role.
    "accounts.user",
    region_ids=lambda user: present_ids(*(m.organisation.region_id for m in user.memberships.all() if m.is_active)),
    prefetch_related=("memberships__organisation",),
)
register_timeline_subject("schools.school", region_ids=lambda school: present_ids(school.region_id))


def timeline_regions_of(user) -> set[int]:
    """The regions where the person is a regional representative."""
    return present_ids(
        *(m.organisation.region_id for m in active_memberships_for(user) if m.role == Role.REGIONAL_REPRESENTATIVE)
    )


def can_read_timeline_of(user, subject) -> bool:
    """May the person read this object's timeline? No further queries once the object is fetched
    through `domain.audit.selectors.timeline_subject_for`."""
    if subject is None or not can_read_timeline(user):
        return False
    if user.is_superuser:
        return True
    scope = TIMELINE_SUBJECTS.get(subject_type_of(subject))
    if scope is None:
        return False
    if timeline_regions_of(user) & scope.region_ids(subject):
        return True
    return bool(organisation_ids_of(user, Role.TSA_COORDINATOR) & scope.organisation_ids(subject))
