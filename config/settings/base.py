"""Settings shared by every environment. Environment files override only what differs."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

SERVICE_NAME = "School-to-school support"
# The regional body that runs the service: the controller the privacy notice names (docs/data-protection.md).
SERVICE_CONTROLLER_NAME = os.environ.get("SERVICE_CONTROLLER_NAME", "")
# Where people write for help or with feedback (the help page, /help/); without it the page names the
# regional representative at the controller.
SERVICE_SUPPORT_EMAIL = os.environ.get("SERVICE_SUPPORT_EMAIL", "").strip()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks_db",
    # Domain apps: the logic. They never import web code.
    "domain.accounts",
    "domain.organisations",
    "domain.schools",
    "domain.audit",
    "domain.notifications",
    "domain.workflows",
    "domain.designation",
    "domain.recruitment",
    "domain.leaders",
    "domain.commissioning",
    "domain.deployments",
    "domain.training",
    # Web interfaces: parse input, check a policy, call a service, render.
    "web.common",
    "web.accounts",
    "web.public",
    "web.portal",
    "web.regional",
    "web.recruitment",
    "web.directory",
    "web.leaders",
    "web.commissioning",
    "web.deployments",
    "web.training",
    # The deterministic demo region that `make run` loads.
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "web.common.null_bytes.RefuseNulBytesMiddleware",  # 400, not a database error (issue 13)
    "web.common.middleware.NoStoreForPersonalDataMiddleware",  # after sign-in is known (issue 13)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "web.common.jinja.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "web.common.context_processors.service",
            ],
        },
    },
    {
        # Django's own templates (e-mail bodies from django.contrib.auth) still need this engine.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker write to one file (issue 13): WAL lets readers go on beside a
    # writer, the busy timeout waits up to 20 s for the write lock, and BEGIN IMMEDIATE takes that
    # lock when a transaction starts, so that a transaction that reads and then writes waits its
    # turn instead of failing with "database is locked" (tests/operations/test_sqlite_concurrency.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "portal:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # a reset link lasts two hours

# Sign-in throttling (ADR 17, django-axes with domain/accounts/sign_in_throttling.py), within 30
# minutes: 5 failures lock the account and address pair (the attacker's address, not the person's
# own); 20 failures across accounts lock the address; 10 failures against one account from any
# addresses bring a one-minute wait for addresses the person has not signed in from (no lock).
AXES_HANDLER = "domain.accounts.sign_in_throttling.SignInThrottle"
AXES_FAILURE_LIMIT = 5
SIGN_IN_ADDRESS_FAILURE_LIMIT = 20
SIGN_IN_ACCOUNT_SLOW_DOWN_AFTER = 10
SIGN_IN_ACCOUNT_WAIT_SECONDS = 60
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "web.common.views_errors.locked_out"
AXES_RESET_ON_SUCCESS = True
# The client's address (web/common/client_address.py): REMOTE_ADDR, or, behind this many proxies
# of ours, the X-Forwarded-For hop the outermost of them added (docs/deployment.md).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "web.common.client_address.client_address"

OTP_TOTP_ISSUER = SERVICE_NAME

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic gathers the files WhiteNoise serves (STATIC_ROOT in the environment to choose).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "web" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content Security Policy (Django 6 built-in): scripts only from us, with a nonce.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# E-mail: console by default; GOV.UK Notify when NOTIFY_API_KEY is set (see production.py).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = "no-reply@school-to-school-support.example"
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
SERVICE_BASE_URL = os.environ.get("SERVICE_BASE_URL", "http://127.0.0.1:8000")
# An invitation's single-use link works for this many days (domain/accounts/invitations.py).
INVITATION_LINK_DAYS = 14

# Deployments: a note of visit is due this many working days after the visit (issue 6; the
# leader is chased the morning after).
DEPLOYMENT_NOTE_DUE_WORKING_DAYS = 5

# The demo region may be loaded (manage.py seed_demo); production.py says no.
DEMO_DATA_ALLOWED = True

# Background work (Django's tasks framework, with the database-backed worker: manage.py db_worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
