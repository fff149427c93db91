"""The lint's targets: profiles named by settings, each with a never-connected DatabaseWrapper.

Rules ask Django itself (``features``, ``ops``, ``field.db_type``) through these wrappers.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from typing import Any, Iterable

from django.conf import settings
from django.core import checks
from django.db.utils import load_backend

from .. import profiles
from ..profiles import PROFILES, Profile

try:
    from ..offline import connection_for as _shared_connection_for
except ImportError:  # the shared offline factory is absent (or not importable yet)
    _shared_connection_for = None

_SETTINGS = {
    "NAME": "lint",
    "USER": "",
    "PASSWORD": "",
    "HOST": "",
    "PORT": "",
    "OPTIONS": {},
    "TIME_ZONE": None,
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "AUTOCOMMIT": True,
    "ATOMIC_REQUESTS": False,
    "TEST": {},
}


@dataclass(frozen=True)
class Backend:
    """One target profile and the wrapper the rules question."""

    profile: Profile
    connection: Any

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def vendor(self) -> str:
        return self.connection.vendor

    @property
    def features(self):
        return self.connection.features

    def feature(self, name: str, default: bool = True) -> bool:
        # A feature that would still need a server counts as supported: no false alarms.
        try:
            return bool(getattr(self.features, name))
        except Exception:
            return default


def _ensure_mysql_driver() -> None:
    # Django's MySQL backend imports MySQLdb at import time; offline, PyMySQL stands in.
    if importlib.util.find_spec("MySQLdb") is None:
        import pymysql

        pymysql.install_as_MySQLdb()


def _offline_wrapper(profile: Profile):
    """A wrapper of the profile's ENGINE whose server facts come from the profile."""
    if profile.vendor == "mysql":
        _ensure_mysql_driver()
    wrapper_class = load_backend(profile.engine).DatabaseWrapper
    connection = wrapper_class(
        {"ENGINE": profile.engine, **_SETTINGS, "OPTIONS": {}, "TEST": {}},
        alias=f"lint-{profile.name}",
    )
    # cached_property values live in the instance dict: pre-filling them answers for the server.
    connection.__dict__.update(profile.server)
    return connection


def _prime(connection, profile: Profile) -> None:
    """Fill the facts Django would derive lazily, so no property ever reaches for a cursor."""
    facts = connection.__dict__
    data = profile.server.get("mysql_server_data")
    if data is not None:
        facts.setdefault("mysql_is_mariadb", profile.mariadb)
        facts.setdefault("mysql_version", profile.version[:3])
        facts.setdefault("sql_mode", set(filter(None, data.get("sql_mode", "").split(","))))
    if profile.vendor == "sqlite":
        import sqlite3

        # JSON1 is built into SQLite since 3.38; Django would otherwise run a query to find out.
        connection.features.__dict__.setdefault(
            "supports_json_field", sqlite3.sqlite_version_info >= (3, 38)
        )


@functools.cache
def backend(name: str) -> Backend:
    profile = profiles.get(name)
    if _shared_connection_for is not None:
        if profile.vendor == "mysql":
            _ensure_mysql_driver()
        connection = _shared_connection_for(profile, alias=f"lint-{profile.name}")
    else:
        connection = _offline_wrapper(profile)
    _prime(connection, profile)
    return Backend(profile, connection)


def _ordered(names: Iterable[str]) -> list[str]:
    wanted = set(names)
    return [name for name in PROFILES if name in wanted]


def resolve(targets=None) -> tuple[list[Backend], list[checks.CheckMessage]]:
    """Backends for ``targets`` (names or Profiles), else for ``PORTABILITY_TARGETS``.

    Explicit unknown names raise ``UnknownName``; unknown names in the setting become
    ``portability.E001`` errors and the valid names are still linted.
    """
    if targets is not None:
        names = [t.name if isinstance(t, Profile) else profiles.get(t).name for t in targets]
        return [backend(n) for n in _ordered(names)], []
    configured = getattr(settings, "PORTABILITY_TARGETS", None)
    if configured is None:
        return [backend(n) for n in PROFILES], []
    if isinstance(configured, str):
        configured = [configured]
    errors, names = [], []
    for name in configured:
        try:
            names.append(profiles.get(name).name)
        except profiles.UnknownName as error:
            hint = f"Did you mean {error.closest!r}? " if error.closest else ""
            errors.append(
                checks.Error(
                    f"PORTABILITY_TARGETS names an unknown profile {name!r}.",
                    hint=f"{hint}Valid profiles: {', '.join(PROFILES)}.",
                    obj="settings.PORTABILITY_TARGETS",
                    id="portability.E001",
                )
            )
    return [backend(n) for n in _ordered(names)], errors


def names(backends: Iterable[Backend]) -> str:
    return ", ".join(b.name for b in backends)
