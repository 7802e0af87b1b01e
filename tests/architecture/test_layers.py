"""The layout holds: domain code never imports web code (docs/adr/0002-layout.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_never_imports_web():
    offenders = []
    files = sorted((ROOT / "domain").rglob("*.py"))
    assert len(files) > 20, "the domain package was not found"
    for path in files:
        for module in imported_modules(path):
            if module == "web" or module.startswith("web.") or module.startswith("config.urls"):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


def test_the_import_check_sees_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import web.common.policy\nfrom web.public import views\nfrom domain.audit import services\n")
    assert {"web.common.policy", "web.public", "domain.audit"} <= imported_modules(sample)
