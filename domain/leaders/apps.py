from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.leaders"
    label = "leaders"
    verbose_name = "System leaders' register"

    def ready(self):
        from . import receivers
        from .policies import register

        receivers.connect()
        register()
