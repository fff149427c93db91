"""What a probe's action gets: its models on a live connection, and small helpers that turn
what happened into the short outcome strings probes compare."""

from __future__ import annotations

import contextlib
import copy
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any, Callable

from django.db import Error, connections, transaction
from django.db.transaction import TransactionManagementError

# What an action reports as an outcome rather than a crash.
EXPECTED_ERRORS = (Error, TransactionManagementError, ValueError, ArithmeticError)
# A step of a second connection still running after this long is reported as blocked.
BLOCKED_AFTER = 0.5
# Server-side lock waits inside sessions: long enough for the interleavings, never a hang.
LOCK_WAIT_SECONDS = 3


def error_name(exc: BaseException) -> str:
    return type(exc).__name__


def error_code(exc: BaseException) -> str:
    """The server's own code behind a Django exception: SQLSTATE, MySQL errno, ORA-nnnnn."""
    cause = exc.__cause__ or exc
    if getattr(cause, "sqlstate", None):  # psycopg 3
        return cause.sqlstate
    if isinstance(cause, sqlite3.Error):
        return "locked" if "locked" in str(cause) else getattr(cause, "sqlite_errorname", "")
    args = getattr(cause, "args", ())
    if args and isinstance(args[0], int):  # MySQLdb: (errno, message)
        return str(args[0])
    if args and hasattr(args[0], "full_code"):  # oracledb: _Error
        return args[0].full_code
    return ""


@dataclass
class Context:
    alias: str
    connection: Any
    models: dict[str, type] = field(default_factory=dict)
    vendor: str = ""
    version: tuple[int, ...] = ()
    mariadb: bool = False

    def __getitem__(self, name: str):
        return self.models[name]

    def atomic(self):
        return transaction.atomic(using=self.alias)

    def cursor(self):
        return self.connection.cursor()

    def quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def table(self, model) -> str:
        return self.quote(model._meta.db_table)

    def column(self, model, field_name: str) -> str:
        return self.quote(model._meta.get_field(field_name).column)

    def error_of(self, fn: Callable[[], Any]) -> str | None:
        """Run ``fn`` in its own transaction; the error class name, or None if it worked."""
        try:
            with self.atomic():
                fn()
        except EXPECTED_ERRORS as exc:
            return error_name(exc)
        return None

    def outcome(self, fn: Callable[[], str]) -> str:
        """``fn()``'s own outcome, or the class name of the error it raised."""
        result: list[str] = []
        return self.error_of(lambda: result.append(fn())) or result[0]

    def table_exists(self, model) -> bool:
        introspection = self.connection.introspection
        with self.connection.cursor() as cursor:
            names = set(introspection.table_names(cursor))
        return introspection.identifier_converter(model._meta.db_table) in names

    @contextlib.contextmanager
    def sessions(self, count: int = 2, **options):
        """``count`` extra connections to the same database, each on its own thread."""
        opened: list[Session] = []
        try:
            for _ in range(count):
                opened.append(Session(self.connection, options))
            yield opened
        finally:
            # Queue every close before waiting: a session blocked on another's lock is
            # released once that one rolls back.
            closing = [s.submit(s.close, always=True) for s in opened]
            for session, future in zip(opened, closing):
                with contextlib.suppress(Exception):
                    future.result(timeout=LOCK_WAIT_SECONDS * 3)
                session.executor.shutdown(wait=False)


class Session:
    """A second connection (a copy of the probe's) that runs submitted steps in order on a
    thread of its own, so a step may block on a lock without blocking the probe."""

    def __init__(self, connection, options: dict):
        settings = copy.deepcopy(connection.settings_dict)
        settings["OPTIONS"] = {**settings.get("OPTIONS", {}), **_options(connection, options)}
        self.alias = connection.alias
        self.vendor = connection.vendor
        self.serializable = options.get("isolation") == "serializable"
        self.failed: BaseException | None = None
        self.executor = ThreadPoolExecutor(max_workers=1)
        self.wrapper = self.submit(
            lambda: self._install(type(connection), settings), always=True
        ).result(timeout=LOCK_WAIT_SECONDS * 3)

    def _install(self, wrapper_class, settings):
        # Created on its own thread (Django ties a connection to its thread); the ORM on
        # this thread now uses it.
        self.wrapper = wrapper_class(settings, self.alias)
        connections[self.alias] = self.wrapper
        with self.wrapper.cursor() as cursor:
            if self.vendor == "postgresql" or self.vendor == "cockroachdb":
                cursor.execute(f"SET lock_timeout = '{LOCK_WAIT_SECONDS}s'")
            elif self.vendor == "mysql":
                cursor.execute(f"SET SESSION innodb_lock_wait_timeout = {LOCK_WAIT_SECONDS}")
        return self.wrapper

    def submit(self, step: Callable[[], Any], always: bool = False) -> Future:
        """Queue ``step``; after a step failed, later ones are skipped unless ``always``."""

        def run():
            if self.failed is not None and not always:
                return None
            try:
                return step()
            except BaseException as exc:
                self.failed = self.failed or exc
                raise

        return self.executor.submit(run)

    def call(self, step: Callable[[], Any]) -> Any:
        return self.submit(step).result(timeout=LOCK_WAIT_SECONDS * 3)

    def begin(self):
        self.failed = None
        self.wrapper.set_autocommit(False)
        if self.vendor == "oracle" and self.serializable:  # Oracle sets it per transaction
            with self.wrapper.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")

    def commit(self):
        self.wrapper.commit()
        self.wrapper.set_autocommit(True)

    def rollback(self):
        with contextlib.suppress(Exception):
            self.wrapper.rollback()
        with contextlib.suppress(Exception):
            self.wrapper.set_autocommit(True)

    def close(self):
        self.rollback()
        with contextlib.suppress(Exception):
            self.wrapper.close()


def _options(connection, options: dict) -> dict:
    """Driver options for a session; ``isolation="serializable"`` in each backend's terms."""
    result = {}
    if options.get("isolation") == "serializable":
        if connection.vendor in ("postgresql", "cockroachdb"):
            from django.db.backends.postgresql.psycopg_any import IsolationLevel

            result["isolation_level"] = IsolationLevel.SERIALIZABLE
        elif connection.vendor == "mysql":
            result["isolation_level"] = "serializable"
    if connection.vendor == "sqlite":
        result["timeout"] = 1  # seconds a busy file database is retried
    return result


def wait(future: Future, seconds: float = BLOCKED_AFTER) -> str | None:
    """'blocked' if ``future`` is still running after ``seconds``; else None."""
    try:
        future.result(timeout=seconds)
    except FutureTimeout:
        return "blocked"
    except BaseException:
        return None
    return None
