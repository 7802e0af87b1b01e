from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.recruitment"
    label = "recruitment"

    def ready(self):
        from .policies import register

        register()
