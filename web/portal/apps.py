from django.apps import AppConfig


class Config(AppConfig):
    name = "web.portal"
    label = "web_portal"
