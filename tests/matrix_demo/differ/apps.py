from django.apps import AppConfig


class DifferConfig(AppConfig):
    name = "differ"
