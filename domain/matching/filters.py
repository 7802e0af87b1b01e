"""Hard filters: whether a leader may be put forward for a request at all, and if not, why.

A pair is excluded by the first rule it breaks, in this order:

1. the leader holds no current designation;
2. the leader does not hold the role sought;
3. a conflict of interest: the leader's own school is the client, the leader's school is in the
   client's trust, the leader recently worked at the client school, or a conflict was declared;
4. the leader has fewer free days in the window than the request needs;
5. (instances with explicit affinities only) no affinity was given for the pair.

A person may choose a wider search (`WIDENINGS`) that lifts the free-days filter only: a leader
with fewer free days is then put forward, flagged as having to offer more days before accepting
(the days committed still never exceed the days offered: accepting checks them). Designation,
role and conflicts of interest are rules and are never widened.

Leaders associated with another TSA than the one brokering the request are NOT excluded: seed 000
gives each leader's associated TSA the brokering of their deployments, so they are shown with that
TSA and flagged as needing its agreement. Leaders with no association are flagged too."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Instance, Leader, Request

# Exclusion codes, in the order the filters apply (the vectorised ranking uses the same numbers).
NO_DESIGNATION = 1
WRONG_ROLE = 2
SAME_SCHOOL = 3
SAME_TRUST = 4
RECENT_EMPLOYER = 5
DECLARED_CONFLICT = 6
NOT_ENOUGH_DAYS = 7
NO_AFFINITY = 8

# The wider searches a person may choose, by name, and the filter each one lifts.
FEWER_DAYS = "fewer_days"
WIDENINGS = {FEWER_DAYS: NOT_ENOUGH_DAYS}
# Each wider search in words a person reads.
WIDENING_WORDS = {FEWER_DAYS: "also leaders with fewer free days than the request needs"}


def search_words(widen) -> str:
    """The search, in words: "the usual search" or "a wider search: also leaders with ..."."""
    chosen = [WIDENING_WORDS[name] for name in sorted(set(widen))]
    return "a wider search: " + "; ".join(chosen) if chosen else "the usual search"


def lifted(widen) -> frozenset[int]:
    """The filter codes a set of widenings lifts; ValueError for a name that is not a widening."""
    unknown = sorted(set(widen) - set(WIDENINGS))
    if unknown:
        raise ValueError(f"{unknown[0]!r} is not a wider search; the wider searches are {', '.join(WIDENINGS)}")
    return frozenset(WIDENINGS[name] for name in widen)


ROLE_NAMES = {
    "lle": "local leader of education",
    "sle": "specialist leader of education",
    "nle": "national leader of education",
    "nlg": "national leader of governance",
}


def role_name(role: str) -> str:
    return ROLE_NAMES.get(role, role)


@dataclass(frozen=True)
class Exclusion:
    code: int
    reason: str


def exclusion_reason(code: int, request: Request, leader: Leader) -> str:
    if code == NO_DESIGNATION:
        return "Holds no current designation"
    if code == WRONG_ROLE:
        return f"Is not a {role_name(request.role)}"
    if code == SAME_SCHOOL:
        return "Conflict of interest: works at the client school"
    if code == SAME_TRUST:
        return "Conflict of interest: their school is in the client's trust"
    if code == RECENT_EMPLOYER:
        return "Conflict of interest: recently worked at the client school"
    if code == DECLARED_CONFLICT:
        return "Conflict of interest: declared for this request"
    if code == NOT_ENOUGH_DAYS:
        return f"Not enough free days: {leader.capacity} free, {request.days} needed"
    if code == NO_AFFINITY:
        return "No affinity given for this pair in the instance"
    raise ValueError(code)


def exclusion_code(request: Request, leader: Leader, instance: Instance | None = None, widen=()) -> int:
    """0 when the pair passes every hard filter (but those `widen` lifts), otherwise the code of
    the first one it fails."""
    lifted_codes = lifted(widen)
    if not leader.roles:
        return NO_DESIGNATION
    if request.role not in leader.roles:
        return WRONG_ROLE
    if request.school_id is not None and leader.school_id == request.school_id:
        return SAME_SCHOOL
    if request.trust_id is not None and leader.trust_id == request.trust_id:
        return SAME_TRUST
    if request.school_id is not None and request.school_id in leader.recent_employers:
        return RECENT_EMPLOYER
    if leader.id in request.conflicts:
        return DECLARED_CONFLICT
    if leader.capacity < request.days and NOT_ENOUGH_DAYS not in lifted_codes:
        return NOT_ENOUGH_DAYS
    if instance is not None and instance.affinities is not None and (request.id, leader.id) not in instance.affinities:
        return NO_AFFINITY
    return 0


def check(request: Request, leader: Leader, instance: Instance | None = None, widen=()) -> Exclusion | None:
    """None when the leader may be put forward for the request, else the exclusion and its reason."""
    code = exclusion_code(request, leader, instance, widen)
    return Exclusion(code, exclusion_reason(code, request, leader)) if code else None


def flags(request: Request, leader: Leader, instance: Instance | None = None) -> tuple[str, ...]:
    """Warnings that do not exclude: who else must agree before the leader can be deployed, and
    (in a wider search) a leader who must offer more days first."""
    brokering = instance.brokering_for(request) if instance is not None else request.preferred_organisation
    found = []
    if leader.capacity < request.days:
        free = "no free days" if leader.capacity == 0 else f"{_days(leader.capacity)} free"
        found.append(f"Has {free}, {_days(request.days)} needed: must offer more days before accepting")
    if leader.organisation_id is None:
        found.append("Not associated with a teaching school alliance: agree the deployment with the leader's school")
    elif brokering is not None and leader.organisation_id != brokering:
        found.append(f"Needs the agreement of {leader.organisation_id}, the alliance the leader is associated with")
    return tuple(found)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"
