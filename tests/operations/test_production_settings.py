"""What the production settings give a deployment (docs/deployment.md), read in a process of their
own so this suite's settings stay untouched."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .production_env import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]

READ = """
import json
from django.conf import settings
import django
django.setup()
db = settings.DATABASES["default"]
handler = settings.LOGGING["handlers"]["console"]
print(json.dumps({
    "conn_max_age": db["CONN_MAX_AGE"],
    "health_checks": db["CONN_HEALTH_CHECKS"],
    "stream": handler.get("stream"),
    "format": settings.LOGGING["formatters"][handler["formatter"]]["format"],
    "level": settings.LOGGING["root"]["level"],
    "redirect_exempt": settings.SECURE_REDIRECT_EXEMPT,
    "demo": settings.DEMO_DATA_ALLOWED,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "service": settings.SERVICE_BASE_URL,
}))
"""


def production(**env) -> dict:
    environment = {**PRODUCTION_ENV, **env}
    run = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def defaults() -> dict:
    return production()


def test_database_connections_persist_and_are_checked_by_default(defaults):
    assert defaults["conn_max_age"] == 60
    assert defaults["health_checks"] is True


def test_logs_go_to_standard_output_as_plain_lines(defaults):
    assert defaults["stream"] == "ext://sys.stdout"
    assert defaults["format"] == "%(asctime)s %(levelname)s %(name)s %(message)s"
    assert defaults["level"] == "INFO"


def test_the_environment_chooses_the_connection_age_and_log_level():
    chosen = production(DB_CONN_MAX_AGE="0", LOG_LEVEL="warning")
    assert chosen["conn_max_age"] == 0
    assert chosen["level"] == "WARNING"


def test_only_the_health_check_answers_plain_http(defaults):
    exempt = [re.compile(pattern) for pattern in defaults["redirect_exempt"]]
    # Django's SecurityMiddleware matches the path without its leading slash.
    assert any(p.search("healthz") for p in exempt)
    assert not any(p.search(path) for p in exempt for path in ("", "healthz/x", "account/sign-in/", "xhealthz"))


def test_production_refuses_demo_data_and_serves_hashed_static_files(defaults):
    assert defaults["demo"] is False
    assert defaults["storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.parametrize(
    ("address", "refusal"),
    [
        (None, "Set SERVICE_BASE_URL"),
        ("", "Set SERVICE_BASE_URL"),
        ("http://school-to-school-support.example", "https://"),
        ("https://", "https://"),
        ("https://school-to-school-support.example/some/path", "no path"),
    ],
)
def test_production_refuses_to_start_without_the_https_address_its_emails_link_to(address, refusal):
    """Every link in an e-mail starts with SERVICE_BASE_URL: without it they would point at a
    developer's machine (http://127.0.0.1:8000)."""
    environment = {key: value for key, value in PRODUCTION_ENV.items() if key != "SERVICE_BASE_URL"}
    if address is not None:
        environment["SERVICE_BASE_URL"] = address
    run = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr and refusal in run.stderr


def test_the_address_is_read_as_given_without_a_trailing_slash():
    assert production(SERVICE_BASE_URL="https://school-to-school-support.example/")["service"] == (
        "https://school-to-school-support.example"
    )
