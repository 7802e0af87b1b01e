from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.audit"
    label = "audit"
