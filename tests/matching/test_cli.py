import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from domain.matching.cli import main

ROOT = Path(__file__).resolve().parents[2]

INSTANCE = {
    "brokering_organisation": "TSA1",
    "requests": [
        {"id": "R1", "role": "sle", "days": 5, "needs": ["maths"], "phase": "secondary", "school": "S1"},
        {"id": "R2", "role": "lle", "days": 3, "phase": "primary", "conflicts": ["L3"]},
    ],
    "leaders": [
        {"id": "L1", "roles": ["sle"], "free_days": 5, "specialisms": ["maths"], "organisation": "TSA1"},
        {"id": "L2", "roles": ["sle", "lle"], "free_days": 10, "phases": ["primary"], "organisation": "TSA2"},
        {"id": "L3", "roles": ["lle"], "free_days": 10, "school": "S1"},
    ],
}


def write(tmp_path, document, name="instance.json") -> str:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    return str(path)


def run(argv):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(argv, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_solve_prints_the_assignments_as_json(tmp_path):
    code, out, err = run(["solve", write(tmp_path, INSTANCE), "--time-limit", "5"])
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert {(a["request"], a["leader"]) for a in report["assignments"]} == {("R1", "L1"), ("R2", "L2")}
    assert report["unassigned"] == []
    assert report["solver"] == "cp-sat" and report["gap"] == 0 and report["status"] == "OPTIMAL"
    assert report["objective"] > 0


def test_solve_greedy_only(tmp_path):
    code, out, _ = run(["solve", write(tmp_path, INSTANCE), "--greedy"])
    report = json.loads(out)
    assert code == 0 and report["solver"] == "greedy" and report["status"] == "GREEDY"
    assert report["gap"] == 0  # proven by the relaxation, without the solver


def test_rank_prints_candidates_with_breakdowns(tmp_path):
    code, out, err = run(["rank", write(tmp_path, INSTANCE), "R2"])
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert [c["leader"] for c in report["candidates"]] == ["L2"]
    assert [f["name"] for f in report["candidates"][0]["factors"]][:2] == ["needs", "phase"]
    assert report["candidates"][0]["flags"] == [
        "Needs the agreement of TSA2, the alliance the leader is associated with"
    ]
    assert {c["leader"]: c["excluded"] for c in report["excluded"]} == {
        "L1": "Is not a local leader of education",
        "L3": "Conflict of interest: declared for this request",
    }


def test_the_module_runs_from_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "domain.matching", "solve", write(tmp_path, INSTANCE), "--time-limit", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["assignments"]) == 2


def with_change(change):
    document = json.loads(json.dumps(INSTANCE))
    change(document)
    return document


BAD = {
    "malformed JSON": ('{"requests": [', "error: the instance is not valid JSON: Expecting value at line 1"),
    "not an object": ("[1, 2]", "error: the instance must be a JSON object"),
    "no leaders": (
        with_change(lambda d: d.pop("leaders")),
        "error: the instance has no 'leaders', which is required",
    ),
    "request without days": (
        with_change(lambda d: d["requests"][0].pop("days")),
        "error: request R1 has no 'days', which is required",
    ),
    "negative days": (
        with_change(lambda d: d["requests"][1].update(days=-2)),
        "error: request R2.days must not be negative (it is -2)",
    ),
    "negative free days": (
        with_change(lambda d: d["leaders"][0].update(free_days=-1)),
        "error: leader L1.free_days must not be negative (it is -1)",
    ),
    "fractional days": (
        with_change(lambda d: d["requests"][0].update(days=2.5)),
        "error: request R1.days must be a whole number",
    ),
    "unknown leader in conflicts": (
        with_change(lambda d: d["requests"][1].update(conflicts=["L9"])),
        "error: request R2 declares a conflict with unknown leader 'L9'",
    ),
    "unknown leader in affinities": (
        with_change(lambda d: d.update(affinities=[{"request": "R1", "leader": "L9", "score": 0.5}])),
        "error: affinities[0] names unknown leader 'L9'",
    ),
    "unknown request in affinities": (
        with_change(lambda d: d.update(affinities=[{"request": "R7", "leader": "L1", "score": 0.5}])),
        "error: affinities[0] names unknown request 'R7'",
    ),
    "affinity out of range": (
        with_change(lambda d: d.update(affinities=[{"request": "R1", "leader": "L1", "score": 1.5}])),
        "error: affinities[0].score must be at most 1 (it is 1.5)",
    ),
    "duplicate leader": (
        with_change(lambda d: d["leaders"].append(d["leaders"][0])),
        "error: two leaders have the id 'L1'",
    ),
    "leader without roles": (
        with_change(lambda d: d["leaders"][2].pop("roles")),
        "error: leader L3 has no 'roles', which is required",
    ),
    "window backwards": (
        with_change(lambda d: d["requests"][0].update(window_start="2027-03-01", window_end="2027-01-01")),
        "error: request R1 has a window that ends (2027-01-01) before it starts (2027-03-01)",
    ),
    "bad date": (
        with_change(lambda d: d["requests"][0].update(window_start="next week")),
        "error: request R1.window_start must be an ISO date such as 2027-01-04 (it is 'next week')",
    ),
    "unknown weight": (with_change(lambda d: d.update(weights={"charm": 1})), "error: weights has an unknown factor"),
    "one coordinate": (
        with_change(lambda d: d["leaders"][0].update(easting=400000)),
        "error: leader L1 gives only one of easting and northing: give both or neither",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["solve", "rank"])
def test_bad_input_gets_one_error_line_and_exit_code_2(tmp_path, case, command):
    document, message = BAD[case]
    argv = [command, write(tmp_path, document)] + (["R1"] if command == "rank" else [])
    code, out, err = run(argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(message)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "/no/such/file.json"], "error: cannot read /no/such/file.json"),
        (["rank", "{instance}", "R9"], "error: there is no request with id 'R9'"),
        (["solve", "{instance}", "--time-limit", "-1"], "error: argument --time-limit: '-1' must be more than 0"),
        (["solve"], "error: the following arguments are required: instance"),
        (["match", "{instance}"], "error: argument command: invalid choice"),
    ],
)
def test_bad_command_lines_get_one_error_line_and_exit_code_2(tmp_path, argv, message):
    path = write(tmp_path, INSTANCE)
    code, out, err = run([part.replace("{instance}", path) for part in argv])
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(message)


def test_a_file_that_is_not_text_exits_2(tmp_path):
    path = tmp_path / "instance.json"
    path.write_bytes(b"\xff\xfe{")
    code, out, err = run(["solve", str(path)])
    assert (code, out, err) == (2, "", f"error: cannot read {path}: it is not UTF-8 text\n")


def test_bad_input_from_the_command_line_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "domain.matching", "solve", write(tmp_path, "{oops")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: the instance is not valid JSON") and result.stderr.count("\n") == 1
