"""Which existing hub a row of a hubs file is (pure logic, no database).

The two published hubs files (2025: `TSH Area,name,...`; 2023: `Teaching School Hub area,...` with
the lead school's URN) name the same hubs in different layouts, and their area codes differ: the
2025 file's EE1 is the 2023 file's "EENEL1", and some codes mean another hub in each (WM10 is a
Cheshire hub in 2023, a Birmingham one in 2025). So a code identifies a hub only within the 2025
layout; across layouts a hub is known by its name, normalised (spelling: "TSH", "TS Hub", "&"),
and by the districts it serves (a hub renamed between the files keeps its districts; two hubs
with one name, such as the two Kent hubs, differ by their districts). Either file may come first,
so the matching is the same both ways."""

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

_WORDS = re.compile(r"[a-z0-9]+")
_SPELLINGS = [
    (re.compile(r"\btsh\b"), "teaching school hub"),
    (re.compile(r"\bts hub\b"), "teaching school hub"),
    (re.compile(r"\bts\b"), "teaching school"),
]


def hub_name_key(name: str) -> str:
    """ "The Leicestershire & Rutland TS Hub" -> "leicestershire and rutland teaching school hub"."""
    words = " ".join(_WORDS.findall((name or "").lower().replace("&", " and ")))
    for pattern, spelled in _SPELLINGS:
        words = pattern.sub(spelled, words)
    return words.removeprefix("the ")


def districts_key(districts: Sequence[str]) -> frozenset[str]:
    return frozenset(" ".join(_WORDS.findall(d.lower().replace("&", " and "))) for d in districts if d.strip())


@dataclass(frozen=True)
class HubKeys:
    """What identifies a hub: its 2025 code (blank when unknown), name and districts."""

    code: str
    name: str
    districts: frozenset[str]

    @classmethod
    def of(cls, *, code: str, name: str, districts: Sequence[str]) -> "HubKeys":
        return cls(code or "", hub_name_key(name), districts_key(districts))


def match_hubs(rows: Sequence[HubKeys], hubs: dict[Hashable, HubKeys]) -> dict[int, Hashable]:
    """Pairs rows (by position) with existing hubs (by their key in `hubs`), one to one. In turn:
    the same 2025 code; the same name and districts; then the same name, then the same districts,
    each only when one row and one hub are left with it. Rows left unpaired are new hubs."""
    matched: dict[int, Hashable] = {}
    taken: set = set()

    by_code = {keys.code: hub for hub, keys in hubs.items() if keys.code}
    for index, row in enumerate(rows):
        hub = by_code.get(row.code) if row.code else None
        if hub is not None and hub not in taken:
            matched[index] = hub
            taken.add(hub)

    keys = (
        lambda k: (k.name, k.districts),
        lambda k: k.name,
        lambda k: k.districts if k.districts else None,
    )
    # Again until nothing more pairs: a pair found by districts can leave a name to one row and
    # one hub (2023's "Alpha" is 2025's second "Unity" hub; the other "Unity" is then alone).
    while True:
        found = len(matched)
        for key in keys:
            _pair_unique(rows, hubs, key, matched, taken)
        if len(matched) == found:
            return matched


def _pair_unique(rows, hubs, key, matched: dict, taken: set) -> None:
    free_rows: dict = defaultdict(list)
    for index, row in enumerate(rows):
        if index not in matched and key(row):
            free_rows[key(row)].append(index)
    free_hubs: dict = defaultdict(list)
    for hub, keys in hubs.items():
        if hub not in taken and key(keys):
            free_hubs[key(keys)].append(hub)
    for value, indexes in free_rows.items():
        candidates = free_hubs.get(value, [])
        if len(indexes) == 1 and len(candidates) == 1:
            matched[indexes[0]] = candidates[0]
            taken.add(candidates[0])
