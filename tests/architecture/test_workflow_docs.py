"""Each workflow's generated diagram in docs/workflows/ matches its transition table."""

import pytest

from domain.workflows.diagrams import expected_files
from domain.workflows.table import Transition, TransitionRefused, Workflow


def test_workflow_docs_are_current():
    expected = expected_files()
    assert expected, "no workflow was found"
    for path, text in expected.items():
        assert path.exists(), f"{path.name} is missing: run `make diagrams`"
        assert path.read_text() == text, f"{path.name} is out of date: run `make diagrams`"


def test_a_table_naming_an_unknown_state_is_refused():
    from domain.accounts.workflows import MembershipStatus

    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            name="test.broken",
            states=MembershipStatus,
            initial="active",
            transitions=(Transition("go", ("active",), "nowhere", "Go"),),
        )


def test_check_explains_a_refusal():
    from domain.accounts.workflows import MEMBERSHIP

    with pytest.raises(TransitionRefused, match="You cannot reinstate the role when it is active"):
        MEMBERSHIP.check("active", "reinstate")
    with pytest.raises(TransitionRefused, match="Enter a reason to end the role"):
        MEMBERSHIP.check("active", "end", reason="  ")
    assert MEMBERSHIP.check("suspended", "end", reason="Left the alliance").target == "ended"
    assert MEMBERSHIP.allowed_events("ended") == []
