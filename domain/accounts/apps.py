from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.accounts"
    label = "accounts"
