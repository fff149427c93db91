from django.apps import AppConfig


class PortabilityConfig(AppConfig):
    name = "harness.portability"
    label = "portability"
    verbose_name = "Database portability harness"

    def ready(self):
        from . import lint  # noqa: F401  registers the portability checks
