from django.apps import AppConfig


class Config(AppConfig):
    name = "web.leaders"
    label = "web_leaders"
