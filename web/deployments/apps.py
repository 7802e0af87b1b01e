from django.apps import AppConfig


class Config(AppConfig):
    name = "web.deployments"
    label = "web_deployments"
