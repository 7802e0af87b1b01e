"""Assessment grids are data, like criteria sets: the competencies assessors score on the
assessment day (seed 000, Application and selection: "TSC will provide a set of competencies and a
regional application form / assessment grid"; seed 004 §16 for the NLE standards). This module
parses and validates a grid's document; a malformed grid is refused naming the bad entry."""

import json
from dataclasses import dataclass
from pathlib import Path

from .sets import ID_PATTERN, CriteriaSetError

GRIDS_DIR = Path(__file__).resolve().parents[1] / "criteria_sets" / "grids"
KEY_MAX = 60


@dataclass(frozen=True)
class Competency:
    key: str
    title: str
    source: str = ""


@dataclass(frozen=True)
class Grid:
    id: str
    version: int
    role: str  # a role code ("NLE"), or "" for every role without a grid of its own
    region: str
    title: str
    competencies: tuple[Competency, ...]
    source: str = ""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def _need(condition, where: str, message: str):
    if not condition:
        raise CriteriaSetError(f"{where}: {message}")


def parse_grid(raw, file: str = "<grid>") -> Grid:
    """A Grid from its JSON form; CriteriaSetError names the file and the bad entry."""
    _need(isinstance(raw, dict), file, "an assessment grid is a JSON object {...}")
    grid_id = raw.get("id")
    _need(isinstance(grid_id, str) and ID_PATTERN.match(grid_id), f"{file}.id", f"{grid_id!r} is not an id")
    version = raw.get("version")
    _need(
        isinstance(version, int) and not isinstance(version, bool) and version >= 1,
        f"{file}: version",
        f"{version!r} is not a whole number from 1",
    )
    for key in ("title", "region"):
        value = raw.get(key)
        _need(isinstance(value, str) and value.strip(), f"{file}: {key}", "give a non-empty text")
    role = raw.get("role", "")
    _need(isinstance(role, str), f"{file}: role", "give a role code, or an empty text for every role")
    listed = raw.get("competencies")
    _need(isinstance(listed, list) and listed, f"{file}: competencies", "give at least one competency")
    competencies, seen = [], set()
    for n, item in enumerate(listed):
        where = f"{file}: competencies[{n}]"
        _need(isinstance(item, dict), where, "expected an object {...}")
        key = item.get("key")
        _need(
            isinstance(key, str) and ID_PATTERN.match(key) and len(key) <= KEY_MAX,
            f"{where}.key",
            f"{key!r} is not a key (lower case letters, digits, - and _)",
        )
        _need(key not in seen, f"{where}.key", f"the key {key!r} is used twice in this grid")
        seen.add(key)
        title = item.get("title")
        _need(isinstance(title, str) and title.strip(), f"{where} ({key!r}).title", "give a non-empty text")
        source = item.get("source", "")
        _need(isinstance(source, str), f"{where} ({key!r}).source", "give a text")
        competencies.append(Competency(key=key, title=title, source=source))
    return Grid(
        id=grid_id,
        version=version,
        role=role,
        region=raw["region"],
        title=raw["title"],
        competencies=tuple(competencies),
        source=raw.get("source", "") if isinstance(raw.get("source", ""), str) else "",
    )


def load_grids(directory: Path = GRIDS_DIR) -> list[Grid]:
    """Every grid file in the folder, validated (the seed of migration 0003 and test fixtures)."""
    return [
        parse_grid(json.loads(p.read_text(encoding="utf-8")), file=p.name) for p in sorted(directory.glob("*.json"))
    ]
