from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "harness.portability"
    label = "portability"
    verbose_name = "Database portability harness"

    def ready(self):
        from . import configured_database, lint  # noqa: F401  lint registers the checks

        configured_database.install()
