from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.accounts"
    label = "accounts"

    def ready(self):
        from . import security_signals  # noqa: F401 (sign-in failures and lockouts as security events)
