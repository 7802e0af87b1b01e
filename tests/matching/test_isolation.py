"""The matching engine is a plain Python package, usable without the web application."""

import os
import subprocess
import sys
from pathlib import Path

import domain.matching

PACKAGE = Path(domain.matching.__file__).parent
ROOT = PACKAGE.parents[1]


def test_no_source_file_mentions_the_framework():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 7
    offenders = [str(path.relative_to(ROOT)) for path in files if "django" in path.read_text().lower()]
    assert offenders == []


def test_it_imports_and_runs_with_the_framework_unconfigured():
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    script = (
        "import sys\n"
        "import domain.matching\n"
        "from domain.matching.cli import main\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert loaded == [], loaded\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
