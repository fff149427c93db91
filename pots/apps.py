from django.apps import AppConfig


class PotsConfig(AppConfig):
    name = "pots"
    verbose_name = "Pots on SQLite (the default alias)"
