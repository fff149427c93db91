"""Render every migration's SQL for a target exactly as ``manage.py sqlmigrate`` prints it.

The project state each operation sees is computed once (``MigrationPlan``) and shared by
every target; a target only runs ``database_forwards`` against its own schema editor.

* Offline, the schema editor collects SQL and the connection's catalog answers
  introspection as if the previous migrations had been applied.
* Live, each migration's SQL is collected against a scratch test database migrated up to
  the previous migration, then the migration is applied for real — which is the state in
  which ``sqlmigrate`` can render introspecting operations (RenameIndex(old_fields=…), …).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState
from django.db.transaction import atomic

from .databases import describe_error
from .offline.catalog import ORACLE_GENERATED


@dataclass
class PlannedMigration:
    app_label: str
    name: str
    migration: object
    state_before: ProjectState  # never rendered: each target renders its own clone


@dataclass
class RenderedMigration:
    app_label: str
    name: str
    sql: str | None
    error: str | None
    statements: list[str] = field(default_factory=list)


class MigrationPlan:
    """The selected apps' migrations in dependency order, each with the states it sees."""

    def __init__(self, app_labels, loader: MigrationLoader | None = None):
        # Without a connection: nothing is read from django_migrations, and squashed
        # migrations are not replaced (as sqlmigrate loads them).
        self.loader = loader or MigrationLoader(None, replace_migrations=False)
        graph = self.loader.graph
        wanted = set(app_labels)
        order: dict[tuple[str, str], None] = {}
        for leaf in sorted(n for n in graph.leaf_nodes() if n[0] in wanted):
            for node in graph.forwards_plan(leaf):
                if node[0] in wanted:
                    order.setdefault(node)
        # Per app: the state so far and the migrations it includes.
        self._chains: dict[str, tuple[ProjectState, set]] = {}
        self.migrations = [self._plan(node) for node in order]

    def _plan(self, node) -> PlannedMigration:
        # sqlmigrate renders with the state of the migration's ancestors only, built
        # unrendered (as MigrationLoader.project_state does) so that each target renders
        # models in the same order sqlmigrate would.
        state, applied = self._state_before(node)
        migration = self.loader.graph.nodes[node]
        planned = PlannedMigration(node[0], node[1], migration, state.clone())
        state = migration.mutate_state(state, preserve=False)
        self._chains[node[0]] = (state, applied | {node})
        return planned

    def _state_before(self, node) -> tuple[ProjectState, set]:
        state, applied = self._chains.get(node[0], (None, set()))
        if state is None:
            state = ProjectState(real_apps=self.loader.unmigrated_apps)
        for ancestor in self.loader.graph.forwards_plan(node)[:-1]:
            if ancestor not in applied:
                state = self.loader.graph.nodes[ancestor].mutate_state(state, preserve=False)
                applied = applied | {ancestor}
        return state, applied


@contextlib.contextmanager
def rendering_context(targets: dict):
    """Render every app on every target whatever the routers say (as sqlmigrate would if
    the app lived there); offline connections are registered so atomic() finds them."""
    saved_routers = router.__dict__.get("routers")
    router.__dict__["routers"] = []
    registered = [c.alias for c in targets.values() if c.alias not in connections.settings]
    for connection in targets.values():
        if connection.alias in registered:
            connections[connection.alias] = connection
    try:
        yield
    finally:
        for alias in registered:
            del connections[alias]
        if saved_routers is None:
            router.__dict__.pop("routers", None)
        else:
            router.__dict__["routers"] = saved_routers


def render(plan: MigrationPlan, targets: dict, live=(), advance=lambda: None, lost=None) -> dict:
    """Every planned migration on every target: {target: [RenderedMigration, ...]}.

    Targets in ``live`` are applied to their (scratch) database after each migration is
    collected; offline targets commit what the migration recorded to their catalog.
    A live server that stops answering is dropped from the run and recorded in ``lost``
    ({target: reason}); the other targets carry on.
    """
    lost = {} if lost is None else lost
    results = {name: [] for name in targets}
    active = dict(targets)
    with rendering_context(targets):
        for planned in plan.migrations:
            collected = collect_lockstep(planned, active)
            for name, connection in list(active.items()):
                result = _result(planned, connection, collected[name])
                if name in live:
                    _apply(planned, connection, result)
                    if result.error and (why := server_lost(connection)):
                        lost[name] = f"lost the server while rendering {planned.app_label}.{planned.name}: {why}"
                        del active[name]
                        continue
                else:
                    connection.catalog.commit()  # visible to the next migration
                results[name].append(result)
            advance()
    return results


def server_lost(connection) -> str | None:
    """Why ``connection``'s server no longer answers, or None when it does."""
    try:
        if connection.connection is not None and connection.is_usable():
            return None
        connection.close()
        connection.ensure_connection()  # one reconnect, bounded by the connect timeout
        return None
    except Exception as exc:
        return describe_error(exc, connection)


def collect_lockstep(planned: PlannedMigration, targets: dict) -> dict:
    """Migration.apply(collect_sql=True) for all targets at once: the project state moves
    forward once per operation and every target's schema editor sees the same states, so
    models are rendered once instead of once per target."""
    migration = planned.migration
    outcome: dict = {}
    editors = {}
    for name, connection in targets.items():
        editor = connection.schema_editor(collect_sql=True, atomic=migration.atomic)
        try:
            editors[name] = editor.__enter__()
        except Exception as exc:
            outcome[name] = exc

    def fail(name, exc):
        editors.pop(name).__exit__(type(exc), exc, exc.__traceback__)
        outcome[name] = exc

    state = planned.state_before.clone()
    for operation in migration.operations:
        for editor in editors.values():
            editor.collected_sql.extend(["--", "-- %s" % operation.describe(), "--"])
            if not operation.reduces_to_sql:
                editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")
        if not operation.reduces_to_sql:
            continue
        before = {name: len(editor.collected_sql) for name, editor in editors.items()}
        old_state = state.clone()
        operation.state_forwards(migration.app_label, state)
        atomic_operation = operation.atomic or (migration.atomic and operation.atomic is not False)
        for name, editor in list(editors.items()):
            try:
                if not editor.atomic_migration and atomic_operation:
                    with atomic(editor.connection.alias):
                        operation.database_forwards(migration.app_label, editor, old_state, state)
                else:
                    operation.database_forwards(migration.app_label, editor, old_state, state)
            except Exception as exc:
                fail(name, exc)
                continue
            if before[name] == len(editor.collected_sql):
                editor.collected_sql.append("-- (no-op)")
    for name, editor in list(editors.items()):
        try:
            editor.__exit__(None, None, None)  # runs the deferred SQL (indexes, FKs)
            outcome[name] = editor.collected_sql
        except Exception as exc:
            outcome[name] = exc
    return outcome


def _apply(planned: PlannedMigration, connection, result: RenderedMigration) -> None:
    try:
        with connection.schema_editor(atomic=planned.migration.atomic) as editor:
            planned.migration.apply(planned.state_before.clone(), editor)
    except Exception as exc:
        why = f"applying it to the scratch database failed: {describe_error(exc, connection)}"
        result.error = f"{result.error}; {why}" if result.error else why


def sqlmigrate_text(statements: list[str], planned: PlannedMigration, connection) -> str:
    """What sqlmigrate writes to stdout: the statements, BEGIN/COMMIT where DDL is
    transactional, and a final newline; nothing at all when there are no statements."""
    if not statements:
        return ""
    text = "\n".join(statements)
    if planned.migration.atomic and connection.features.can_rollback_ddl:
        text = "%s\n%s\n%s" % (
            connection.ops.start_transaction_sql(),
            text,
            connection.ops.end_transaction_sql(),
        )
    return text + "\n"


def _result(planned: PlannedMigration, connection, collected) -> RenderedMigration:
    if isinstance(collected, BaseException):
        return RenderedMigration(
            planned.app_label, planned.name, None,
            f"sqlmigrate cannot render this migration on {connection.alias}: "
            f"{describe_error(collected, connection)}",
        )
    sql = sqlmigrate_text(collected, planned, connection)
    error = None
    if ORACLE_GENERATED in sql:
        error = (
            "partly rendered: this migration drops a constraint whose name Oracle generates "
            f"at run time (SYS_C…); the SQL shows {ORACLE_GENERATED}_n in its place"
        )
    return RenderedMigration(planned.app_label, planned.name, sql, error, collected)


_TABLE_OF_STATEMENT = re.compile(
    r"^\s*(?:CREATE TABLE|ALTER TABLE|DROP TABLE|COMMENT ON TABLE|"
    r"CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?\S+ ON|DROP INDEX \S+ ON)\s+[`\"]?([^`\"\s(]+)",
    re.IGNORECASE,
)


def statement_table(statement: str) -> str | None:
    """The table a DDL statement creates or alters (None for comments, BEGIN, PL/SQL …)."""
    match = _TABLE_OF_STATEMENT.match(statement)
    return match.group(1) if match else None
