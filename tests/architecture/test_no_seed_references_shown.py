"""Nothing a person sees names a seed document ("seed 000", "§26"): the rules' sources stay in code
comments and docstrings (the guide; issue 15). This scans every string in the service's Python code
that could reach a page or an e-mail: refusals, warnings, hints and labels. Two kinds of string are
for developers and are left out: a workflow's `description` (the generated diagrams in docs/) and a
competency's `source` (where the grid's wording comes from; never shown)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_REFERENCE = re.compile(r"\bseed ?\d{3}\b|§", re.IGNORECASE)
# Calls whose string arguments are for developers: {function name: keyword arguments, or "*" for all}.
FOR_DEVELOPERS = {"Workflow": {"description"}, "Competency": "*"}


def _docstrings(tree) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _for_developers(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        which = FOR_DEVELOPERS.get(name)
        if which is None:
            continue
        values = [*node.args, *(k.value for k in node.keywords)] if which == "*" else []
        values += [k.value for k in node.keywords if which != "*" and k.arg in which]
        found |= {id(n) for value in values for n in ast.walk(value)}
    return found


def seed_references_shown(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    skipped = _docstrings(tree) | _for_developers(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and SEED_REFERENCE.search(node.value)
    ]


def test_the_scan_finds_a_seed_reference_in_a_message_and_not_in_a_comment_or_docstring():
    source = '''
"""Module docstring (seed 000)."""
def refuse():
    """Seed 004 §26."""
    # seed 000
    raise ValueError("A leader associates with one alliance at a time (seed 000)")
ROUND = Workflow(name="x", description="seed 000 says")
NOTE = "see §3"
'''
    assert sorted(line for line, _ in seed_references_shown(source)) == [6, 8]


def test_no_string_a_person_may_see_names_a_seed():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:100]!r}"
        for folder in ("domain", "web")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for line, text in seed_references_shown(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "Move the seed reference into a comment:\n" + "\n".join(found)


def test_no_template_shows_a_seed_reference_outside_a_comment():
    comment = re.compile(r"\{#.*?#\}", re.DOTALL)
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)!r}"
        for path in sorted((ROOT / "web" / "templates").rglob("*.html"))
        for match in SEED_REFERENCE.finditer(comment.sub("", path.read_text(encoding="utf-8")))
    ]
    assert found == [], "Move the seed reference into a {# comment #}:\n" + "\n".join(found)
