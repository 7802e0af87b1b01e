from django.apps import AppConfig


class Config(AppConfig):
    name = "web.regional"
    label = "web_regional"
