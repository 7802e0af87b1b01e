"""Production: every secret from the environment, HTTPS only, GOV.UK Notify for e-mail."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random string of 50 or more characters.")

SECURE_SSL_REDIRECT = True
# The health check answers a load balancer's plain-HTTP probe too (docs/deployment.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Every link in an e-mail starts with the service's public address: refuse to start without it,
# or the links would point at a developer's machine (base.py's default).
SERVICE_BASE_URL = os.environ.get("SERVICE_BASE_URL", "").strip().rstrip("/")
if not SERVICE_BASE_URL:
    raise ImproperlyConfigured(
        "Set SERVICE_BASE_URL to the service's public address, like https://school-to-school-support.example, "
        "for the links in its e-mails."
    )
_service_address = urlsplit(SERVICE_BASE_URL)
if _service_address.scheme != "https" or not _service_address.netloc or _service_address.path:
    raise ImproperlyConfigured(
        f"SERVICE_BASE_URL must be the service's https:// address with no path, like "
        f"https://school-to-school-support.example (it is {SERVICE_BASE_URL!r})."
    )

# E-mail reaches people only through GOV.UK Notify in production: refuse to start without it.
if not NOTIFY_API_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set NOTIFY_API_KEY (and NOTIFY_TEMPLATE_ID) so the service can send e-mail.")
MAILERS = {"default": {"BACKEND": "domain.notifications.notify_backend.NotifyEmailBackend"}}

# Persistent database connections: each web and worker process keeps its connection for up to
# DB_CONN_MAX_AGE seconds (default 60; 0 opens one for each request), checked before it is reused.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Logs to standard output for the platform to collect, one plain line each: time, level, logger,
# message (tracebacks follow their line). LOG_LEVEL chooses how much (default INFO). gunicorn writes
# its own log in the same format (config/gunicorn.conf.py).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own loggers pass to the root's handler, at the same level (Django's defaults would
    # mail admins, whom we do not have, and print only when DEBUG is on).
    # django-axes announces itself at INFO in every process and command: not worth a line (nor a
    # daily mail from cron); its sign-in failures and lockouts still reach the log.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "axes.apps": {"level": "WARNING"},
    },
}

# The demo region (seed_demo) is synthetic people with a published password: never in production.
DEMO_DATA_ALLOWED = False
