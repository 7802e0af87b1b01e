from django.apps import AppConfig


class Config(AppConfig):
    name = "web.common"
    label = "web_common"

    def ready(self):
        from .converters import register

        register()
