"""The default alias while a target renders, and the migrations that read it when imported.

``sqlmigrate`` renders with the server of ``--database``, but Django and user code also read
``django.db.connection`` — the *default* alias — while rendering: the auto table name is
truncated to the default's identifier limit (Options.contribute_to_class), Oracle's CHECK
quotes its column with the default's ``quote_name`` (Field.db_type_parameters), and
migrations choose their operations with ``if connection.vendor == ...`` when imported. A
single-database production runs with its server as the default, so every target renders
inside :func:`as_default`, and a migration module that read the default when it was
imported is imported again for each target whose answers differ (:func:`import_signature`).
"""

from __future__ import annotations

import contextlib
import importlib
import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


@contextlib.contextmanager
def as_default(connection):
    """Inside the block ``connection`` is the default alias (``django.db.connection``,
    ``connections["default"]``) and ``settings.DATABASES["default"]`` describes it."""
    handler = connections._connections
    previous = getattr(handler, DEFAULT_DB_ALIAS, None)
    databases = settings.DATABASES
    setattr(handler, DEFAULT_DB_ALIAS, connection)
    settings.DATABASES = {**databases, DEFAULT_DB_ALIAS: connection.settings_dict}
    try:
        yield connection
    finally:
        settings.DATABASES = databases
        if previous is None:
            delattr(handler, DEFAULT_DB_ALIAS)
        else:
            setattr(handler, DEFAULT_DB_ALIAS, previous)


def uncache_field_defaults() -> None:
    """Field._get_default, without a default, answers from the *default* alias
    (interprets_empty_strings_as_nulls) and Django caches it on the field; targets that
    render beside different defaults share rendered fields, so it is computed per call:
    the same answer Django gives, for the default alias of the moment."""
    from django.db.models import Field

    cached = Field.__dict__["_get_default"]
    if isinstance(cached, property):
        return
    Field._get_default = property(cached.func)


def migration_module_names(loader) -> dict[str, tuple[str, str]]:
    """Module name -> (app_label, migration name) of every migration on disk."""
    names = {}
    for (app_label, name), migration in loader.disk_migrations.items():
        module = type(migration).__module__
        names[module] = (app_label, name)
    return names


class _ReadRecorder:
    """Which migration modules touch the default connection or settings.DATABASES while
    they are imported: the innermost migration module on the stack is named."""

    def __init__(self, prefixes: tuple[str, ...]):
        self.prefixes = prefixes
        self.modules: set[str] = set()

    def note(self) -> None:
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_globals.get("__name__", "")
            if name.startswith(self.prefixes):
                self.modules.add(name)
                return
            frame = frame.f_back


@contextlib.contextmanager
def recording_default_reads(prefixes: tuple[str, ...]):
    """Record reads of ``django.db.connection`` and ``settings.DATABASES`` from modules whose
    name starts with one of ``prefixes`` (the apps' migration packages)."""
    import django.db

    recorder = _ReadRecorder(prefixes)
    proxy = django.db.connection
    proxy_class = type(proxy)

    class RecordingProxy(proxy_class):
        def __getattr__(self, item):
            recorder.note()
            return super().__getattr__(item)

    class RecordingDatabases(dict):
        def __getitem__(self, key):
            recorder.note()
            return super().__getitem__(key)

        def get(self, key, default=None):
            recorder.note()
            return super().get(key, default)

    databases = settings.DATABASES
    # object.__setattr__: the proxy forwards attribute writes to the connection.
    object.__setattr__(proxy, "__class__", RecordingProxy)
    settings.DATABASES = RecordingDatabases(databases)
    try:
        yield recorder
    finally:
        object.__setattr__(proxy, "__class__", proxy_class)
        settings.DATABASES = databases


class _UserReads:
    """Whether code outside Django (a custom field's db_type, a third-party operation) read
    the default connection: what it rendered follows the default alias, not its own."""

    def __init__(self):
        self.seen: set[str] = set()

    def note(self) -> None:
        frame = sys._getframe(2)
        while frame is not None:
            name = frame.f_globals.get("__name__", "")
            if name.partition(".")[0] not in sys.stdlib_module_names:
                break
            frame = frame.f_back
        if frame is not None and not name.startswith(("django.", "harness.")):
            self.seen.add(name)


@contextlib.contextmanager
def recording_user_reads():
    """Record which modules outside Django read ``django.db.connection`` or
    ``connections["default"]`` inside the block."""
    import django.db

    reads = _UserReads()
    proxy = django.db.connection
    proxy_class = type(proxy)
    handler_class = type(connections)

    class RecordingProxy(proxy_class):
        def __getattr__(self, item):
            reads.note()
            return super().__getattr__(item)

    class RecordingHandler(handler_class):
        def __getitem__(self, alias):
            if alias == DEFAULT_DB_ALIAS:
                reads.note()
            return super().__getitem__(alias)

    object.__setattr__(proxy, "__class__", RecordingProxy)
    connections.__class__ = RecordingHandler
    try:
        yield reads
    finally:
        object.__setattr__(proxy, "__class__", proxy_class)
        connections.__class__ = handler_class


def migration_prefixes() -> tuple[str, ...]:
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    prefixes = []
    for config in apps.get_app_configs():
        module, _ = MigrationLoader.migrations_module(config.label)
        if module:
            prefixes.append(module + ".")
    return tuple(prefixes)


def reimport(modules) -> None:
    """Forget ``modules`` so the next MigrationLoader imports them afresh."""
    for name in modules:
        sys.modules.pop(name, None)


def import_signature(loader, modules, connection) -> tuple:
    """What ``modules`` define when imported with ``connection`` as the default alias:
    their migrations' dependencies and operations, comparable across imports."""
    keys = migration_module_names(loader)
    signature = []
    with as_default(connection):
        for name in sorted(modules):
            sys.modules.pop(name, None)
            module = importlib.import_module(name)
            migration = module.Migration(keys[name][1], keys[name][0])
            signature.append((name, comparable(migration.dependencies),
                              comparable(migration.operations)))
            sys.modules.pop(name, None)
    return tuple(signature)


def comparable(value):
    """A picture of migrations' contents (operations, fields …) that compares across imports."""
    if callable(value) and not hasattr(value, "deconstruct"):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    if hasattr(value, "deconstruct") and not isinstance(value, type):
        path, args, kwargs = value.deconstruct()[-3:]
        return (path, comparable(list(args)), comparable(kwargs))
    if isinstance(value, dict):
        return tuple(sorted((str(k), comparable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(comparable(v) for v in value)
    return repr(value)
