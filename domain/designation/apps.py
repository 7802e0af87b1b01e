from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.designation"
    label = "designation"

    def ready(self):
        from .policies import register

        register()
