import pytest

from domain.matching import filters
from domain.matching.filters import check, flags

from .builders import instance, leader, request


def test_an_eligible_pair_passes():
    assert check(request(), leader()) is None


@pytest.mark.parametrize(
    ("leader_fields", "request_fields", "code", "reason"),
    [
        ({"roles": ()}, {}, filters.NO_DESIGNATION, "Holds no current designation"),
        ({"roles": ("lle",)}, {}, filters.WRONG_ROLE, "Is not a specialist leader of education"),
        (
            {"school_id": "S1"},
            {"school_id": "S1"},
            filters.SAME_SCHOOL,
            "Conflict of interest: works at the client school",
        ),
        (
            {"trust_id": "T1"},
            {"trust_id": "T1"},
            filters.SAME_TRUST,
            "Conflict of interest: their school is in the client's trust",
        ),
        (
            {"recent_employers": ("S9", "S1")},
            {"school_id": "S1"},
            filters.RECENT_EMPLOYER,
            "Conflict of interest: recently worked at the client school",
        ),
        ({}, {"conflicts": ("L1",)}, filters.DECLARED_CONFLICT, "Conflict of interest: declared for this request"),
        ({"capacity": 4}, {"days": 5}, filters.NOT_ENOUGH_DAYS, "Not enough free days: 4 free, 5 needed"),
    ],
)
def test_each_filter_excludes_with_its_reason(leader_fields, request_fields, code, reason):
    exclusion = check(request(**request_fields), leader(**leader_fields))
    assert exclusion is not None
    assert (exclusion.code, exclusion.reason) == (code, reason)


def test_missing_school_and_trust_are_not_conflicts():
    assert check(request(school_id=None, trust_id=None), leader(school_id=None, trust_id=None)) is None


def test_exactly_enough_days_is_enough():
    assert check(request(days=5), leader(capacity=5)) is None


def test_the_first_filter_broken_is_the_reason():
    exclusion = check(request(school_id="S1", days=9), leader(roles=("lle",), school_id="S1", capacity=1))
    assert exclusion.code == filters.WRONG_ROLE


def test_a_pair_without_an_affinity_is_excluded_when_affinities_are_given():
    r, x = request(), leader()
    assert check(r, x, instance([r], [x], affinities={})).code == filters.NO_AFFINITY
    assert check(r, x, instance([r], [x], affinities={("R1", "L1"): 0.3})) is None


def test_a_leader_of_another_alliance_is_flagged_not_excluded():
    r, x = request(), leader(organisation_id="TSA2")
    meeting = instance([r], [x], brokering_organisation="TSA1")
    assert check(r, x, meeting) is None
    assert flags(r, x, meeting) == ("Needs the agreement of TSA2, the alliance the leader is associated with",)


def test_the_alliance_the_client_chose_brokers_its_request():
    r, x = request(preferred_organisation="TSA2"), leader(organisation_id="TSA2")
    assert flags(r, x, instance([r], [x], brokering_organisation="TSA1")) == ()


def test_a_leader_of_the_brokering_alliance_has_no_flag():
    r, x = request(), leader(organisation_id="TSA1")
    assert flags(r, x, instance([r], [x], brokering_organisation="TSA1")) == ()


def test_an_unassociated_leader_is_flagged():
    r, x = request(), leader(organisation_id=None)
    (flag,) = flags(r, x, instance([r], [x], brokering_organisation="TSA1"))
    assert flag.startswith("Not associated with a teaching school alliance")
