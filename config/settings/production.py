"""Production: every secret from the environment, HTTPS only, GOV.UK Notify for e-mail."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random string of 50 or more characters.")

SECURE_SSL_REDIRECT = True
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
# E-mail reaches people only through GOV.UK Notify in production: refuse to start without it.
if not NOTIFY_API_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set NOTIFY_API_KEY (and NOTIFY_TEMPLATE_ID) so the service can send e-mail.")
MAILERS = {"default": {"BACKEND": "domain.notifications.notify_backend.NotifyEmailBackend"}}
