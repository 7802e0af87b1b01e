"""Small instances for the matching engine's tests, and hypothesis strategies for random ones."""

from hypothesis import strategies as st

from domain.matching.model import Instance, Leader, Request, SupportedSchool, Weights


def request(**fields) -> Request:
    defaults = {"id": "R1", "role": "sle", "days": 5}
    return Request(**(defaults | fields))


def leader(**fields) -> Leader:
    defaults = {"id": "L1", "roles": ("sle",), "capacity": 20}
    return Leader(**(defaults | fields))


def instance(requests, leaders, **fields) -> Instance:
    return Instance(tuple(requests), tuple(leaders), **fields)


ROLES = ["lle", "sle"]
SCHOOLS = ["S1", "S2", "S3", "S4", "S5"]
TRUSTS = ["T1", "T2"]
CODES = ["maths", "english", "send", "phonics"]
PHASES = ["primary", "secondary", "all_through"]
maybe = st.none


@st.composite
def supported_school(draw):
    return SupportedSchool(
        school_id=draw(st.sampled_from(SCHOOLS)),
        phase=draw(maybe() | st.sampled_from(PHASES)),
        outcome=draw(maybe() | st.integers(1, 4)),
        size=draw(maybe() | st.integers(0, 1500)),
    )


def location():
    return st.one_of(st.tuples(st.none(), st.none()), st.tuples(st.integers(0, 700000), st.integers(0, 700000)))


@st.composite
def random_leader(draw, n):
    easting, northing = draw(location())
    return Leader(
        id=f"L{n}",
        roles=tuple(draw(st.lists(st.sampled_from(ROLES), max_size=2, unique=True))),
        capacity=draw(st.integers(0, 10)),
        specialisms=tuple(draw(st.lists(st.sampled_from(CODES), max_size=3, unique=True))),
        phases=tuple(draw(st.lists(st.sampled_from(PHASES), max_size=2, unique=True))),
        easting=easting,
        northing=northing,
        school_id=draw(maybe() | st.sampled_from(SCHOOLS)),
        trust_id=draw(maybe() | st.sampled_from(TRUSTS)),
        organisation_id=draw(maybe() | st.sampled_from(["TSA1", "TSA2"])),
        recent_employers=tuple(draw(st.lists(st.sampled_from(SCHOOLS), max_size=2, unique=True))),
        experience=tuple(draw(st.lists(supported_school(), max_size=3))),
        feedback=draw(maybe() | st.floats(0, 1)),
        load=draw(st.integers(0, 40)),
    )


@st.composite
def random_request(draw, n, leader_ids):
    easting, northing = draw(location())
    return Request(
        id=f"R{n}",
        role=draw(st.sampled_from(ROLES)),
        days=draw(st.integers(0, 8)),
        needs=tuple(draw(st.lists(st.sampled_from(CODES), max_size=3))),
        phase=draw(maybe() | st.sampled_from(PHASES)),
        easting=easting,
        northing=northing,
        school_id=draw(maybe() | st.sampled_from(SCHOOLS)),
        trust_id=draw(maybe() | st.sampled_from(TRUSTS)),
        outcome=draw(maybe() | st.integers(1, 4)),
        size=draw(maybe() | st.integers(0, 1500)),
        conflicts=tuple(draw(st.lists(st.sampled_from(leader_ids), max_size=2, unique=True))) if leader_ids else (),
    )


@st.composite
def random_instance(draw, max_requests=4, max_leaders=4, affinities=None):
    """A random instance; with affinities=True, explicit affinities for a random subset of pairs."""
    leaders = [draw(random_leader(n)) for n in range(draw(st.integers(1, max_leaders)))]
    ids = [x.id for x in leaders]
    requests = [draw(random_request(n, ids)) for n in range(draw(st.integers(1, max_requests)))]
    given = None
    if affinities if affinities is not None else draw(st.booleans()):
        given = {}
        for r in requests:
            for x in leaders:
                if draw(st.booleans()):
                    given[r.id, x.id] = draw(st.floats(0, 1))
    weights = draw(
        st.one_of(
            st.just(Weights()),
            st.builds(
                Weights,
                needs=st.floats(0.01, 1),
                phase=st.floats(0, 1),
                distance=st.floats(0, 1),
                experience=st.floats(0, 1),
                feedback=st.floats(0, 1),
                spread=st.floats(0, 1),
            ),
        )
    )
    return Instance(tuple(requests), tuple(leaders), weights, given, draw(maybe() | st.sampled_from(["TSA1", "TSA2"])))
