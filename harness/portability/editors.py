"""What the harness adds to every schema editor it renders with, offline and live.

* **Volatile defaults.** ``uuid4``, ``timezone.now``, ``auto_now`` … give another value each
  time a migration runs, so ``sqlmigrate`` prints another DEFAULT each run. The harness
  prints a fixed stand-in of the same type instead (:func:`stand_in`) and lists the field as
  volatile, so DDL files are the same from run to run.
* **Defaults that read data.** A callable default that queries the database cannot be
  computed without a server and its data: offline it is reported as needing a server,
  naming the callable (:class:`NeedsData`); live it runs against the scratch database.
* **Printed is not executed.** ``sqlmigrate`` inlines parameters with ``quote_value``;
  ``migrate`` binds them. Where the two differ (mysqlclient's bytes for non-string values:
  ``DEFAULT b'0'``), the editor notes both.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from dataclasses import dataclass

# Callables whose every call gives a new value (module.qualname as named by callable_name).
VOLATILE_CALLABLES = frozenset({
    "uuid.uuid1", "uuid.uuid4", "django.utils.timezone.now", "datetime.datetime.now",
    "datetime.datetime.utcnow", "datetime.datetime.today", "datetime.date.today", "time.time",
    "random.random", "secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes",
})
# The instant every volatile date/time default is printed as.
STAND_IN_INSTANT = datetime.datetime(2000, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Volatile:
    """A default computed when the migration runs, printed as a stand-in."""

    field: str  # "app_label.model.field"
    source: str  # "uuid.uuid4", "auto_now_add" ...
    stand_in: str  # repr of the value printed in its place


@dataclass(frozen=True)
class PrintedValue:
    """A parameter sqlmigrate prints differently from what migrate sends to the server."""

    value: str  # repr of the Python value
    printed: str
    executed: str


class NeedsData(Exception):
    """A default that only the database's data can compute (``source``: what computes it)."""

    def __init__(self, message: str, source: str = ""):
        super().__init__(message)
        self.source = source


def callable_name(fn) -> str:
    owner = getattr(fn, "__self__", None)
    module = getattr(fn, "__module__", None) or getattr(owner, "__module__", None) or "?"
    if isinstance(owner, type) and not getattr(fn, "__module__", None):
        return f"{owner.__module__}.{fn.__qualname__}"  # builtin classmethods: datetime.now
    return f"{module}.{getattr(fn, '__qualname__', repr(fn))}"


def default_source(field) -> str | None:
    """What computes the field's default at run time, or None for a constant."""
    if field.has_default():
        return callable_name(field.default) if callable(field.default) else None
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return "auto_now" if field.auto_now else "auto_now_add"
    return None


def stand_in(value, path: str):
    """A value of ``value``'s type that depends only on ``path``; None when there is none."""
    digest = hashlib.sha256(f"harness:{path}".encode()).digest()
    if isinstance(value, uuid.UUID):
        return uuid.uuid5(uuid.NAMESPACE_URL, f"harness:{path}")
    if isinstance(value, datetime.datetime):
        return STAND_IN_INSTANT.replace(tzinfo=value.tzinfo and datetime.timezone.utc)
    if isinstance(value, datetime.date):
        return STAND_IN_INSTANT.date()
    if isinstance(value, datetime.time):
        return STAND_IN_INSTANT.time()
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return type(value)(0)
    if isinstance(value, str):
        return digest.hex()[: len(value)].ljust(len(value), "0")
    if isinstance(value, bytes):
        return digest[: len(value)].ljust(len(value), b"\0")
    return None


class RenderingEditorMixin:
    """Mixed into a backend's schema editor class for every render (see the module doc)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.harness_volatile: dict[str, Volatile] = {}
        self.harness_printed: dict[str, PrintedValue] = {}

    # Django's BaseDatabaseSchemaEditor.effective_default, with the raw default from
    # _effective_default made deterministic or reported as data-dependent.
    def effective_default(self, field):
        return field.get_db_prep_save(self._harness_default(field), self.connection)

    def _harness_default(self, field):
        source = default_source(field)
        if source is None:
            return self._effective_default(field)
        model = getattr(field, "model", None)
        path = f"{model._meta.label_lower}.{field.name}" if model is not None else field.name
        queries: list[str] = []

        def record(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        from .offline.wrappers import ServerNeeded

        running = getattr(getattr(self.connection, "catalog", None), "immediate", False)
        try:
            with self.connection.execute_wrapper(record):
                value = self._effective_default(field)
        except ServerNeeded as exc:
            if running:
                # Run for its schema changes only (the offline catalog): any value will do.
                return None
            raise NeedsData(f"the default of {path} comes from {source}, which queries the "
                            f"database ({exc})", source) from exc
        except Exception as exc:
            if queries:
                raise NeedsData(f"the default of {path} comes from {source}, which queried the "
                                f"database and failed: {type(exc).__name__}: {exc}", source) from exc
            raise
        if queries:
            return value  # computed from the (scratch) database's data, as sqlmigrate does
        if source in VOLATILE_CALLABLES or source.startswith("auto_now") or (
            not queries and self._effective_default(field) != value
        ):
            replacement = stand_in(value, path)
            if replacement is not None:
                self.harness_volatile[path] = Volatile(path, source, repr(replacement))
                return replacement
        return value

    # BaseDatabaseSchemaEditor.quote_value: what sqlmigrate inlines; noted where migrate's
    # bound parameter reaches the server differently.
    def quote_value(self, value):
        quoted = super().quote_value(value)
        if isinstance(quoted, (bytes, bytearray)):
            printed, executed = str(quoted), bytes(quoted).decode(errors="replace")
            self.harness_printed[printed] = PrintedValue(repr(value), printed, executed)
        return quoted


def rendering_editor_class(base):
    """``base`` (a SchemaEditorClass) with the rendering additions, made once per class."""
    cached = _CLASSES.get(base)
    if cached is None:
        cached = _CLASSES[base] = type(f"Rendering{base.__name__}", (RenderingEditorMixin, base), {})
    return cached


_CLASSES: dict[type, type] = {}
