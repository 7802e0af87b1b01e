"""The example in docs/matching.md is a valid instance and does what the page says."""

import re
from pathlib import Path

from domain.matching import LeaderIndex, Weights, parse_instance_text, rank, solve

DOC = Path(__file__).resolve().parents[2] / "docs" / "matching.md"


def example():
    (block,) = re.findall(r"```json\n(.*?)```", DOC.read_text(), flags=re.S)
    return parse_instance_text(block)


def test_the_documented_example_is_valid_and_solves():
    meeting = example()
    ranking = rank(LeaderIndex(meeting), meeting.request("R1"))
    assert [c.leader_id for c in ranking.candidates] == ["L1", "L2"]
    assert ranking.excluded_by_reason == {
        "no current designation": 1,
        "not the role sought": 1,
        "conflict: declared": 1,
    }
    solution = solve(meeting)
    assert {(a.request_id, a.leader_id) for a in solution.assignments} == {("R1", "L1"), ("R2", "L2")}
    assert solution.status == "OPTIMAL"


def test_the_documented_default_weights_are_the_code_defaults():
    text = DOC.read_text()
    for name, weight in Weights().factor_weights().items():
        assert f"| `{name}` | {weight:.2f} |" in text
