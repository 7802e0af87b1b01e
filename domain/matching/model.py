"""The matching engine's instance: requests, leaders, weights and (optionally) explicit affinities.

Plain frozen dataclasses, read from a JSON document by `parse_instance`. Bad input raises
`InstanceError` with one sentence saying what is wrong and where; nothing is half-read. The format
is described in docs/matching.md."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field, fields


class InstanceError(ValueError):
    """The instance cannot be used; the message says why, in one line."""


@dataclass(frozen=True)
class SupportedSchool:
    """A school a leader has supported before, for "experience of similar schools"."""

    school_id: str | None = None
    phase: str | None = None
    outcome: int | None = None  # Ofsted overall effectiveness 1 (outstanding) to 4; None when ungraded
    size: int | None = None  # number of pupils


@dataclass(frozen=True)
class Request:
    id: str
    role: str  # the designation sought: "lle", "sle", "nle", "nlg"
    days: int  # days of support needed
    needs: tuple[str, ...] = ()  # specialism codes (domain/designation/specialisms.py)
    phase: str | None = None  # the client's phase
    window_start: str | None = None  # ISO dates
    window_end: str | None = None
    easting: float | None = None  # the client's location, British National Grid metres
    northing: float | None = None
    school_id: str | None = None  # the client school
    trust_id: str | None = None
    outcome: int | None = None  # the client's Ofsted overall effectiveness, 1 to 4, if it has one
    size: int | None = None  # the client's number of pupils
    conflicts: tuple[str, ...] = ()  # leader ids declared in conflict with this client
    preferred_organisation: str | None = None  # the TSA the client chose to broker, if any


@dataclass(frozen=True)
class Leader:
    id: str
    roles: tuple[str, ...]  # current designations only; none means the leader cannot be matched
    capacity: int  # free days in the window
    specialisms: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    easting: float | None = None
    northing: float | None = None
    school_id: str | None = None
    trust_id: str | None = None
    organisation_id: str | None = None  # the TSA or grouping the leader is associated with
    recent_employers: tuple[str, ...] = ()  # school ids
    experience: tuple[SupportedSchool, ...] = ()
    feedback: float | None = None  # 0 to 1, from clients' evaluations; None when there is none yet
    load: int = 0  # days already committed, for a fair spread of work


@dataclass(frozen=True)
class Weights:
    """How much each factor counts. Any non-negative numbers: the score divides by their sum, so
    it stays between 0 and 1. A region keeps its own and puts them in the instance."""

    needs: float = 0.30
    phase: float = 0.15
    distance: float = 0.20
    experience: float = 0.15
    feedback: float = 0.10
    spread: float = 0.10
    distance_half_km: float = 20.0  # the distance factor halves every this many kilometres
    spread_days: float = 30.0  # a leader with this many days already committed scores 0 for spread

    FACTORS = ("needs", "phase", "distance", "experience", "feedback", "spread")

    def factor_weights(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in self.FACTORS}

    @property
    def total(self) -> float:
        return sum(self.factor_weights().values())


@dataclass(frozen=True)
class Instance:
    requests: tuple[Request, ...]
    leaders: tuple[Leader, ...]
    weights: Weights = field(default_factory=Weights)
    # {(request id, leader id): score in 0..1}. When given, they replace the features: a pair's score
    # is its affinity, and a pair without one is not a candidate. The hard filters still apply.
    affinities: dict[tuple[str, str], float] | None = None
    brokering_organisation: str | None = None  # the TSA whose panel meets

    def request(self, request_id: str) -> Request:
        for request in self.requests:
            if request.id == request_id:
                return request
        raise InstanceError(f"there is no request with id {request_id!r}")

    def brokering_for(self, request: Request) -> str | None:
        """The TSA brokering this request: the one the client chose, otherwise the meeting's."""
        return request.preferred_organisation or self.brokering_organisation


# Reading JSON ------------------------------------------------------------------------------------


def load_instance(path: str) -> Instance:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as error:
        raise InstanceError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InstanceError(f"cannot read {path}: it is not UTF-8 text") from None
    return parse_instance_text(text)


def parse_instance_text(text: str) -> Instance:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"the instance is not valid JSON: {error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise InstanceError("the instance is not valid JSON: nested too deeply") from None
    return parse_instance(document)


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(value, where: str, *, optional=False) -> str | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise InstanceError(f"{where} must be a non-empty string")
    return str(value)


def _texts(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InstanceError(f"{where} must be a list")
    return tuple(_text(item, f"{where}[{n}]") for n, item in enumerate(value))


def _number(value, where: str, *, optional=False, minimum=None, maximum=None, integer=False):
    if value is None and optional:
        return None
    if not _is_number(value) or (integer and not float(value).is_integer()):
        raise InstanceError(f"{where} must be {'a whole number' if integer else 'a number'}")
    if minimum is not None and value < minimum:
        word = "negative" if minimum == 0 else f"less than {minimum}"
        raise InstanceError(f"{where} must not be {word} (it is {value})")
    if maximum is not None and value > maximum:
        raise InstanceError(f"{where} must be at most {maximum} (it is {value})")
    return int(value) if integer else float(value)


def _date(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InstanceError(f"{where} must be an ISO date such as 2027-01-04")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise InstanceError(f"{where} must be an ISO date such as 2027-01-04 (it is {value!r})") from None
    return value


def _object(value, where: str) -> dict:
    if not isinstance(value, dict):
        raise InstanceError(f"{where} must be a JSON object")
    return value


def _required(record: dict, key: str, where: str):
    if key not in record or record[key] is None:
        raise InstanceError(f"{where} has no {key!r}, which is required")
    return record[key]


def _experience(value, where: str) -> tuple[SupportedSchool, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InstanceError(f"{where} must be a list")
    schools = []
    for n, item in enumerate(value):
        at = f"{where}[{n}]"
        item = _object(item, at)
        schools.append(
            SupportedSchool(
                school_id=_text(item.get("school"), f"{at}.school", optional=True),
                phase=_text(item.get("phase"), f"{at}.phase", optional=True),
                outcome=_number(
                    item.get("outcome"), f"{at}.outcome", optional=True, minimum=1, maximum=4, integer=True
                ),
                size=_number(item.get("size"), f"{at}.size", optional=True, minimum=0, integer=True),
            )
        )
    return tuple(schools)


def _location(record: dict, where: str) -> tuple[float | None, float | None]:
    easting = _number(record.get("easting"), f"{where}.easting", optional=True, minimum=0)
    northing = _number(record.get("northing"), f"{where}.northing", optional=True, minimum=0)
    if (easting is None) != (northing is None):
        raise InstanceError(f"{where} gives only one of easting and northing: give both or neither")
    return easting, northing


def _request(record, n: int) -> Request:
    where = f"requests[{n}]"
    record = _object(record, where)
    identifier = _text(_required(record, "id", where), f"{where}.id")
    where = f"request {identifier}"
    easting, northing = _location(record, where)
    start, end = (
        _date(record.get("window_start"), f"{where}.window_start"),
        _date(record.get("window_end"), f"{where}.window_end"),
    )
    if start and end and start > end:
        raise InstanceError(f"{where} has a window that ends ({end}) before it starts ({start})")
    return Request(
        id=identifier,
        role=_text(_required(record, "role", where), f"{where}.role"),
        days=_number(_required(record, "days", where), f"{where}.days", minimum=0, integer=True),
        needs=_texts(record.get("needs"), f"{where}.needs"),
        phase=_text(record.get("phase"), f"{where}.phase", optional=True),
        window_start=start,
        window_end=end,
        easting=easting,
        northing=northing,
        school_id=_text(record.get("school"), f"{where}.school", optional=True),
        trust_id=_text(record.get("trust"), f"{where}.trust", optional=True),
        outcome=_number(record.get("outcome"), f"{where}.outcome", optional=True, minimum=1, maximum=4, integer=True),
        size=_number(record.get("size"), f"{where}.size", optional=True, minimum=0, integer=True),
        conflicts=_texts(record.get("conflicts"), f"{where}.conflicts"),
        preferred_organisation=_text(
            record.get("preferred_organisation"), f"{where}.preferred_organisation", optional=True
        ),
    )


def _leader(record, n: int) -> Leader:
    where = f"leaders[{n}]"
    record = _object(record, where)
    identifier = _text(_required(record, "id", where), f"{where}.id")
    where = f"leader {identifier}"
    easting, northing = _location(record, where)
    roles = _required(record, "roles", where)
    return Leader(
        id=identifier,
        roles=_texts(roles, f"{where}.roles"),
        capacity=_number(_required(record, "free_days", where), f"{where}.free_days", minimum=0, integer=True),
        specialisms=_texts(record.get("specialisms"), f"{where}.specialisms"),
        phases=_texts(record.get("phases"), f"{where}.phases"),
        easting=easting,
        northing=northing,
        school_id=_text(record.get("school"), f"{where}.school", optional=True),
        trust_id=_text(record.get("trust"), f"{where}.trust", optional=True),
        organisation_id=_text(record.get("organisation"), f"{where}.organisation", optional=True),
        recent_employers=_texts(record.get("recent_employers"), f"{where}.recent_employers"),
        experience=_experience(record.get("experience"), f"{where}.experience"),
        feedback=_number(record.get("feedback"), f"{where}.feedback", optional=True, minimum=0, maximum=1),
        load=_number(record.get("load", 0), f"{where}.load", minimum=0, integer=True),
    )


def _weights(record) -> Weights:
    if record is None:
        return Weights()
    record = _object(record, "weights")
    known = {f.name for f in fields(Weights)}
    unknown = sorted(set(record) - known)
    if unknown:
        raise InstanceError(f"weights has an unknown factor {unknown[0]!r}; the factors are {', '.join(sorted(known))}")
    values = {key: _number(value, f"weights.{key}", minimum=0) for key, value in record.items()}
    weights = Weights(**values)
    if weights.total <= 0:
        raise InstanceError("weights must not all be zero")
    if weights.distance_half_km <= 0 or weights.spread_days <= 0:
        raise InstanceError("weights.distance_half_km and weights.spread_days must be more than 0")
    return weights


def _unique(ids: list[str], kind: str) -> None:
    seen = set()
    for identifier in ids:
        if identifier in seen:
            raise InstanceError(f"two {kind}s have the id {identifier!r}")
        seen.add(identifier)


def parse_instance(document) -> Instance:
    """An `Instance` from a decoded JSON document, or `InstanceError` saying what is wrong."""
    document = _object(document, "the instance")
    known = {"requests", "leaders", "weights", "affinities", "brokering_organisation"}
    unknown = sorted(set(document) - known)
    if unknown:
        raise InstanceError(f"the instance has an unknown field {unknown[0]!r}")
    for key in ("requests", "leaders"):
        if not isinstance(_required(document, key, "the instance"), list):
            raise InstanceError(f"the instance's {key!r} must be a list")
    requests = tuple(_request(record, n) for n, record in enumerate(document["requests"]))
    leaders = tuple(_leader(record, n) for n, record in enumerate(document["leaders"]))
    _unique([r.id for r in requests], "request")
    _unique([leader.id for leader in leaders], "leader")
    leader_ids = {leader.id for leader in leaders}
    request_ids = {r.id for r in requests}
    for request in requests:
        for leader_id in request.conflicts:
            if leader_id not in leader_ids:
                raise InstanceError(f"request {request.id} declares a conflict with unknown leader {leader_id!r}")
    affinities = None
    if document.get("affinities") is not None:
        if not isinstance(document["affinities"], list):
            raise InstanceError("the instance's 'affinities' must be a list")
        affinities = {}
        for n, item in enumerate(document["affinities"]):
            at = f"affinities[{n}]"
            item = _object(item, at)
            request_id = _text(_required(item, "request", at), f"{at}.request")
            leader_id = _text(_required(item, "leader", at), f"{at}.leader")
            if request_id not in request_ids:
                raise InstanceError(f"{at} names unknown request {request_id!r}")
            if leader_id not in leader_ids:
                raise InstanceError(f"{at} names unknown leader {leader_id!r}")
            if (request_id, leader_id) in affinities:
                raise InstanceError(f"{at} repeats the pair ({request_id!r}, {leader_id!r})")
            affinities[request_id, leader_id] = _number(
                _required(item, "score", at), f"{at}.score", minimum=0, maximum=1
            )
    return Instance(
        requests=requests,
        leaders=leaders,
        weights=_weights(document.get("weights")),
        affinities=affinities,
        brokering_organisation=_text(document.get("brokering_organisation"), "brokering_organisation", optional=True),
    )


def instance_to_dict(instance: Instance) -> dict:
    """The JSON document for an instance (the inverse of `parse_instance`)."""

    def drop_empty(record: dict) -> dict:
        return {key: value for key, value in record.items() if value not in (None, ())}

    document = {
        "brokering_organisation": instance.brokering_organisation,
        "weights": {f.name: getattr(instance.weights, f.name) for f in fields(Weights)},
        "requests": [
            drop_empty(
                {
                    "id": r.id,
                    "role": r.role,
                    "days": r.days,
                    "needs": list(r.needs),
                    "phase": r.phase,
                    "window_start": r.window_start,
                    "window_end": r.window_end,
                    "easting": r.easting,
                    "northing": r.northing,
                    "school": r.school_id,
                    "trust": r.trust_id,
                    "outcome": r.outcome,
                    "size": r.size,
                    "conflicts": list(r.conflicts),
                    "preferred_organisation": r.preferred_organisation,
                }
            )
            for r in instance.requests
        ],
        "leaders": [
            drop_empty(
                {
                    "id": leader.id,
                    "roles": list(leader.roles),
                    "free_days": leader.capacity,
                    "specialisms": list(leader.specialisms),
                    "phases": list(leader.phases),
                    "easting": leader.easting,
                    "northing": leader.northing,
                    "school": leader.school_id,
                    "trust": leader.trust_id,
                    "organisation": leader.organisation_id,
                    "recent_employers": list(leader.recent_employers),
                    "experience": [
                        drop_empty({"school": s.school_id, "phase": s.phase, "outcome": s.outcome, "size": s.size})
                        for s in leader.experience
                    ],
                    "feedback": leader.feedback,
                    "load": leader.load,
                }
            )
            for leader in instance.leaders
        ],
    }
    if instance.affinities is not None:
        document["affinities"] = [
            {"request": r, "leader": leader, "score": score} for (r, leader), score in instance.affinities.items()
        ]
    if document["brokering_organisation"] is None:
        del document["brokering_organisation"]
    return document
