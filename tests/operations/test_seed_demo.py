"""The demo region (synthetic people with a published password) never reaches production: seed_demo
refuses under the production settings, and loads nothing."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from domain.accounts.models import User

from .production_env import PRODUCTION_ENV

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_seed_demo_refuses_when_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="demo region cannot be loaded here"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_the_production_settings_do_not_allow_demo_data(tmp_path):
    # The production settings themselves, in a process of their own (on a throwaway SQLite file:
    # the command must stop before it touches any database).
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}"}
    run = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode != 0
    assert "The demo region cannot be loaded here" in run.stderr
    assert "Traceback" not in run.stderr
