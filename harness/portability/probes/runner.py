"""Run probes on a live alias (observed vs expected) or list what an offline target expects."""

from __future__ import annotations

import re
from typing import Iterable

from django.apps.registry import Apps
from django.db import connections, models
from django.db.transaction import TransactionManagementError

from harness.portability import profiles
from harness.portability.live import ensure_test_database
from harness.portability.results import ProbeRow, Target

from .base import Probe, select
from .context import Context

APP_LABEL = "portability_probes"


def run_probes(alias: str, only: Iterable[str] | str | None = None) -> list[ProbeRow]:
    """Observe the probes ``only`` names (default: all) in ``alias``'s current database.

    That database must be a test database (pytest's, or a scratch one) in autocommit mode:
    probes commit, open second connections and run DDL. Every table a probe creates is
    dropped again, whatever the probe did.
    """
    connection = connections[alias]
    ensure_test_database(connection)
    if connection.in_atomic_block:
        raise TransactionManagementError(
            f"run_probes({alias!r}) needs autocommit; it was called inside atomic() "
            "(in pytest, use @pytest.mark.backend(alias, transaction=True))"
        )
    return observe(alias, select(only))


def observe(alias: str, probes: Iterable[Probe]) -> list[ProbeRow]:
    connection = connections[alias]
    vendor, version, mariadb = live_identity(connection)
    rows = []
    for probe in probes:
        expected = probe.expected(vendor, version, mariadb)
        observed = _observe_one(probe, alias, vendor, version, mariadb)
        rows.append(
            ProbeRow(probe.id, probe.question, alias, expected, observed,
                     observed == expected, probe.reference)
        )
    return rows


def expected_rows(profile_or_target, only: Iterable[str] | str | None = None) -> list[ProbeRow]:
    """What each probe expects of an offline target: a profile, its name, or a Target."""
    name, vendor, version, mariadb = _identity_of(profile_or_target)
    return [
        ProbeRow(probe.id, probe.question, name, probe.expected(vendor, version, mariadb),
                 None, None, probe.reference)
        for probe in select(only)
    ]


def live_identity(connection) -> tuple[str, tuple[int, ...], bool]:
    """vendor, server version and MariaDB flag, as expectations are looked up by."""
    version = tuple(connection.get_database_version())
    return connection.vendor, version, bool(getattr(connection, "mysql_is_mariadb", False))


def _identity_of(target) -> tuple[str, str, tuple[int, ...], bool]:
    if isinstance(target, str):
        target = profiles.get(target)
    if isinstance(target, profiles.Profile):
        return target.name, target.vendor, tuple(target.version), target.mariadb
    if isinstance(target, Target):
        numbers = re.findall(r"\d+", (target.version or "").split("-")[0])
        return target.name, target.vendor, tuple(map(int, numbers)), target.mariadb
    raise TypeError(f"expected a profile, a profile name or a Target, not {target!r}")


def build_models(probe: Probe, alias: str) -> dict[str, type[models.Model]]:
    """The probe's tables as models of a private registry: nothing global changes.

    Their manager is pinned to ``alias``, where the project's router would pick another.
    """
    registry = Apps(installed_apps=())
    manager = type("PinnedManager", (models.Manager,), {
        "get_queryset": lambda self: models.QuerySet(self.model, using=alias),
    })
    slug = probe.id.replace("-", "_")
    built = {}
    for index, table in enumerate(probe.tables):
        meta = {"apps": registry, "app_label": APP_LABEL,
                "db_table": f"prb_{slug}" if index == 0 else f"prb_{slug}_{index}",
                **table.meta}
        attrs = {name: f.clone() for name, f in table.fields.items()}
        attrs.update(__module__=__name__, Meta=type("Meta", (), meta), objects=manager())
        built[table.name] = type(table.name, (models.Model,), attrs)
    return built


def _observe_one(probe: Probe, alias, vendor, version, mariadb) -> str:
    connection = connections[alias]
    try:
        built = build_models(probe, alias)
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    ctx = Context(alias, connection, built, vendor, version, mariadb)
    try:
        _drop(ctx, built.values())  # leftovers of an interrupted run
        for table in probe.tables:
            if table.create:
                with connection.schema_editor() as editor:
                    editor.create_model(built[table.name])
        observed = probe.action(ctx)
    except Exception as exc:  # a crashing probe is a finding, not the end of the run
        observed = f"error: {type(exc).__name__}"
    finally:
        try:
            _drop(ctx, reversed(list(built.values())))
        except Exception as exc:
            observed = f"error: cleanup {type(exc).__name__}"
    return observed


def _drop(ctx: Context, built: Iterable[type[models.Model]]) -> None:
    if ctx.connection.in_atomic_block:  # an action must not leave a transaction open
        raise TransactionManagementError("probe left a transaction open")
    for model in built:
        if ctx.table_exists(model):
            with ctx.connection.schema_editor() as editor:
                editor.delete_model(model)

