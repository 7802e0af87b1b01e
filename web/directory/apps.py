from django.apps import AppConfig


class Config(AppConfig):
    name = "web.directory"
    label = "web_directory"
