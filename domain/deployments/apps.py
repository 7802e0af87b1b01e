from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.deployments"
    label = "deployments"
    verbose_name = "Deployments"

    def ready(self):
        from .policies import register

        register()
