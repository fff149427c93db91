"""Database aliases configured from one URL variable each, and which of them are live.

Settings call :func:`database_settings`; everything that reports on a database
shows :func:`mask_url` of its URL, never the URL itself.
"""

from __future__ import annotations

import functools
import os
import re
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Connect timeout for every live alias: an unreachable server costs seconds, not minutes.
CONNECT_TIMEOUT_SECONDS = 3


@dataclass(frozen=True)
class AliasSpec:
    alias: str
    variable: str
    default_url: str
    engines: tuple[str, ...]  # the ENGINE values this alias accepts


ALIASES: dict[str, AliasSpec] = {
    spec.alias: spec
    for spec in (
        AliasSpec(
            "default",
            "HARNESS_SQLITE_URL",
            "sqlite:///var/harness.sqlite3",
            ("django.db.backends.sqlite3",),
        ),
        AliasSpec(
            "postgresql",
            "HARNESS_POSTGRESQL_URL",
            "postgres://postgres:postgres@127.0.0.1:5432/harness",
            ("django.db.backends.postgresql", "django_cockroachdb"),
        ),
        # The other PostgreSQL majors (scripts/postgres_versions.py starts them on 54<major>).
        *(
            AliasSpec(
                f"postgresql{major}",
                f"HARNESS_POSTGRESQL{major}_URL",
                f"postgres://postgres:postgres@127.0.0.1:{5400 + major}/harness",
                ("django.db.backends.postgresql",),
            )
            for major in (14, 16, 17, 18)
        ),
        AliasSpec(
            "mysql",
            "HARNESS_MYSQL_URL",
            "mysql://root:@127.0.0.1:3306/harness",
            ("django.db.backends.mysql",),
        ),
        AliasSpec(
            "oracle",
            "HARNESS_ORACLE_URL",
            "oracle://system:harness@127.0.0.1:1521/FREEPDB1",
            ("django.db.backends.oracle",),
        ),
    )
}


class DatabaseURLError(ImproperlyConfigured):
    """A URL variable that cannot configure its alias."""


# The scheme is optional so that a URL missing its "://" is still masked.
_USERINFO = re.compile(r"^(?P<scheme>[^:/]+://)?(?P<userinfo>.*)@(?P<rest>[^@]*)$")
_QUERY_SECRET = re.compile(r"(?i)((?:password|passwd|pwd)=)[^&]*")


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``; safe even for malformed URLs."""
    masked = _QUERY_SECRET.sub(r"\1***", url)
    match = _USERINFO.match(masked)
    if not match:
        return masked
    user, sep, password = match["userinfo"].partition(":")
    if sep and password:
        user = f"{user}:***"
    elif sep:
        user = f"{user}:"
    return f"{match['scheme'] or ''}{user}@{match['rest']}"


def parse_url(variable: str, url: str, engines: tuple[str, ...], base_dir) -> dict:
    """One DATABASES entry from ``url``, or :class:`DatabaseURLError` naming ``variable``."""
    where = f"{variable}={mask_url(url)!r}"
    try:
        parts = urlsplit(url)
        if not parts.scheme:
            raise ValueError("it has no scheme (e.g. postgres://)")
        if _unquoted_delimiter(url):
            # urlsplit would cut the password there and quote the piece in its error.
            raise ValueError("its password contains an unquoted '/', '?' or '#'")
        parts.port  # raises ValueError for a port that is not a number
        config = dj_database_url.parse(url, conn_max_age=0)
    except (ValueError, dj_database_url.ParseError) as exc:
        reason = _strip_secret(str(exc), url)
        raise DatabaseURLError(
            f"{where} is not a valid database URL ({reason}). Quote special characters "
            "in the user or password (urllib.parse.quote) and use scheme://user:password@host:port/name."
        ) from None
    if config["ENGINE"] not in engines:
        raise DatabaseURLError(
            f"{where} selects {config['ENGINE']}, but this alias needs {' or '.join(engines)}."
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = config["NAME"]
        if name != ":memory:" and not os.path.isabs(name):
            config["NAME"] = str(base_dir / name)
    elif not config.get("HOST") or not config.get("NAME"):
        raise DatabaseURLError(f"{where} needs both a host and a database name.")
    if config["ENGINE"] == "django.db.backends.oracle" and config.get("PORT"):
        # Django reads NAME as a SID when HOST/PORT are set; pluggable databases
        # (FREEPDB1) need a service name, so hand Django an Easy Connect string.
        config["NAME"] = f"{config['HOST']}:{config['PORT']}/{config['NAME']}"
        config["HOST"] = config["PORT"] = ""
    config.setdefault("OPTIONS", {})
    config["OPTIONS"] = {**_timeout_options(config["ENGINE"]), **config["OPTIONS"]}
    return config


def _unquoted_delimiter(url: str) -> bool:
    """Whether user:password@ (up to the first @) has a password with /, ? or # in it."""
    userinfo, at, _ = url.partition("://")[2].partition("@")
    user, _, password = userinfo.partition(":")
    return bool(at) and "/" not in user and any(c in password for c in "/?#")


def _strip_secret(message: str, url: str) -> str:
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    return message.replace(password, "***") if password else message


def _timeout_options(engine: str) -> dict:
    # Which driver option bounds the connect time (each driver names it differently).
    return {
        "django.db.backends.postgresql": {"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        "django_cockroachdb": {"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        "django.db.backends.mysql": {"connect_timeout": CONNECT_TIMEOUT_SECONDS},
        "django.db.backends.oracle": {"tcp_connect_timeout": CONNECT_TIMEOUT_SECONDS},
    }.get(engine, {})


def test_database_suffix() -> str:
    """A per-process token so concurrent runs (tox -p, xdist, two harnesses, two checkouts)
    never share a test database; HARNESS_TEST_DB_SUFFIX adds a recognisable prefix."""
    label = os.environ.get("HARNESS_TEST_DB_SUFFIX")
    return f"{label}_p{os.getpid()}" if label else f"p{os.getpid()}"


def database_settings(base_dir, environ=os.environ) -> dict:
    """The DATABASES setting: one alias per URL variable, each with its own test database."""
    suffix = test_database_suffix()
    databases = {}
    for spec in ALIASES.values():
        url = environ.get(spec.variable) or spec.default_url
        config = parse_url(spec.variable, url, spec.engines, base_dir)
        config["TEST"] = _test_settings(config["ENGINE"], suffix)
        databases[spec.alias] = config
    return databases


def _test_settings(engine: str, suffix: str) -> dict:
    # No alias needs another's test database first (Django's default: all need "default").
    if engine == "django.db.backends.sqlite3":
        return {"DEPENDENCIES": []}  # in-memory test database: private to the process already
    test = {"NAME": f"test_harness_{suffix}", "DEPENDENCIES": []}
    if engine == "django.db.backends.mysql":
        test.update(CHARSET="utf8mb4", COLLATION="utf8mb4_unicode_ci")
    if engine == "django.db.backends.oracle":
        # Oracle's test database is a user plus two tablespaces; all need the suffix.
        test.update(
            USER=f"test_harness_{suffix}",
            PASSWORD="Harness_test_1",
            TBLSPACE=f"test_harness_{suffix}",
            TBLSPACE_TMP=f"test_harness_{suffix}_temp",
        )
    return test


# -- reachability ---------------------------------------------------------------------------

_VERSION_SQL = {
    # Which statement reports the server version without needing the configured database.
    "postgresql": "SHOW server_version",
    "mysql": "SELECT VERSION()",
    "oracle": "SELECT version_full FROM product_component_version",
    "sqlite": "SELECT sqlite_version()",
}


@dataclass(frozen=True)
class Reachability:
    alias: str
    vendor: str
    live: bool
    version: str | None
    reason: str | None  # why it is not live; None when live
    masked_url: str

    def describe(self) -> str:
        if self.live:
            return f"{self.alias} ({self.vendor} {self.version}) at {self.masked_url}"
        return f"{self.alias} at {self.masked_url} is unreachable: {self.reason}"


def alias_url(alias: str) -> str:
    spec = ALIASES.get(alias)
    if spec is None:
        return "(configured in settings)"
    return os.environ.get(spec.variable) or spec.default_url


@functools.lru_cache(maxsize=None)
def reachability(alias: str) -> Reachability:
    """Whether ``alias`` answers within the connect timeout, and its server version."""
    from django.db import connections

    masked = mask_url(alias_url(alias))
    try:
        connection = connections[alias]
    except (ImproperlyConfigured, ImportError) as exc:  # the backend's driver does not import
        engine = connections.settings[alias]["ENGINE"]
        vendor = DRIVERS[engine].vendor if engine in DRIVERS else engine
        return Reachability(alias, vendor, False, None, missing_driver(engine, exc), masked)
    vendor = connection.vendor
    # Test the server, not the configured database: Django's test runner creates its own.
    open_cursor = connection.cursor if vendor == "sqlite" else connection._nodb_cursor
    try:
        _check_port(connection.settings_dict)
        with open_cursor() as cursor:
            cursor.execute(_VERSION_SQL.get(vendor, "SELECT 1"))
            version = str(cursor.fetchone()[0])
    except Exception as exc:  # any driver's error means "not live"; the reason says which
        return Reachability(alias, vendor, False, None, describe_error(exc, connection), masked)
    finally:
        connection.close()
    return Reachability(alias, vendor, True, version, None, masked)


@dataclass(frozen=True)
class Driver:
    vendor: str  # Django's connection.vendor, for reporting an alias whose backend won't load
    modules: tuple[str, ...]  # the backend imports one of them (offline backends too)
    fix: str  # what to install


# What each engine's backend needs imported, and what to install when it does not import.
DRIVERS = {
    "django.db.backends.postgresql": Driver("postgresql", ("psycopg", "psycopg2"),
                                            "pip install 'psycopg[binary]'"),
    "django_cockroachdb": Driver("cockroachdb", ("psycopg", "psycopg2"),
                                 "pip install 'psycopg[binary]' django-cockroachdb"),
    # PyMySQL stands in for mysqlclient offline (offline.ensure_mysql_driver).
    "django.db.backends.mysql": Driver("mysql", ("MySQLdb", "pymysql"),
                                       "pip install mysqlclient (it builds against the MariaDB/MySQL "
                                       "client headers: apt-get install libmariadb-dev pkg-config)"),
    "django.db.backends.oracle": Driver("oracle", ("oracledb", "cx_Oracle"), "pip install oracledb"),
}


def missing_driver(engine: str, exc: BaseException) -> str:
    found = DRIVERS.get(engine)
    fix = found.fix if found else "install the driver the ENGINE needs"
    return f"its driver is not installed ({' '.join(str(exc).split())}); to use it: {fix}"


def _check_port(settings_dict: dict) -> None:
    """Fail fast (refused, no route) before a driver spends its own timeout."""
    host, port = settings_dict.get("HOST"), settings_dict.get("PORT")
    name = settings_dict.get("NAME") or ""
    if not host and settings_dict["ENGINE"].endswith("oracle"):
        match = re.match(r"^([^/:]+):(\d+)/", name)  # Easy Connect host:port/service
        host, port = (match.group(1), match.group(2)) if match else (None, None)
    if not host or host.startswith("/") or not port:
        return
    with socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_SECONDS):
        pass


def describe_error(exc: BaseException, connection=None) -> str:
    """One line naming the error class and message, with any configured password masked."""
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {mask_passwords(message, connection)}"


def mask_passwords(text: str, connection=None) -> str:
    """``text`` without the password of ``connection`` or of any configured alias, raw or
    URL-quoted (an error from a subprocess or another alias may carry either)."""
    from django.conf import settings

    configs = list(getattr(settings, "DATABASES", {}).values())
    if connection is not None:
        configs.append(connection.settings_dict)
    for password in sorted({c.get("PASSWORD") or "" for c in configs} - {""}, key=len, reverse=True):
        text = text.replace(password, "***").replace(quote(password, safe=""), "***")
    return text
