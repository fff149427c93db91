"""One target's round trip, in a process whose only (default) alias is that target:

    python -m harness.portability.roundtrip.run --apps pots auth --output out.json

started by :func:`harness.portability.roundtrip.round_trip` through
``as_default.launch(..., single=True)``. In a scratch test database (live.scratch_database)
it migrates the apps forwards to their leaves, backwards to zero, forwards again, and after
each pass compares the real schema with the migration state. Writes one JSON object:
``{"server", "steps": [RoundTripStep], "drift": [Drift]}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import sys
from dataclasses import asdict

from ..results import BACKWARDS_PASS, FORWARDS_AGAIN, FORWARDS_PASS, RoundTripStep


class StatementLog:
    """What each migration ran (connection.execute_wrapper), for the failing statement and
    to attribute drift to the migration whose statements named the object."""

    def __init__(self):
        self.current: tuple[str, str] | None = None
        self.failed: str | None = None  # the statement the server refused
        self.forwards: list[tuple[str, str, str]] = []  # (app, migration, sql) of forwards passes
        self.recording = False
        self.done = 0

    def progress(self, action, migration=None, fake=False):
        if action in ("apply_start", "unapply_start"):
            self.current = (migration.app_label, migration.name)
            self.failed = None  # an error an earlier migration caught is not this one's
            self.recording = action == "apply_start"
        elif action in ("apply_success", "unapply_success"):
            self.done += 1

    def __call__(self, execute, sql, params, many, context):
        if self.recording and self.current:
            self.forwards.append((*self.current, sql))
        try:
            return execute(sql, params, many, context)
        except Exception:
            self.failed = self.failed or sql  # the first refused; cleanup may run more
            raise

    def attribute(self, table: str, name: str | None, first: bool = False):
        """(app, migration) whose statement last (or ``first``) named ``table`` (and ``name``)."""
        from ..ddl import statement_table
        from .compare import table_of

        from ..halfapply import schema_changing

        rows = self.forwards if first else list(reversed(self.forwards))
        tables = [((table_of(statement_table(s) or _virtual_table(s)) or "").lower(), a, m, s) for a, m, s in rows]
        if name is not None:
            named = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])", re.IGNORECASE)
            # DDL on the table, or naming no table (PostgreSQL's DROP INDEX "name").
            for on, app, migration, sql in tables:
                if (on == table.lower() or (on == "" and schema_changing(sql))) and named.search(sql):
                    return app, migration
        on_table = [(app, migration) for on, app, migration, _ in tables if on == table.lower()]
        return on_table[0] if on_table else (None, None)


_VIRTUAL = re.compile(r"^\s*CREATE VIRTUAL TABLE (?:IF NOT EXISTS )?[`\"]?([^`\"\s(]+)", re.IGNORECASE)


def _virtual_table(statement: str) -> str | None:
    """SQLite's CREATE VIRTUAL TABLE (full-text search), which ddl.statement_table skips."""
    match = _VIRTUAL.match(statement)
    return match.group(1) if match else None


def run_pass(connection, log: StatementLog, targets, phase: str) -> RoundTripStep:
    from django.db import DatabaseError
    from django.db.migrations.exceptions import IrreversibleError
    from django.db.migrations.executor import MigrationExecutor

    from ..databases import describe_error

    executor = MigrationExecutor(connection, progress_callback=log.progress)
    log.current, log.failed, log.done = None, None, 0
    step = RoundTripStep(target="", phase=phase, status="ok")
    try:
        plan = executor.migration_plan(targets)
        with connection.execute_wrapper(log):
            executor.migrate(targets, plan=plan)
    except Exception as exc:
        step.status = "irreversible" if isinstance(exc, IrreversibleError) else "failed"
        if log.current:
            step.app, step.migration = log.current
        # The statement the server refused; other errors are Django's own.
        step.statement = log.failed if isinstance(exc, DatabaseError) else None
        # Without object addresses (Django's IrreversibleError names the operation's repr).
        step.error = re.sub(r" at 0x[0-9a-f]+", "", " ".join(describe_error(exc, connection).split()))[:600]
    step.migrations = log.done
    return step


def applied_state(connection):
    """(ProjectState of the migrations recorded as applied, their app labels)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    applied = executor.loader.applied_migrations
    return executor._create_project_state(with_applied_migrations=True), {app for app, _ in applied}


def round_trip(connection, app_labels) -> dict:
    from django.db.migrations.loader import MigrationLoader

    from .compare import compare
    from .expected import expected_schema
    from .schema import snapshot

    loader = MigrationLoader(connection)
    leaves = [node for label in app_labels for node in loader.graph.leaf_nodes(label)]
    # Every app the forwards pass applies (dependencies included) goes back to zero.
    apps = sorted({app for node in leaves for app, _ in loader.graph.forwards_plan(node)})
    log = StatementLog()
    before = snapshot(connection)
    steps, drift = [], []
    mariadb = bool(getattr(connection, "mysql_is_mariadb", False))

    def check(phase, completed):
        state, applied_apps = applied_state(connection)
        actual = {t: v for t, v in snapshot(connection).items() if t not in before}
        expected = expected_schema(state, connection, applied_apps)
        first = phase == BACKWARDS_PASS
        drift.extend(compare(actual, expected, vendor=connection.vendor, target="", phase=phase,
                             attribute=lambda t, n: log.attribute(t, n, first), mariadb=mariadb,
                             left_behind=first and completed))

    for phase, targets in ((FORWARDS_PASS, leaves), (BACKWARDS_PASS, [(app, None) for app in apps]),
                           (FORWARDS_AGAIN, leaves)):
        step = run_pass(connection, log, targets, phase)
        steps.append(step)
        check(phase, step.status == "ok")
    server = f"{connection.display_name} {'.'.join(map(str, connection.get_database_version()))}" \
        if connection.vendor != "sqlite" else f"SQLite {connection.Database.sqlite_version}"
    return {"server": server, "apps": apps, "steps": [asdict(s) for s in steps],
            "drift": [asdict(d) for d in drift]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", nargs="+", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    import django

    with contextlib.redirect_stdout(sys.stderr):  # what migrations print stays out of the way
        django.setup()
        from django.db import DEFAULT_DB_ALIAS

        from ..live import scratch_database

        with scratch_database(DEFAULT_DB_ALIAS, "roundtrip") as connection:
            result = round_trip(connection, args.apps)
    with open(args.output, "w", encoding="utf-8") as out:
        json.dump(result, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
