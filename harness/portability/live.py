"""Scratch test databases on live servers: created by Django's test-database machinery,
named like every other test database of this process plus a purpose, and always dropped.

Nothing outside such a database is created, changed or dropped.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from .databases import describe_error

logger = logging.getLogger("harness.portability")


class UnsafeDatabase(RuntimeError):
    """The harness refuses to write to a database whose name does not look like a test one."""


def looks_like_test_database(connection) -> bool:
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite":
        return name == ":memory:" or "mode=memory" in name
    if connection.vendor == "oracle":
        user = str(connection.settings_dict.get("USER") or "")
        return user.lower().startswith("test_")
    return name.lower().startswith("test_")


def ensure_test_database(connection) -> None:
    if not looks_like_test_database(connection):
        raise UnsafeDatabase(
            f"refusing to write to {connection.alias!r}: its database does not look like a "
            "test database (name starting with test_); the harness only writes to databases "
            "it creates with Django's test-database machinery"
        )


def _scratch_test_settings(test: dict, vendor: str, purpose: str) -> dict:
    """This process's TEST names with ``purpose`` appended, so a scratch database never
    collides with the test database pytest (or another harness step) already holds."""
    test = dict(test)
    if vendor == "sqlite":
        # Its own shared in-memory database, not the alias's usual test database.
        test["NAME"] = f"file:memorydb_{purpose}_{os.getpid()}?mode=memory&cache=shared"
        return test
    for key in ("NAME", "USER", "TBLSPACE", "TBLSPACE_TMP"):
        if test.get(key):
            test[key] = f"{test[key]}_{purpose}"
    return test


class ScratchDatabase:
    """A new, empty test database behind ``connection``, made again by ``reset()`` and
    dropped by ``close()`` (the walk starts a fresh database between alternatives)."""

    def __init__(self, connection, purpose: str = "scratch"):
        self.connection = connection
        self.original_name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"] = _scratch_test_settings(
            connection.settings_dict.get("TEST", {}), connection.vendor, purpose)
        self.name = None
        self.reset()

    def reset(self) -> None:
        self.close()
        connection = self.connection
        connection.settings_dict["NAME"] = self.original_name
        # As create_test_db() does, without running migrate: the walk migrates step by step.
        self.name = connection.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        BaseDatabaseWrapper.close(connection)
        connection.settings_dict["NAME"] = self.name
        ensure_test_database(connection)

    def close(self) -> None:
        if self.name is None:
            return
        connection, name, self.name = self.connection, self.name, None
        with contextlib.suppress(Exception):
            BaseDatabaseWrapper.close(connection)  # SQLite ignores close() on in-memory databases
        try:
            connection.creation._destroy_test_db(name, verbosity=0)
        except Exception as exc:  # a server that died mid-run cannot drop anything
            logger.warning("could not drop scratch test database %s on %s: %s",
                           name, connection.alias, describe_error(exc, connection))
        connection.settings_dict["NAME"] = self.original_name


@contextlib.contextmanager
def scratch_database(alias: str, purpose: str = "scratch"):
    """A new, empty test database behind ``connections[alias]`` for the block.

    A second DatabaseWrapper serves it, so the alias's own connection (maybe holding
    pytest's test database, or an in-memory SQLite one) is neither closed nor changed.
    """
    original = connections[alias]
    settings_dict = copy.deepcopy(original.settings_dict)
    settings_dict["TEST"] = _scratch_test_settings(settings_dict.get("TEST", {}), original.vendor, purpose)
    scratch = original.__class__(settings_dict, alias)
    # As create_test_db() does, without running migrate: the caller migrates step by step.
    test_name = scratch.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    scratch.close()
    scratch.settings_dict["NAME"] = test_name
    connections[alias] = scratch
    try:
        ensure_test_database(scratch)
        yield scratch
    finally:
        connections[alias] = original
        with contextlib.suppress(Exception):
            # SQLite ignores close() on in-memory databases; this one is ours to drop.
            BaseDatabaseWrapper.close(scratch)
        try:
            scratch.creation._destroy_test_db(test_name, verbosity=0)
        except Exception as exc:  # a server that died mid-run cannot drop anything
            logger.warning("could not drop scratch test database %s on %s: %s",
                           test_name, alias, describe_error(exc, scratch))
