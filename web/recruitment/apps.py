from django.apps import AppConfig


class Config(AppConfig):
    name = "web.recruitment"
    label = "web_recruitment"
