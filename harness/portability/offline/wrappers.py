"""Mixins that turn any backend's DatabaseWrapper into one that never connects.

Transactions become no-ops (``atomic()`` still nests correctly), cursors refuse to run
SQL, introspection reads the catalog, and each schema editor records what it creates so
the catalog can answer the next migration's questions.
"""

from __future__ import annotations

import functools
import re

from .catalog import CatalogIntrospectionMixin, CatalogRecordingMixin


class ServerNeeded(Exception):
    """Rendering asked for something only a live server knows."""


class OfflineCursor:
    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql, params=None):
        raise ServerNeeded(
            f"{self.connection.profile.name} is an offline profile and cannot run {' '.join(str(sql).split())[:200]!r}"
        )

    executemany = execute

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False


class OfflineConnectionMixin:
    """No connection, ever: the transaction API keeps its bookkeeping and does nothing else."""

    profile = None
    catalog = None

    def ensure_connection(self):
        pass

    def connect(self):
        raise ServerNeeded(f"{self.profile.name} is an offline profile: it has no server")

    def cursor(self):
        return OfflineCursor(self)

    def _cursor(self, name=None):
        return OfflineCursor(self)

    def close(self):
        pass

    def is_usable(self):
        return True

    def get_autocommit(self):
        return self.autocommit

    def _set_autocommit(self, autocommit):
        pass

    def _start_transaction_under_autocommit(self):
        pass

    def _commit(self):
        pass

    def _rollback(self):
        pass

    def _savepoint(self, sid):
        pass

    def _savepoint_rollback(self, sid):
        pass

    def _savepoint_commit(self, sid):
        pass

    # SQLite's schema editor turns foreign-key checks off around every migration.
    def disable_constraint_checking(self):
        return True

    def enable_constraint_checking(self):
        pass

    def check_constraints(self, table_names=None):
        pass


def postgresql_literal(value) -> str:
    """A literal as psycopg's client-side binding writes it on a server with
    standard_conforming_strings=on (the default since PostgreSQL 9.1)."""
    if isinstance(value, str):
        return "'%s'" % value.replace("'", "''")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "'\\x%s'::bytea" % bytes(value).hex()
    from psycopg import sql

    return sql.quote(value, None)


_PLACEHOLDER = re.compile(r"%(?:(%)|\((\w+)\)s|s)")


class OfflineOperationsMixin:
    # PostgreSQL merges DDL parameters client-side through a live psycopg cursor.
    def compose_sql(self, sql, params):
        if params is None:
            return sql
        values = iter(params) if not isinstance(params, dict) else None

        def literal(match):
            if match.group(1):
                return "%"
            value = params[match.group(2)] if match.group(2) else next(values)
            return postgresql_literal(value)

        return _PLACEHOLDER.sub(literal, sql)


class OfflineSchemaEditorMixin(CatalogRecordingMixin):
    """Answers the few questions schema editors put straight to the server."""

    def quote_value(self, value):
        vendor = self.connection.vendor
        if vendor == "mysql":
            # What Django prints with mysqlclient (b'0' for False ...), with or without it.
            from .mysqlclient import quote_value

            return quote_value(value)
        if vendor in ("postgresql", "cockroachdb"):
            return postgresql_literal(value)
        return super().quote_value(value)

    # Oracle: is this column an IDENTITY column? The catalog knows what was created.
    def _is_identity_column(self, table_name, column_name):
        return self.connection.catalog.is_identity(table_name, column_name)

    # Oracle: the table's default collation when a field drops its db_collation.
    def _get_default_collation(self, table_name):
        return self.connection.profile.server.get("default_collation", "USING_NLS_COMP")

    # PostgreSQL: only built-in (deterministic) collations can be known without a server.
    def _is_collation_deterministic(self, collation_name):
        return True


@functools.cache
def offline_wrapper_class(base):
    from ..editors import RenderingEditorMixin

    editor = type(
        f"Offline{base.SchemaEditorClass.__name__}",
        (RenderingEditorMixin, OfflineSchemaEditorMixin, base.SchemaEditorClass),
        {},
    )
    introspection = type(
        f"Offline{base.introspection_class.__name__}",
        (CatalogIntrospectionMixin, base.introspection_class),
        {},
    )
    ops = type(f"Offline{base.ops_class.__name__}", (OfflineOperationsMixin, base.ops_class), {})
    return type(
        f"Offline{base.__module__.split('.')[-2].title()}DatabaseWrapper",
        (OfflineConnectionMixin, base),
        {"SchemaEditorClass": editor, "introspection_class": introspection, "ops_class": ops},
    )

