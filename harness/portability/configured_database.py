"""Create an alias's configured database the first time a connection finds it missing.

Django's own commands (``sqlmigrate``/``migrate --database X``, seed 003's workflow)
connect to the configured database itself, which a fresh server does not have. With
``PORTABILITY_CREATE_DATABASES = True`` the first connection the server refuses because
that database does not exist creates it, says so once on stderr, and connects again.
Nothing is ever dropped; test databases (``test_…``) stay Django's test machinery's.
"""

from __future__ import annotations

import functools
import sys

from django.conf import settings
from django.utils.module_loading import import_string

# backend module → (does this error say the database is missing?, CREATE DATABASE text)
_BACKENDS = {
    "django.db.backends.postgresql.base": (
        lambda exc, name: f'database "{name}" does not exist' in str(exc),
        "CREATE DATABASE {name}",
    ),
    "django.db.backends.mysql.base": (
        lambda exc, name: getattr(exc, "args", (None,))[0] == 1049,  # ER_BAD_DB_ERROR
        "CREATE DATABASE IF NOT EXISTS {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
    ),
}
_created: set[tuple[str, str]] = set()


def install() -> None:
    """Wrap get_new_connection of each backend whose driver imports (a missing driver is
    reported where the alias is used, not here)."""
    if not getattr(settings, "PORTABILITY_CREATE_DATABASES", False):
        return
    for module, (is_missing, create) in _BACKENDS.items():
        try:
            wrapper = import_string(f"{module}.DatabaseWrapper")
        except Exception:  # ImproperlyConfigured: the driver is not installed
            continue
        if not getattr(wrapper.get_new_connection, "creates_missing_database", False):
            wrapper.get_new_connection = _creating(wrapper.get_new_connection, is_missing, create)


def _creating(get_new_connection, is_missing, create):
    @functools.wraps(get_new_connection)
    def wrapped(self, conn_params):
        try:
            return get_new_connection(self, conn_params)
        except Exception as exc:
            name = self.settings_dict.get("NAME")
            configured = settings.DATABASES.get(self.alias, {}).get("NAME")
            if not name or name != configured or str(name).lower().startswith("test_"):
                raise
            if not is_missing(exc, name):
                raise
            with self._nodb_cursor() as cursor:
                cursor.execute(create.format(name=self.ops.quote_name(name)))
            if (self.alias, name) not in _created:
                _created.add((self.alias, name))
                print(f"Created the database {name!r} of alias {self.alias!r}: it did not exist "
                      "on the server (it is never dropped).", file=sys.stderr)
            return get_new_connection(self, conn_params)

    wrapped.creates_missing_database = True
    return wrapped
