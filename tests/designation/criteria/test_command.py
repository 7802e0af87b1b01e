"""manage.py eligibility: the result of each criterion as JSON; one clear line for bad input."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from .builders import changed, declare, lle_base, nle_base


def run(*args) -> str:
    out = io.StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def facts_file(tmp_path):
    def write(data, name="facts.json"):
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data))
        return str(path)

    return write


def test_prints_each_criterion_result_as_json(facts_file):
    printed = json.loads(run(facts_file(changed(lle_base(), declare("stay_two_years", None))), "--criteria", "yh-lle"))
    assert (printed["set_id"], printed["version"], printed["role"], printed["region"]) == ("yh-lle", 1, "LLE", "YH")
    assert printed["result"] == "needs_evidence"
    leader = {c["id"]: c for c in printed["groups"][0]["criteria"]}
    assert leader["stay_two_years"]["result"] == "needs_evidence"
    assert leader["stay_two_years"]["reason"] == "Not yet declared by the applicant"
    assert leader["years_as_head"] == {
        "id": "years_as_head",
        "text": (
            "have at least 3 years of experience as a serving headteacher "
            "(including any period as acting head or head of school)"
        ),
        "check": "data",
        "result": "met",
        "reason": "4 years 2 months as a serving head — at least 3 years needed",
        "source": "seed 000, Criteria",
        "applies": True,
        "by_exception": "",
    }


def test_a_version_can_be_named(facts_file):
    printed = json.loads(run(facts_file(nle_base()), "--criteria", "national-nle@1"))
    assert printed["outcome"] == "any"
    assert [g["id"] for g in printed["groups"]] == ["turnaround_head", "beacon_of_excellence", "transformative_mat_ceo"]
    assert printed["result"] == "met"


def test_lists_the_sets():
    lines = run("--list").splitlines()
    assert "yh-lle@1\tpublished\tLLE\tYH\tLocal leader of education, Yorkshire and the Humber" in lines
    assert any(line.startswith("national-sle@1\tdraft\tSLE\tnational") for line in lines)
    assert len(lines) == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "facts.json: not valid JSON (line 1"),
        ([], "facts.json: facts: expected an object {...}, got list"),
        ({}, "facts.json: as_of: give the date"),
        ({"as_of": "22/11/2026"}, "facts.json: as_of: '22/11/2026' is not a date like 2024-09-01"),
        (
            {
                "as_of": "2026-11-22",
                "schools": [{"urn": 1, "inspections": [{"date": "2024-01-01", "overall_grade": "great"}]}],
            },
            "facts.json: schools[0].inspections[0].overall_grade: 'great' is not an Ofsted grade",
        ),
        (
            {
                "as_of": "2026-11-22",
                "schools": [
                    {"urn": 1, "inspections": [{"date": "2025-01-01", "kind": "ungraded", "overall_grade": 2}]}
                ],
            },
            "an inspection of kind 'ungraded' gives no overall grade",
        ),
        (
            {"as_of": "2026-11-22", "declarations": {"stay_two_years": "yes"}},
            "declarations.stay_two_years: expected true or false",
        ),
        (
            {"as_of": "2026-11-22", "judgements": {"capacity_to_support": {"result": "maybe"}}},
            "judgements.capacity_to_support.result: 'maybe'",
        ),
        (
            {
                "as_of": "2026-11-22",
                "person": {"posts": [{"role": "headteacher", "start": "2024-01-01", "end": "2023-01-01"}]},
            },
            "person.posts[0]: ends (2023-01-01) before it starts (2024-01-01)",
        ),
        ({"as_of": "2026-11-22", "current_school_urn": 5}, "current_school_urn: no school with URN 5 in schools"),
    ],
)
def test_a_bad_facts_file_fails_with_one_clear_line(facts_file, content, message):
    with pytest.raises(CommandError, match=re.escape(message)) as refused:
        run(facts_file(content), "--criteria", "yh-lle")
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_an_unknown_set_or_missing_file_fails_clearly(facts_file, tmp_path):
    with pytest.raises(CommandError, match=r"^No criteria set 'zz-lle'; known sets: "):
        run(facts_file(lle_base()), "--criteria", "zz-lle")
    with pytest.raises(CommandError, match=r"missing.json: no such facts file$"):
        run(str(tmp_path / "missing.json"), "--criteria", "yh-lle")
    with pytest.raises(CommandError, match=r"^Give a facts file and --criteria"):
        run(facts_file(lle_base()))


def test_the_command_exits_non_zero_from_the_shell(facts_file):
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "manage.py", "eligibility", facts_file("{"), "--criteria", "yh-lle"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode != 0
    assert "not valid JSON" in done.stderr
    assert done.stdout == ""
