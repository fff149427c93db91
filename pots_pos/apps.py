from django.apps import AppConfig


class PotsPosConfig(AppConfig):
    name = "pots_pos"
    verbose_name = "Pots on PostgreSQL"
