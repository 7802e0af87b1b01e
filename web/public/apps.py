from django.apps import AppConfig


class Config(AppConfig):
    name = "web.public"
    label = "web_public"
