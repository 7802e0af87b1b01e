from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.organisations"
    label = "organisations"
