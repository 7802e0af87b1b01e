from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.workflows"
    label = "workflows"
