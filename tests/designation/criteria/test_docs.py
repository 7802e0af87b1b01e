"""docs/eligibility.md stays true: its worked example gives the results its table shows."""

import json
import re
from pathlib import Path

from domain.designation.criteria import MET, evaluate, facts_from_dict, get_set, load_sets

FILE_SETS = load_sets()  # the JSON files: the engine's fixtures (stored versions start from them)

DOC = Path(__file__).resolve().parents[3] / "docs" / "eligibility.md"
RESULTS = {"met": "met", "met (does not apply)": "met", "not met": "not_met", "needs evidence": "needs_evidence"}


def example():
    blocks = re.findall(r"```json\n(.*?)```", DOC.read_text(), re.S)
    return facts_from_dict(json.loads(next(b for b in blocks if '"as_of"' in b)))


def documented_rows():
    section = DOC.read_text().split("### The worked example")[1].split("Overall:")[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| (.+) \|$", section, re.M)
    assert len(rows) >= 6
    return rows


def test_the_worked_example_gives_the_documented_results():
    evaluation = evaluate(get_set("yh-lle", FILE_SETS), example())
    by_id = {c.id: c for g in evaluation.groups for c in g.criteria}
    for criterion_id, result, reason in documented_rows():
        got = by_id[criterion_id]
        assert got.result == RESULTS[result.strip()], criterion_id
        assert got.reason.startswith(reason.strip().removesuffix("...")), (criterion_id, got.reason)
    assert evaluation.result == "needs_evidence"


def test_the_worked_example_meets_the_turnaround_route_as_documented():
    evaluation = evaluate(get_set("national-nle", FILE_SETS), example())
    assert evaluation.result == MET
    assert evaluation.reason == "Eligible by 1 route: Turnaround head"
    assert "are **met** by the turnaround head route" in DOC.read_text()
