from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.schools"
    label = "schools"
