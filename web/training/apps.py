from django.apps import AppConfig


class Config(AppConfig):
    name = "web.training"
    label = "web_training"
