"""The designation's transition table (seed 004 §22-26), without the database."""

import pytest

from domain.designation.workflows import DESIGNATION, ENDED_STATES, DesignationStatus
from domain.workflows.table import REGISTRY, TransitionRefused

S = DesignationStatus


def test_the_table_is_registered_and_starts_active():
    assert REGISTRY["designation.designation"] is DESIGNATION
    assert DESIGNATION.initial == S.ACTIVE


@pytest.mark.parametrize(
    ("state", "events"),
    [
        (S.ACTIVE, ["suspend", "de_designate", "lapse", "redesignate"]),
        (S.SUSPENDED, ["reinstate", "de_designate", "lapse"]),
        (S.LAPSED, ["redesignate"]),
        (S.DE_DESIGNATED, ["restore"]),  # an upheld appeal against a review's decision
        (S.REDESIGNATED, []),
    ],
)
def test_allowed_steps_from_each_state(state, events):
    assert DESIGNATION.allowed_events(state) == events


def test_ended_states_allow_nothing_but_a_lapsed_one_can_be_redesignated():
    assert {S.DE_DESIGNATED, S.LAPSED, S.REDESIGNATED} == ENDED_STATES
    assert DESIGNATION.check(S.LAPSED, "redesignate", reason="Review: strong 360 feedback").target == S.REDESIGNATED


@pytest.mark.parametrize(
    ("state", "event", "message"),
    [
        (S.SUSPENDED, "suspend", "You cannot suspend the designation when it is suspended"),
        (S.ACTIVE, "reinstate", "You cannot reinstate the designation when it is active"),
        (S.DE_DESIGNATED, "reinstate", "You cannot reinstate the designation when it is de-designated"),
        (S.LAPSED, "de_designate", "You cannot de-designate the leader when it is lapsed"),
        (S.SUSPENDED, "redesignate", "You cannot re-designate the leader when it is suspended"),
        (S.REDESIGNATED, "lapse", "You cannot lapse the designation when it is re-designated"),
    ],
)
def test_refusals_say_why(state, event, message):
    with pytest.raises(TransitionRefused, match=message):
        DESIGNATION.check(state, event, reason="a reason")


@pytest.mark.parametrize("event", ["suspend", "de_designate", "redesignate"])
def test_these_steps_need_a_reason(event):
    with pytest.raises(TransitionRefused, match="Enter a reason to"):
        DESIGNATION.check(S.ACTIVE, event, reason="   ")


def test_reinstating_and_lapsing_need_no_reason():
    assert DESIGNATION.check(S.SUSPENDED, "reinstate").target == S.ACTIVE
    assert DESIGNATION.check(S.SUSPENDED, "lapse").target == S.LAPSED
