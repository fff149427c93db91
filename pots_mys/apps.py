from django.apps import AppConfig


class PotsMysConfig(AppConfig):
    name = "pots_mys"
    verbose_name = "Pots on MySQL / MariaDB"
