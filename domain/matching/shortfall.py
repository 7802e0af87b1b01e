"""Why few or no leaders can be put forward for a request, in plain words: how many leaders each
hard filter excluded, and the names of those nearest to passing it, so that a broker sees whom a
wider search would reach (filters.WIDENINGS) and which exclusions are rules it never lifts.

Each leader is counted once, under the first filter that excluded them, in the fixed order of
filters.py. Computed for every leader at once from the arrays the ranking already has: no work
per leader beyond a few names."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import filters
from .model import Request
from .ranking import LeaderIndex

# A ranking with fewer eligible leaders than this is explained.
FEW = 3
# At most this many names under each filter, the nearest to passing first.
NEAREST = 3

# The filters in the order they apply, each with the words for one leader and for several.
_WORDS = {
    filters.NO_DESIGNATION: ("holds no current designation", "hold no current designation"),
    filters.WRONG_ROLE: ("is not a {role}", "are not {roles}"),
    filters.SAME_SCHOOL: ("works at the school itself", "work at the school itself"),
    filters.SAME_TRUST: ("is from a school in the school's own trust", "are from schools in the school's own trust"),
    filters.RECENT_EMPLOYER: ("worked at the school recently", "worked at the school recently"),
    filters.DECLARED_CONFLICT: (
        "has declared a conflict of interest with the school",
        "have declared a conflict of interest with the school",
    ),
    filters.NOT_ENOUGH_DAYS: ("has fewer than {days} free{period}", "have fewer than {days} free{period}"),
    filters.NO_AFFINITY: ("was not proposed for this request", "were not proposed for this request"),
}
_ORDER_LABELS = {
    filters.NO_DESIGNATION: "no current designation",
    filters.WRONG_ROLE: "another role",
    filters.SAME_SCHOOL: "works at the school",
    filters.SAME_TRUST: "from the school's trust",
    filters.RECENT_EMPLOYER: "worked at the school recently",
    filters.DECLARED_CONFLICT: "a declared conflict of interest",
    filters.NOT_ENOUGH_DAYS: "free days",
    filters.NO_AFFINITY: "not proposed",
}
# The wider search that lifts each filter; a filter missing here is a rule, never widened.
_WIDENING_OF = {code: name for name, code in filters.WIDENINGS.items()}


def _leaders(n: int) -> str:
    return "1 leader" if n == 1 else f"{n} leaders"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _free(n: int) -> str:
    return "no free days" if n <= 0 else f"{_days(n)} free"


@dataclass(frozen=True)
class Near:
    leader_id: str
    detail: str  # what keeps them out, in words, when there is more to say ("3 days free")


@dataclass(frozen=True)
class Group:
    code: int  # the filter (filters.py); never shown
    count: int
    sentence: str  # "12 leaders have fewer than 5 days free in the spring term 2026 to 2027"
    widening: str | None  # the wider search that would reach them, or None: a rule
    nearest: tuple[Near, ...]  # the nearest to passing first

    def as_dict(self) -> dict:
        return {
            "count": self.count,
            "sentence": self.sentence,
            "widening": self.widening,
            "nearest": [{"leader": n.leader_id, "detail": n.detail} for n in self.nearest],
        }


@dataclass(frozen=True)
class Shortfall:
    request_id: str
    considered: int  # every leader the search looked at
    eligible: int
    groups: tuple[Group, ...]  # in the order the filters apply, only those that excluded someone
    order: str  # the sentence saying how leaders are counted
    widened: tuple[str, ...] = ()  # the wider searches this ranking used

    @property
    def summary(self) -> str:
        if self.considered == 0:
            return "There are no leaders to consider for this request."
        if self.eligible == 0:
            return f"None of the {_leaders(self.considered)} considered can be put forward for this request."
        only = "Only " if self.eligible < FEW else ""
        considered = _leaders(self.considered)
        return f"{only}{self.eligible} of the {considered} considered can be put forward for this request."

    @property
    def widenings(self) -> tuple[str, ...]:
        """The wider searches that would reach someone excluded now."""
        return tuple(dict.fromkeys(g.widening for g in self.groups if g.widening))

    def as_dict(self) -> dict:
        return {
            "considered": self.considered,
            "eligible": self.eligible,
            "summary": self.summary,
            "order": self.order,
            "groups": [g.as_dict() for g in self.groups],
            "widened": list(self.widened),
            "widenings": list(self.widenings),
        }


def _sentence(code: int, count: int, request: Request, period: str) -> str:
    one, several = _WORDS[code]
    role = filters.role_name(request.role)
    words = (one if count == 1 else several).format(
        role=role,
        roles=role.replace("leader", "leaders", 1),
        days=_days(request.days),
        period=f" {period}" if period else "",
    )
    if code == filters.NOT_ENOUGH_DAYS and request.days <= 1:
        words = ("has" if count == 1 else "have") + " no free days" + (f" {period}" if period else "")
    return f"{_leaders(count)} {words}"


def explain(
    index: LeaderIndex, request: Request, *, widen=(), scored=None, nearest: int = NEAREST, period: str = ""
) -> Shortfall:
    """The shortfall of the ranking of `request` with the wider searches `widen`: how many leaders
    each filter excluded, with the `nearest` closest to passing (for free days, the most days
    free; otherwise the best suited). `period` says when the free days are counted ("in the
    spring term 2026 to 2027"). `scored`: index.scores(request, widen) when the caller has it."""
    code, score = scored if scored is not None else index.scores(request, widen)
    counts = np.bincount(code, minlength=max(_WORDS) + 1) if index.size else np.zeros(max(_WORDS) + 1, dtype=int)
    positions = np.arange(index.size)
    groups = []
    for filter_code in _WORDS:
        count = int(counts[filter_code])
        if not count:
            continue
        members = np.flatnonzero(code == filter_code)
        keys = [positions[members], -score[members]]
        if filter_code == filters.NOT_ENOUGH_DAYS:
            keys.append(-index.capacity[members])
        chosen = members[np.lexsort(keys)[:nearest]]
        groups.append(
            Group(
                code=filter_code,
                count=count,
                sentence=_sentence(filter_code, count, request, period),
                widening=_WIDENING_OF.get(filter_code),
                nearest=tuple(
                    Near(
                        index.ids[i],
                        _free(int(index.capacity[i])) if filter_code == filters.NOT_ENOUGH_DAYS else "",
                    )
                    for i in chosen
                ),
            )
        )
    applying = [c for c in _WORDS if c != filters.NO_AFFINITY or index.affinities is not None]
    order = (
        "Each leader is counted once, under the first of these reasons that applies, in this order: "
        + ", ".join(_ORDER_LABELS[c] for c in applying)
        + "."
    )
    return Shortfall(
        request_id=request.id,
        considered=index.size,
        eligible=int(counts[0]),
        groups=tuple(groups),
        order=order,
        widened=tuple(sorted(set(widen))),
    )
