"""docs/data-protection.md holds the retention table exactly as the code's table renders it, so the
two never drift apart (regenerate it with `python -m domain.audit.retention`)."""

from pathlib import Path

from domain.audit.retention import RULES, TABLE_END, TABLE_START, markdown_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-protection.md"


def documented_table() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(TABLE_START)
    end = text.index(TABLE_END, start) + len(TABLE_END)
    return text[start:end]


def test_the_documents_retention_table_is_the_codes():
    assert documented_table() == markdown_table(), "regenerate it: python -m domain.audit.retention"


def test_the_markdown_table_has_a_row_for_every_rule():
    rows = markdown_table().splitlines()[3:-1]
    assert len(rows) == len(RULES)
    for rule, row in zip(RULES, rows, strict=True):
        assert row.startswith(f"| {rule.record} | {rule.period} | ")


def test_the_deployment_guide_runs_the_task_every_day():
    guide = (DOC.parent / "deployment.md").read_text(encoding="utf-8")
    assert "manage.py apply_retention --enqueue" in guide
