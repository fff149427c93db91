from django.apps import AppConfig


class PotsOraConfig(AppConfig):
    name = "pots_ora"
    verbose_name = "Pots on Oracle"
