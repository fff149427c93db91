"""Throwaway models and the small helpers every comparison shares.

Scratch models live in a private app registry (never the project's), so defining them
changes no app, and their tables exist only between ``created_tables`` entering and leaving.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Callable

from django.apps.registry import Apps
from django.core.exceptions import EmptyResultSet
from django.db import connections, models, transaction
from django.db.models.fields.files import FieldFile

SCRATCH_APP_LABEL = "comparison"


def scratch_registry() -> Apps:
    """A fresh, empty registry: each collection defines its models anew, without clashes."""
    return Apps(installed_apps=[])


def scratch_model(registry: Apps, name: str, fields: dict, *, db_table: str | None = None,
                bases: tuple = (models.Model,)) -> type[models.Model]:
    meta = {"apps": registry, "app_label": SCRATCH_APP_LABEL}
    if db_table:
        meta["db_table"] = db_table
    attrs = {"__module__": __name__, "Meta": type("Meta", (), meta), **fields}
    return type(name, bases, attrs)


@contextlib.contextmanager
def created_tables(alias: str, *scratch_models: type[models.Model]):
    """Create the models' tables on ``alias`` and drop every one that was created."""
    connection = connections[alias]
    created = []
    try:
        for model in scratch_models:
            # One editor per table: a failure leaves ``created`` naming only real tables.
            with connection.schema_editor() as editor:
                editor.create_model(model)
            created.append(model)
        yield
    finally:
        for model in reversed(created):
            with connection.schema_editor() as editor:
                editor.delete_model(model)


@dataclass
class Attempt:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def attempt(alias: str, action: Callable[[], Any]) -> Attempt:
    """Run ``action`` in a savepoint, so a failed statement cannot poison the next case."""
    try:
        with transaction.atomic(using=alias):
            return Attempt(action())
    except Exception as exc:  # every driver's error is an outcome here, not a failure
        return Attempt(error=exc)


def error_name(exc: BaseException) -> str:
    """Django's exception class (what portable code catches)."""
    return type(exc).__name__


def error_detail(exc: BaseException) -> str:
    """The driver's class and the first line of its message."""
    cause = exc.__cause__ or exc
    kind = f"{type(cause).__module__}.{type(cause).__name__}"
    message = str(exc).strip().splitlines()
    return f"{kind}: {message[0] if message else 'no message'}"


def describe(value: Any) -> tuple[str, str]:
    """(repr, Python type name) of a value as read back, stable across runs."""
    if isinstance(value, memoryview):
        return repr(bytes(value)), "memoryview"
    if isinstance(value, FieldFile):
        return f"FieldFile(name={value.name!r})", "FieldFile"
    if hasattr(value, "read") and type(value).__name__ == "LOB":  # an Oracle LOB locator
        return repr(value.read()), "LOB"
    return repr(value), type(value).__name__


def shown(value: Any) -> str:
    """``repr (type)``, the form case outcomes use."""
    text, kind = describe(value)
    return f"{text} ({kind})"


def raw_select(alias: str, table: str, columns: list[str], where_column: str, key) -> tuple:
    """One row through a plain cursor: exactly what the driver hands back."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    sql = "SELECT {} FROM {} WHERE {} = %s".format(
        ", ".join(quote(c) for c in columns), quote(table), quote(where_column)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        return cursor.fetchone()


def raw_execute(alias: str, sql: str, params=()) -> None:
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)


def where_clause(queryset) -> str:
    """The WHERE clause as compiled for the queryset's own database (str(query) uses default)."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return "no SQL: EmptyResultSet"
    where = sql.partition(" WHERE ")[2] or "(none)"
    return f"WHERE {where} {list(params)!r}" if params else f"WHERE {where}"
