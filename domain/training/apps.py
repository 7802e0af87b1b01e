from django.apps import AppConfig


class Config(AppConfig):
    name = "domain.training"
    label = "training"
    verbose_name = "Induction, training and CPD"
