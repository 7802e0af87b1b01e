from django.apps import AppConfig


class Config(AppConfig):
    name = "web.commissioning"
    label = "web_commissioning"
