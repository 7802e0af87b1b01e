"""CI's check that a test step really tested what it should (scripts/check-test-report, called by
.ci/run with the step's label), on small JUnit reports made for each case, and on one written by
pytest itself. The PostgreSQL step fails if it skipped a PostgreSQL-only test (the race tests, backup
and restore) or passed no browser test (CI runs them there only); the SQLite step fails if it passed
no test of the URL x role matrix (CI runs it there only); any step fails if it skipped a test of the
real data while the data is there."""

import ast
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from tests.concurrency import POSTGRESQL_ONLY, POSTGRESQL_ONLY_REASON, SQLITE_ONLY_REASON
from tests.importers.helpers import REAL_DATA_MISSING_REASON, SHARED_DATA

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check-test-report"
CI_RUN = ROOT / ".ci" / "run"


def load_script():
    loader = importlib.machinery.SourceFileLoader("check_test_report", str(SCRIPT))
    spec = importlib.util.spec_from_loader("check_test_report", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    loader.exec_module(module)
    return module


report = load_script()

BROWSER_PASSED = ("tests.browser.test_signing_out", "test_signing_out", None)
MATRIX_PASSED = ("tests.architecture.test_url_matrix_post", "test_others_posting_are_refused[x]", None)
# A report in which each step's own group passed (the browser tests, the matrix).
OWN_GROUPS = (BROWSER_PASSED, MATRIX_PASSED)
PLAIN_PASSED = ("tests.accounts.test_sign_in", "test_sign_in", None)
RACE_SKIPPED = (
    "tests.leaders.test_concurrency",
    "test_two_coordinators_race",
    ("skipped", f"{POSTGRESQL_ONLY_REASON} needs its concurrent transactions"),
)
BACKUP_SKIPPED = (
    "tests.operations.test_backup_and_restore",
    "test_backup_then_restore",
    ("skipped", f"{POSTGRESQL_ONLY_REASON} backs up with pg_dump and pg_restore"),
)
SQLITE_SKIPPED = (
    "tests.operations.test_sqlite_concurrency",
    "test_two_writers",
    ("skipped", f"{SQLITE_ONLY_REASON} its own locking"),
)
REAL_DATA_SKIPPED = (
    "tests.importers.test_real_data",
    "test_every_register_file",
    ("skipped", f"{REAL_DATA_MISSING_REASON} /x/shared/data/gias/open.csv.gz"),
)
OTHER_SKIPPED = ("tests.accounts.test_other", "test_other", ("skipped", "not relevant here"))
BROWSER_FAILED = ("tests.browser.test_signing_out", "test_signing_out", ("failure", "assert False"))


def junit(path: Path, *cases) -> Path:
    """A JUnit report as pytest writes one: <testsuites><testsuite><testcase>..."""
    rows = []
    for classname, name, result in cases:
        inner = ""
        if result is not None:
            kind, message = result
            kind_type = "pytest.skip" if kind == "skipped" else ""
            inner = f"<{kind} type={quoteattr(kind_type)} message={quoteattr(message)}>x: {message}</{kind}>"
        rows.append(f"<testcase classname={quoteattr(classname)} name={quoteattr(name)} time='0.1'>{inner}</testcase>")
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?><testsuites><testsuite name='pytest' tests='"
        f"{len(cases)}'>{''.join(rows)}</testsuite></testsuites>"
    )
    return path


@pytest.fixture
def data_present(tmp_path):
    shared = tmp_path / "shared" / "data"
    shared.mkdir(parents=True)
    return shared


@pytest.fixture
def data_absent(tmp_path):
    return tmp_path / "no-such-shared" / "data"


def check(label, path, status, shared):
    return report.main([label, str(path), str(status), "--shared-data", str(shared)])


def test_ci_with_the_race_tests_skipped_fails_on_the_postgresql_step(tmp_path, data_absent, capsys):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, PLAIN_PASSED, RACE_SKIPPED)
    assert check("postgres", path, 0, data_absent) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL-only tests were skipped" in err and "test_two_coordinators_race" in err


def test_backup_and_restore_skipped_fails_on_the_postgresql_step(tmp_path, data_absent):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, BACKUP_SKIPPED)
    assert check("postgres", path, 0, data_absent) == 1


def test_the_same_race_tests_skipped_on_the_sqlite_step_pass(tmp_path, data_absent, capsys):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, PLAIN_PASSED, RACE_SKIPPED, BACKUP_SKIPPED)
    assert check("sqlite", path, 0, data_absent) == 0
    out = capsys.readouterr().out
    assert "PostgreSQL-only tests skipped: 2" in out
    assert "tests: 5 (3 passed, 0 failed, 0 errors, 2 skipped); tests of the URL x role matrix passed: 1" in out


def test_sqlite_only_tests_skipped_fail_the_sqlite_step_not_the_postgresql_one(tmp_path, data_absent):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, SQLITE_SKIPPED)
    assert check("sqlite", path, 0, data_absent) == 1
    assert check("postgres", path, 0, data_absent) == 0


@pytest.mark.parametrize("label", ["sqlite", "postgres"])
def test_a_real_data_test_skipped_while_the_data_is_there_fails_any_step(tmp_path, data_present, label, capsys):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, REAL_DATA_SKIPPED)
    assert check(label, path, 0, data_present) == 1
    assert "tests of the real data were skipped" in capsys.readouterr().err


def test_a_real_data_test_skipped_without_the_data_passes(tmp_path, data_absent, capsys):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, REAL_DATA_SKIPPED)
    assert check("sqlite", path, 0, data_absent) == 0
    assert "real-data tests skipped: 1 (real data absent" in capsys.readouterr().out


def test_other_skips_pass_every_step(tmp_path, data_present):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, OTHER_SKIPPED)
    assert check("postgres", path, 0, data_present) == 0
    assert check("sqlite", path, 0, data_present) == 0


def test_a_run_with_nothing_collected_fails(tmp_path, data_absent, capsys):
    assert check("sqlite", junit(tmp_path / "r.xml"), 0, data_absent) == 1
    assert check("sqlite", junit(tmp_path / "s.xml", *OWN_GROUPS), 5, data_absent) == 1
    assert "collected no tests" in capsys.readouterr().err


def test_a_postgresql_step_whose_browser_tests_all_skipped_fails(tmp_path, data_absent, capsys):
    skipped_browser = ("tests.browser.test_signing_out", "test_signing_out", ("skipped", "Chromium missing"))
    path = junit(tmp_path / "r.xml", PLAIN_PASSED, MATRIX_PASSED, skipped_browser)
    assert check("postgres", path, 0, data_absent) == 1
    assert "no browser tests passed" in capsys.readouterr().err


def test_each_step_fails_without_the_group_it_alone_runs(tmp_path, data_absent, capsys):
    """CI runs the browser tests on PostgreSQL only and the URL x role matrix on SQLite only: a step
    that ran everything else but not its own group must not pass."""
    assert check("postgres", junit(tmp_path / "p.xml", PLAIN_PASSED, MATRIX_PASSED), 0, data_absent) == 1
    assert check("sqlite", junit(tmp_path / "s.xml", PLAIN_PASSED, BROWSER_PASSED), 0, data_absent) == 1
    err = capsys.readouterr().err
    assert "[postgres] FAILS: no browser tests passed" in err
    assert "[sqlite] FAILS: no tests of the URL x role matrix passed" in err
    assert check("postgres", junit(tmp_path / "p2.xml", PLAIN_PASSED, BROWSER_PASSED), 0, data_absent) == 0
    assert check("sqlite", junit(tmp_path / "s2.xml", PLAIN_PASSED, MATRIX_PASSED), 0, data_absent) == 0


def test_pytest_failing_fails_the_step_and_no_report_fails_it(tmp_path, data_absent, capsys):
    assert check("sqlite", junit(tmp_path / "r.xml", PLAIN_PASSED, BROWSER_FAILED), 1, data_absent) == 1
    assert check("sqlite", tmp_path / "never-written.xml", 2, data_absent) == 1
    assert "pytest wrote no report" in capsys.readouterr().err


def test_a_good_run_passes(tmp_path, data_present):
    assert check("postgres", junit(tmp_path / "r.xml", *OWN_GROUPS, PLAIN_PASSED), 0, data_present) == 0


def test_it_reads_the_skip_reasons_of_a_report_that_pytest_wrote(tmp_path, data_present):
    """The reasons of a skipif mark and of pytest.skip() land where the script reads them."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n"
        f"@pytest.mark.skipif(True, reason={POSTGRESQL_ONLY_REASON + ' races'!r})\n"
        "def test_race():\n    pass\n\n"
        "def test_real_data():\n"
        f"    pytest.skip({REAL_DATA_MISSING_REASON + ' /x/file.csv'!r})\n"
    )
    xml = tmp_path / "report.xml"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:django", "-p", "no:xdist", "-p", "no:cacheprovider"]
        + ["-p", "no:randomly", f"--junitxml={xml}", "test_skips.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    counted = report.count(xml)
    assert counted.skipped[report.POSTGRESQL_ONLY] == ["test_skips::test_race"]
    assert counted.skipped[report.REAL_DATA_MISSING] == ["test_skips::test_real_data"]


def test_the_command_line_exits_non_zero_for_the_postgresql_step_with_a_race_test_skipped(tmp_path, data_absent):
    path = junit(tmp_path / "r.xml", *OWN_GROUPS, RACE_SKIPPED)
    args = [sys.executable, str(SCRIPT), "postgres", str(path), "0", "--shared-data", str(data_absent)]
    ran = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 1 and "PostgreSQL-only tests were skipped" in ran.stderr
    ran = subprocess.run([*args[:2], "sqlite", *args[3:]], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0, ran.stderr


def test_ci_calls_the_check_on_both_test_steps_with_their_labels():
    text = CI_RUN.read_text()
    assert re.search(r'^\s*python3 scripts/check-test-report "\$label" "\$report" "\$status"\s*$', text, re.M)
    assert re.search(r'^step "[^"]+" tests sqlite "not browser"\s*$', text, re.M)
    assert re.search(r'^step "[^"]+" tests postgres "not matrix" scripts/with-postgres\s*$', text, re.M)


def test_the_matrix_marker_selects_the_url_x_role_matrix_and_nothing_else():
    """CI leaves out of the PostgreSQL step what `-m matrix` selects: the matrix's own files only."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    ran = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist"]
        + ["-m", "matrix", "tests/architecture"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    files = {line.split("::")[0] for line in ran.stdout.splitlines() if "::" in line}
    assert files == {
        "tests/architecture/test_url_matrix.py",
        "tests/architecture/test_url_matrix_post.py",
        "tests/architecture/test_ended_membership.py",
    }


def test_the_tests_and_the_check_agree_on_the_reasons():
    assert report.POSTGRESQL_ONLY == POSTGRESQL_ONLY_REASON
    assert report.SQLITE_ONLY == SQLITE_ONLY_REASON
    assert report.REAL_DATA_MISSING == REAL_DATA_MISSING_REASON
    assert SHARED_DATA == report.SHARED_DATA
    assert POSTGRESQL_ONLY[0].kwargs["reason"].startswith(POSTGRESQL_ONLY_REASON)


def vendor_skips():
    """Every skipif on the database's vendor in the tests: (file:line, its reason's source)."""
    for path in sorted((ROOT / "tests").rglob("*.py")):
        text = path.read_text()
        if "vendor" not in text:
            continue
        tree = ast.parse(text, str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func).endswith("skipif")):
                continue
            condition = ast.unparse(node.args[0]) if node.args else ""
            if "vendor" in condition:
                reason = next((ast.unparse(k.value) for k in node.keywords if k.arg == "reason"), "")
                yield f"{path.relative_to(ROOT)}:{node.lineno}", condition, reason


def test_every_skip_on_the_database_says_which_database_it_needs():
    """A skip on `connection.vendor` without the reason's prefix would go unseen by CI's check."""
    found = list(vendor_skips())
    assert len(found) >= 3  # tests/concurrency.py, backup and restore, SQLite's locking
    for where, condition, reason in found:
        wanted = "POSTGRESQL_ONLY_REASON" if "postgresql" in condition else "SQLITE_ONLY_REASON"
        assert reason.startswith(f"f'{{{wanted}}}") or reason.startswith(f'f"{{{wanted}}}'), (where, reason)


# How CI's two workers share the browser tests (tests/browser/conftest.py).


class FakeItem:
    def __init__(self, path, browser):
        self.path, self.browser = Path(path), browser

    def get_closest_marker(self, name):
        return object() if name == "browser" and self.browser else None


def test_the_smoke_crawl_has_a_worker_of_its_own_and_the_journeys_share_the_other():
    from tests.browser.conftest import xdist_group_of

    assert xdist_group_of(FakeItem(ROOT / "tests/browser/test_smoke_crawl.py", True)) == "browser-crawl"
    assert xdist_group_of(FakeItem(ROOT / "tests/browser/test_signing_out.py", True)) == "browser"
    assert xdist_group_of(FakeItem(ROOT / "tests/browser/test_lost_phone.py", True)) == "browser"


def test_the_browser_tests_come_first_so_that_both_groups_start_at_once():
    from tests.browser.conftest import BrowserTestsFirst

    items = [FakeItem("a", False), FakeItem("crawl", True), FakeItem("b", False), FakeItem("journey", True)]
    BrowserTestsFirst().pytest_collection_modifyitems(items)
    assert [str(item.path) for item in items] == ["crawl", "journey", "a", "b"]
