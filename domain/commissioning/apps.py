from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning and matching"

    def ready(self):
        from .policies import register

        register()
