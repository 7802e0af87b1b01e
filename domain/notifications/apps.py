from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.notifications"
    label = "notifications"
