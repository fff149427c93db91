"""DatabaseWrappers for a pinned server version that never open a connection.

Django asks a server for a handful of facts (``pg_version``, ``mysql_server_data``,
``oracle_version`` ...) and, while rendering some migrations, for the constraints that
already exist. An offline wrapper answers the first from a :class:`Profile` and the second
from a :class:`~.catalog.Catalog` kept up to date as the migration plan is walked.

Drivers: Django's MySQL backend imports ``MySQLdb`` (mysqlclient, a C extension) and the
Oracle backend imports ``oracledb``. Offline rendering needs neither's C library: when
mysqlclient is missing, PyMySQL (pure Python) stands in for it; python-oracledb runs in
its pure-Python "thin" mode and needs no Oracle client. Neither ever connects here.
"""

from __future__ import annotations

import functools
import importlib.util

from django.db import DEFAULT_DB_ALIAS
from django.db.utils import load_backend

from ..profiles import Profile
from .catalog import Catalog
from .wrappers import ServerNeeded, offline_wrapper_class

__all__ = ["Catalog", "ServerNeeded", "connection_for", "ensure_mysql_driver"]


def ensure_mysql_driver() -> str:
    """Make ``import MySQLdb`` work without mysqlclient; returns the driver's name."""
    import sys

    module = sys.modules.get("MySQLdb")
    if module is not None:
        return "PyMySQL" if module.__name__ == "pymysql" else "mysqlclient"
    try:
        import MySQLdb  # noqa: F401  (found but broken, e.g. its C library missing: PyMySQL)

        return "mysqlclient"
    except ImportError:
        pass
    import pymysql

    pymysql.install_as_MySQLdb()
    return "PyMySQL"


def connection_for(profile: Profile, alias: str | None = None):
    """A never-connecting DatabaseWrapper that renders SQL as ``profile``'s server would;
    its alias is "default" unless given (targets render as the default alias)."""
    if profile.vendor == "mysql":
        ensure_mysql_driver()
    wrapper_class = _wrapper_class(profile.engine)
    settings_dict = {
        "ENGINE": profile.engine,
        "NAME": "offline",
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
    connection = wrapper_class(settings_dict, alias=alias or DEFAULT_DB_ALIAS)
    connection.profile = profile
    connection.catalog = Catalog(connection)
    # Cached properties live in the instance dict: pre-filling them is "asking the server".
    connection.__dict__.update(profile.server)
    connection.features.__dict__.update(profile.features)
    if profile.vendor == "oracle":
        # Oracle's first connection tests whether LIKE works as Django writes it (it does on
        # every supported release) and sets these; conditional constraints need them.
        connection.operators = connection._standard_operators
        connection.pattern_ops = connection._standard_pattern_ops
    connection.autocommit = True
    return connection


@functools.cache
def _wrapper_class(engine: str):
    return offline_wrapper_class(load_backend(engine).DatabaseWrapper)
