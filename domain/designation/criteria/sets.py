"""Criteria sets are data, one version of a set per role and region. Since issue 14 the versions
are the region's own, stored in the database (criteria_models.CriteriaVersion: drafted, agreed by
the regional board, put in force); the JSON files in domain/designation/criteria_sets/ are the seed
of migration 0003 and the fixtures of the engine's tests (`load_sets`). Every version, stored or on
file, is validated by `parse_set`: a malformed set is refused with one message naming where it is
and the bad entry. The format is in docs/eligibility.md."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .rules import RULES, ParamError

SETS_DIR = Path(__file__).resolve().parents[1] / "criteria_sets"
STATUSES = ("published", "draft")
CHECKS = ("data", "declaration", "judgement")
OUTCOMES = ("all", "any")
SUBJECTS = ("person", "school")
APPLIES_IF = ("sixth_form_college",)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class CriteriaSetError(ValueError):
    """A criteria set file is malformed, or a set asked for is not there."""


@dataclass(frozen=True)
class CriterionException:
    """An exception that can make a criterion met when its own check is not (seed 004 footnotes)."""

    id: str
    text: str
    evidence: str = ""
    source: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    check: str  # data | declaration | judgement
    source: str = ""
    rule: str = ""  # data checks: a name in rules.RULES
    params: dict = field(default_factory=dict)
    declaration: str = ""  # declaration checks: the key in facts.declarations
    evidence: str = ""  # judgement checks: what the assessor looks for
    applies_if: str = ""  # e.g. "sixth_form_college": otherwise the criterion does not apply
    exception: CriterionException | None = None


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    subject: str  # person | school (the current school)
    criteria: tuple[Criterion, ...]
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    version: int
    status: str
    role: str
    region: str
    title: str
    outcome: str  # all: every group must be met; any: one group (an NLE route) is enough
    groups: tuple[Group, ...]
    description: str = ""
    source: str = ""
    file: str = ""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)


def _need(condition: bool, where: str, message: str):
    if not condition:
        raise CriteriaSetError(f"{where}: {message}")


def _text(raw: dict, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "" if not required else None)
    _need(isinstance(value, str) and (value.strip() or not required), f"{where}.{key}", "give a non-empty text")
    return value


def _id(raw: dict, where: str) -> str:
    value = raw.get("id")
    _need(
        isinstance(value, str) and bool(ID_PATTERN.match(value)),
        f"{where}.id",
        f"{value!r} is not an id (lower case letters, digits, - and _)",
    )
    return value


def identity(raw: dict, file: str) -> tuple[str, int]:
    """The id and version of a stored document (a set, or an application form), validated."""
    found = _id(raw, file)
    version = raw.get("version")
    _need(
        isinstance(version, int) and not isinstance(version, bool) and version >= 1,
        f"{file}: version",
        f"{version!r} is not a whole number from 1",
    )
    return found, version


def _criterion(raw, where: str, group_ids: set[str]) -> Criterion:
    _need(isinstance(raw, dict), where, "expected an object {...}")
    cid = _id(raw, where)
    where = f"{where} ({cid!r})"
    check = raw.get("check")
    _need(check in CHECKS, f"{where}.check", f"{check!r} is not one of {', '.join(CHECKS)}")
    params = raw.get("params", {})
    _need(isinstance(params, dict), f"{where}.params", "expected an object {...}")
    rule = raw.get("rule", "")
    if check == "data":
        _need(rule in RULES, f"{where}.rule", f"unknown rule {rule!r}; known rules: {', '.join(sorted(RULES))}")
        try:
            RULES[rule].validate(params)
        except ParamError as error:
            raise CriteriaSetError(f"{where}: {error}") from None
        if rule == "accountable_school_meets_group":
            _need(params["group"] in group_ids, f"{where}.params.group", f"no group {params['group']!r} in this set")
    else:
        _need(not rule, f"{where}.rule", f"only data checks name a rule, this is a {check} check")
    applies_if = raw.get("applies_if", "")
    _need(applies_if in ("", *APPLIES_IF), f"{where}.applies_if", f"{applies_if!r} is not one of {APPLIES_IF}")
    exception = None
    if "exception" in raw:
        ex = raw["exception"]
        _need(isinstance(ex, dict), f"{where}.exception", "expected an object {...}")
        exception = CriterionException(
            id=_id(ex, f"{where}.exception"),
            text=_text(ex, "text", f"{where}.exception"),
            evidence=_text(ex, "evidence", f"{where}.exception", required=False),
            source=_text(ex, "source", f"{where}.exception", required=False),
        )
    return Criterion(
        id=cid,
        text=_text(raw, "text", where),
        check=check,
        source=_text(raw, "source", where, required=False),
        rule=rule,
        params=params,
        declaration=raw.get("declaration", cid) if check == "declaration" else "",
        evidence=_text(raw, "evidence", where, required=False),
        applies_if=applies_if,
        exception=exception,
    )


def parse_set(raw, file: str = "<set>") -> CriteriaSet:
    """A CriteriaSet from its JSON form; CriteriaSetError names the file and the bad entry."""
    _need(isinstance(raw, dict), file, "a criteria set is a JSON object {...}")
    set_id, version = identity(raw, file)
    status = raw.get("status")
    _need(status in STATUSES, f"{file}: status", f"{status!r} is not one of {', '.join(STATUSES)}")
    outcome = raw.get("outcome", "all")
    _need(outcome in OUTCOMES, f"{file}: outcome", f"{outcome!r} is not one of {', '.join(OUTCOMES)}")
    groups_raw = raw.get("groups")
    _need(isinstance(groups_raw, list) and groups_raw, f"{file}: groups", "give at least one group of criteria")
    group_ids = {g.get("id") for g in groups_raw if isinstance(g, dict)}
    groups, seen = [], set()
    for n, graw in enumerate(groups_raw):
        where = f"{file}: groups[{n}]"
        _need(isinstance(graw, dict), where, "expected an object {...}")
        gid = _id(graw, where)
        where = f"{where} ({gid!r})"
        subject = graw.get("subject", "person")
        _need(subject in SUBJECTS, f"{where}.subject", f"{subject!r} is not one of {', '.join(SUBJECTS)}")
        craw = graw.get("criteria")
        _need(isinstance(craw, list) and craw, f"{where}.criteria", "give at least one criterion")
        criteria = tuple(_criterion(c, f"{where}.criteria[{i}]", group_ids) for i, c in enumerate(craw))
        for ident in (gid, *(c.id for c in criteria), *(c.exception.id for c in criteria if c.exception)):
            _need(ident not in seen, where, f"the id {ident!r} is used twice in this set")
            seen.add(ident)
        groups.append(
            Group(
                id=gid,
                title=_text(graw, "title", where),
                subject=subject,
                criteria=criteria,
                description=_text(graw, "description", where, required=False),
                source=_text(graw, "source", where, required=False),
            )
        )
    for group in groups:
        for c in group.criteria:
            target = c.params.get("group") if c.rule == "accountable_school_meets_group" else None
            if target is not None:
                _need(
                    next(g for g in groups if g.id == target).subject == "school",
                    f"{file}: {c.id}.params.group",
                    f'group {target!r} must have subject "school"',
                )
    region = raw.get("region")
    _need(isinstance(region, str) and region.strip(), f"{file}: region", 'give a region code like "YH" or "national"')
    return CriteriaSet(
        id=set_id,
        version=version,
        status=status,
        role=_text(raw, "role", file),
        region=region,
        title=_text(raw, "title", file),
        outcome=outcome,
        groups=tuple(groups),
        description=_text(raw, "description", file, required=False),
        source=_text(raw, "source", file, required=False),
        file=file,
    )


def load_sets(directory: Path = SETS_DIR) -> list[CriteriaSet]:
    """Every set in the folder, validated; the first malformed file stops the load."""
    sets, refs = [], {}
    for path in sorted(Path(directory).glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise CriteriaSetError(f"{path.name}: not valid JSON (line {error.lineno}: {error.msg})") from None
        criteria_set = parse_set(raw, file=path.name)
        if criteria_set.ref in refs:
            raise CriteriaSetError(f"{path.name}: {criteria_set.ref} is also in {refs[criteria_set.ref]}")
        refs[criteria_set.ref] = path.name
        sets.append(criteria_set)
    return sorted(sets, key=lambda s: (s.region, s.role, s.id, s.version))


def stored_set(row) -> CriteriaSet:
    """The CriteriaSet of a stored version (a CriteriaVersion row), validated; its status is the
    row's: "draft" until the board agrees it, "published" once agreed."""
    from domain.designation.criteria_models import CriteriaStatus

    status = "draft" if row.status == CriteriaStatus.DRAFT else "published"
    return parse_set({**row.document, "status": status}, file=f"{row.set_id} version {row.version}")


def _stored_rows():
    from domain.designation.criteria_models import CriteriaKind, CriteriaVersion

    return CriteriaVersion.objects.filter(kind=CriteriaKind.SET)


def _get_stored(ref: str) -> CriteriaSet:
    """A stored set by "ID@VERSION", or by "ID": the version in force, else the latest agreed,
    else the latest draft."""
    from domain.designation.criteria_models import CriteriaStatus

    set_id, _, version = ref.partition("@")
    rows = _stored_rows().filter(set_id=set_id)
    if version:
        row = rows.filter(version=int(version)).first() if version.isdigit() else None
        if row is None:
            versions = ", ".join(str(v) for v in rows.values_list("version", flat=True))
            if not versions:
                known = ", ".join(sorted(set(_stored_rows().values_list("set_id", flat=True)))) or "none"
                raise CriteriaSetError(f"No criteria set {set_id!r}; known sets: {known}")
            raise CriteriaSetError(f"No version {version!r} of criteria set {set_id!r}; versions: {versions}")
        return stored_set(row)
    found = list(rows.order_by("-version"))
    if not found:
        known = ", ".join(sorted(set(_stored_rows().values_list("set_id", flat=True)))) or "none"
        raise CriteriaSetError(f"No criteria set {set_id!r}; known sets: {known}")
    for wanted in (CriteriaStatus.IN_FORCE, CriteriaStatus.AGREED):
        match = [r for r in found if r.status == wanted]
        if match:
            return stored_set(match[0])
    return stored_set(found[0])


def get_set(ref: str, sets: list[CriteriaSet] | None = None) -> CriteriaSet:
    """A set by "ID" or "ID@VERSION". Given `sets` (say the files, `load_sets()`): without a
    version, the latest published version, or the latest draft when none is published. Without
    `sets`: the stored versions (`_get_stored`)."""
    if sets is None:
        return _get_stored(ref)
    set_id, _, version = ref.partition("@")
    found = [s for s in sets if s.id == set_id]
    if not found:
        known = ", ".join(sorted({s.id for s in sets})) or "none"
        raise CriteriaSetError(f"No criteria set {set_id!r}; known sets: {known}")
    if version:
        match = [s for s in found if str(s.version) == version]
        if not match:
            versions = ", ".join(str(s.version) for s in found)
            raise CriteriaSetError(f"No version {version!r} of criteria set {set_id!r}; versions: {versions}")
        return match[0]
    published = [s for s in found if s.status == "published"]
    return max(published or found, key=lambda s: s.version)


def in_force_ref(set_id: str) -> str | None:
    """The ref ("ID@VERSION") of the stored version of `set_id` in force, or None."""
    from domain.designation.criteria_models import CriteriaStatus

    version = _stored_rows().filter(set_id=set_id, status=CriteriaStatus.IN_FORCE).values_list("version", flat=True)
    version = version.first()
    return f"{set_id}@{version}" if version is not None else None


def set_label(ref: str, sets: list[CriteriaSet] | None = None) -> str:
    """A set as a person reads it: its title and version ("Local leader of education, Yorkshire and
    the Humber (version 1)"), never its code. A set no longer on file is "a criteria set no longer
    in use"."""
    try:
        found = get_set(ref, sets)
    except (CriteriaSetError, ValueError):
        return "A criteria set no longer in use"
    return f"{found.title} (version {found.version})"


def set_choices(regions=None) -> list[tuple[str, str]]:
    """The stored versions a round may use, as (code, label): those agreed by the regional board
    or in force, of the given region codes and the national sets (all regions when None); in
    force first, an agreed version not yet in force marked so. Seed 000, Criteria: the region
    sets the criteria applicants must meet."""
    from domain.designation.criteria_models import CriteriaKind
    from domain.designation.criteria_selectors import version_choices

    return version_choices(CriteriaKind.SET, regions)
