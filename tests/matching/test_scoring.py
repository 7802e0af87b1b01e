import math

import pytest

from domain.matching.model import SupportedSchool, Weights
from domain.matching.scoring import (
    breakdown,
    candidate,
    distance_fit,
    experience_fit,
    feedback_fit,
    needs_fit,
    phase_fit,
    similarity,
    spread_fit,
)

from .builders import instance, leader, request


def test_needs_fit_is_the_share_of_needs_covered_and_names_them():
    fit = needs_fit(request(needs=("maths", "send", "phonics")), leader(specialisms=("maths", "phonics", "art")))
    assert fit.value == pytest.approx(2 / 3)
    assert fit.reason == "Covers 2 of 3 needs: Maths, Phonics; not Special educational needs"


def test_needs_fit_none_covered_and_no_needs_given():
    assert needs_fit(request(needs=("maths",)), leader(specialisms=("art",))).value == 0
    assert needs_fit(request(needs=()), leader()).value == 0.5


def test_a_need_listed_twice_counts_once():
    assert needs_fit(request(needs=("maths", "maths", "send")), leader(specialisms=("maths",))).value == 0.5


@pytest.mark.parametrize(
    ("client", "phases", "value"),
    [
        ("primary", ("primary",), 1.0),
        ("primary", ("secondary",), 0.0),
        ("secondary", ("all_through",), 1.0),
        ("special", ("all_through",), 0.0),
        (None, ("primary",), 0.5),
        ("primary", (), 0.5),
    ],
)
def test_phase_fit(client, phases, value):
    assert phase_fit(request(phase=client), leader(phases=phases)).value == value


def test_distance_halves_every_half_distance():
    weights = Weights(distance_half_km=20)
    near = distance_fit(request(easting=400000, northing=400000), leader(easting=400000, northing=400000), weights)
    far = distance_fit(request(easting=400000, northing=400000), leader(easting=412000, northing=416000), weights)
    assert near.value == 1.0
    assert far.value == pytest.approx(0.5)
    assert far.reason == "20.0 km from the client school"


def test_a_missing_location_is_neutral_and_says_whose():
    weights = Weights()
    fit = distance_fit(request(), leader(easting=1, northing=1), weights)
    assert (fit.value, fit.reason) == (0.5, "Distance not known: the client's location is missing")
    fit = distance_fit(request(easting=1, northing=1), leader(), weights)
    assert fit.reason == "Distance not known: the leader's location is missing"


def test_similarity_of_a_supported_school():
    client = request(phase="secondary", outcome=3, size=900)
    assert similarity(client, SupportedSchool("S1", "secondary", 3, 900)) == 1.0
    assert similarity(client, SupportedSchool("S1", "primary", 1, 300)) == pytest.approx((0 + 1 / 3 + 1 / 3) / 3)
    assert similarity(client, SupportedSchool("S1")) == 0.5


def test_experience_takes_the_most_similar_school():
    client = request(phase="secondary", outcome=4, size=1000)
    fit = experience_fit(
        client,
        leader(experience=(SupportedSchool("S1", "primary", 1, 200), SupportedSchool("S2", "secondary", 4, 800))),
    )
    assert fit.value == pytest.approx((1 + 1 + 0.8) / 3)
    assert fit.reason == "Supported 2 schools; the most similar: secondary, inadequate, 800 pupils"
    assert experience_fit(client, leader()).value == 0


def test_feedback_and_spread():
    assert feedback_fit(leader(feedback=0.8)).value == 0.8
    assert feedback_fit(leader(feedback=None)).value == 0.5
    assert spread_fit(leader(load=0), Weights()).value == 1.0
    assert spread_fit(leader(load=15), Weights(spread_days=30)).value == 0.5
    assert spread_fit(leader(load=45), Weights(spread_days=30)).value == 0.0


def test_the_breakdown_adds_up_to_the_score_with_a_reason_for_each_factor():
    weights = Weights(needs=3, phase=1, distance=1, experience=1, feedback=2, spread=2)
    score, factors = breakdown(
        request(needs=("maths",), phase="primary"),
        leader(specialisms=("maths",), phases=("secondary",), feedback=1.0, load=0),
        weights,
    )
    assert [f.name for f in factors] == ["needs", "phase", "distance", "experience", "feedback", "spread"]
    assert math.fsum(f.contribution for f in factors) == pytest.approx(score)
    assert all(f.reason for f in factors)
    # needs 3*1, phase 0, distance 0.5 (no locations), experience 0, feedback 2*1, spread 2*1, out of 10
    assert score == pytest.approx((3 + 0 + 0.5 + 0 + 2 + 2) / 10)
    assert 0 <= score <= 1


def test_weights_change_the_order():
    r = request(needs=("maths",), easting=400000, northing=400000)
    specialist_far = leader(id="A", specialisms=("maths",), easting=500000, northing=400000)
    generalist_near = leader(id="B", easting=400000, northing=400000)
    for weights, first in [(Weights(needs=1, distance=0.1), "A"), (Weights(needs=0.1, distance=1), "B")]:
        meeting = instance([r], [specialist_far, generalist_near], weights=weights)
        scores = {x.id: candidate(r, x, meeting).score for x in meeting.leaders}
        assert max(scores, key=scores.get) == first


def test_a_candidate_carries_its_breakdown_and_flags_or_its_exclusion():
    r = request()
    meeting = instance(
        [r], [leader(organisation_id="TSA2"), leader(id="L2", capacity=0)], brokering_organisation="TSA1"
    )
    chosen, excluded = (candidate(r, x, meeting) for x in meeting.leaders)
    assert len(chosen.factors) == 6 and chosen.flags and chosen.excluded is None
    assert excluded.excluded == "Not enough free days: 0 free, 5 needed"
    assert excluded.as_dict() == {"leader": "L2", "excluded": "Not enough free days: 0 free, 5 needed"}


def test_an_affinity_replaces_the_features():
    r, x = request(), leader()
    result = candidate(r, x, instance([r], [x], affinities={("R1", "L1"): 0.42}))
    assert result.score == 0.42
    assert [(f.name, f.value) for f in result.factors] == [("affinity", 0.42)]
