"""The transition tables of rounds, applications and reference requests."""

import pytest

from domain.recruitment.workflows import (
    APPLICATION,
    REFERENCE,
    ROUND,
    ApplicationStatus,
    ReferenceStatus,
    RoundStatus,
)
from domain.workflows.table import TransitionRefused


def test_a_round_runs_draft_open_closed_completed():
    state = ROUND.initial
    for event in ("open", "close", "complete"):
        state = ROUND.check(state, event).target
    assert state == RoundStatus.COMPLETED
    assert ROUND.allowed_events(RoundStatus.COMPLETED) == []


def test_cancelling_a_round_needs_a_reason_and_is_not_possible_once_completed():
    with pytest.raises(TransitionRefused, match="Enter a reason to cancel the round"):
        ROUND.check(RoundStatus.OPEN, "cancel", reason=" ")
    assert ROUND.check(RoundStatus.DRAFT, "cancel", reason="No need after all").target == RoundStatus.CANCELLED
    with pytest.raises(TransitionRefused, match="when it is completed"):
        ROUND.check(RoundStatus.COMPLETED, "cancel", reason="Too late")


def test_a_round_cannot_be_reopened_once_closed():
    with pytest.raises(TransitionRefused, match="You cannot open the round when it is closed to applications"):
        ROUND.check(RoundStatus.CLOSED, "open")


@pytest.mark.parametrize(
    ("path", "end"),
    [
        (["submit", "complete_references", "check_eligibility", "assess", "approve"], "approved"),
        (["submit", "complete_references", "check_eligibility", "score_paper", "assess", "approve"], "approved"),
        (
            ["submit", "complete_references", "check_eligibility", "assess", "decline", "appeal", "dismiss_appeal"],
            "appeal_dismissed",
        ),
        (
            [
                "submit",
                "complete_references",
                "check_eligibility",
                "assess",
                "decline",
                "appeal",
                "uphold_appeal",
                "approve",
            ],
            "approved",
        ),
    ],
)
def test_the_paths_of_an_application(path, end):
    state = APPLICATION.initial
    for event in path:
        state = APPLICATION.check(state, event, reason="Because").target
    assert state == end


def test_a_submitted_application_cannot_be_submitted_again_nor_skip_the_references():
    with pytest.raises(TransitionRefused, match="You cannot submit the application when it is submitted"):
        APPLICATION.check(ApplicationStatus.SUBMITTED, "submit")
    with pytest.raises(
        TransitionRefused, match="You cannot record the eligibility check when it is submitted, waiting for references"
    ):
        APPLICATION.check(ApplicationStatus.SUBMITTED, "check_eligibility")
    with pytest.raises(TransitionRefused, match="You cannot approve the application when it is eligibility checked"):
        APPLICATION.check(ApplicationStatus.ELIGIBILITY_CHECKED, "approve")


def test_declining_appealing_and_deciding_an_appeal_need_reasons():
    for state, event in [
        (ApplicationStatus.ASSESSED, "decline"),
        (ApplicationStatus.DECLINED, "appeal"),
        (ApplicationStatus.APPEALED, "uphold_appeal"),
        (ApplicationStatus.APPEALED, "dismiss_appeal"),
        (ApplicationStatus.SUBMITTED, "withdraw"),
    ]:
        with pytest.raises(TransitionRefused, match="Enter a reason"):
            APPLICATION.check(state, event)


def test_withdrawal_is_possible_until_the_panel_decides():
    allowed = {s for s in ApplicationStatus.values if "withdraw" in APPLICATION.allowed_events(s)}
    assert allowed == {"draft", "submitted", "references_complete", "eligibility_checked", "paper_scored", "assessed"}


def test_a_reference_request_is_answered_replaced_or_voided_once():
    for event, target in [("answer", "answered"), ("replace", "replaced"), ("void", "void")]:
        assert REFERENCE.check(ReferenceStatus.AWAITING, event, reason="r").target == target
    for state in ("answered", "replaced", "void"):
        assert REFERENCE.allowed_events(state) == []
