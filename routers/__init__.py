"""Send each mirrored pots app to its own database (Django's multi-database routers).

Apps not listed here (Django's contrib apps, the engine) live on ``default`` only.
"""

# Which alias holds each mirrored app.
APP_DATABASES = {
    "pots": "default",
    "pots_pos": "postgresql",
    "pots_ora": "oracle",
    "pots_mys": "mysql",
}
DEFAULT_ALIAS = "default"


def database_for_app(app_label: str) -> str:
    from django.conf import settings

    # A settings module that makes another backend the default alias overrides the map.
    routes = getattr(settings, "HARNESS_APP_DATABASES", APP_DATABASES)
    return routes.get(app_label, DEFAULT_ALIAS)


class AppRouter:
    def db_for_read(self, model, **hints):
        return database_for_app(model._meta.app_label)

    def db_for_write(self, model, **hints):
        return database_for_app(model._meta.app_label)

    def allow_relation(self, obj1, obj2, **hints):
        # Relations only within one database: a row cannot point into another server.
        return _database_of(obj1) == _database_of(obj2)

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == database_for_app(app_label)


def _database_of(instance) -> str:
    # An instance loaded with .using() lives where it was loaded, whatever its app.
    return instance._state.db or database_for_app(instance._meta.app_label)
