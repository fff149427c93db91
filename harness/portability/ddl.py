"""Render migrations for several targets exactly as ``manage.py sqlmigrate`` prints them.

``render_walk.py`` follows a :class:`~.walk.MigrationWalk`; for each migration every target
renders it forwards against a database (or catalog) migrated up to just before it, then
records it as applied, then renders it backwards (``sqlmigrate --backwards``, against the
database migrated up to and including it). Targets render in lockstep: the project state
moves once per operation and each target's schema editor sees the same states
(:func:`collect` mirrors ``Migration.apply`` and ``Migration.unapply`` with
``collect_sql=True``), each target inside :func:`~.defaults.as_default`.

A *side* is what a target renders with: an offline connection whose catalog answers
introspection, or a live scratch database (see ``sides.py``); ``side.default`` is the
connection that is the default alias meanwhile — the side's own, or (to render it as a
routed secondary alias, seed 003's setup) the project's default.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from django.db.migrations import Migration
from django.db.migrations.operations import RunPython
from django.db.migrations.exceptions import IrreversibleError
from django.db.transaction import atomic

from . import related
from .databases import describe_error
from .defaults import as_default
from .editors import NeedsData, PrintedValue, Volatile
from .fastapps import forget_reverse_relations, reverse_mark
from .faststate import FastProjectState
from .offline.catalog import ORACLE_GENERATED
from .offline.wrappers import ServerNeeded

OK, NEEDS_SERVER, ERROR, IRREVERSIBLE = "ok", "needs-server", "error", "irreversible"
FORWARDS, BACKWARDS = "forwards", "backwards"


@dataclass
class Rendering:
    """One direction of one migration on one target."""

    sql: str | None  # exactly what sqlmigrate prints; None when it cannot be rendered
    status: str  # OK | NEEDS_SERVER | ERROR | IRREVERSIBLE
    reason: str | None = None
    statements: list[str] = field(default_factory=list)
    volatile: list[Volatile] = field(default_factory=list)
    printed: list[PrintedValue] = field(default_factory=list)


@dataclass
class RenderedMigration:
    target: str
    app_label: str
    name: str
    forwards: Rendering
    backwards: Rendering | None = None
    routed: bool = False  # rendered as a routed secondary alias (the project's default another)


@dataclass
class Collected:
    """What one target's schema editor collected for a migration, or where it failed."""

    statements: list[str] | None
    error: BaseException | None = None
    failed_operation: int | None = None  # index into migration.operations
    editor: object = None
    sqlmigrate_error: BaseException | None = None  # sqlmigrate fails; statements: what migrate runs
    exact: bool = False  # rendered with Django's own ProjectState (its SQL walked reverse relations)


def _describe(editor, operation) -> None:
    editor.collected_sql.extend(["--", "-- %s" % operation.describe(), "--"])
    if not operation.reduces_to_sql:
        editor.collected_sql.append("-- THIS OPERATION CANNOT BE WRITTEN AS SQL")


def atomic_operation(migration, operation) -> bool:
    """Migration.apply/unapply: does this operation ask for a transaction?"""
    return operation.atomic or (migration.atomic and operation.atomic is not False)


def operation_transaction(editor, migration, operation):
    """Migration.apply/unapply: an atomic operation in a non-atomic migration (or on a
    backend without transactional DDL) gets a transaction of its own."""
    if not editor.atomic_migration and atomic_operation(migration, operation):
        return atomic(editor.connection.alias)
    return contextlib.nullcontext()


def _run(operation, editor, migration, method, app_label, from_state, to_state) -> None:
    related.operation_started()
    with operations_restored([operation]), operation_transaction(editor, migration, operation):
        getattr(operation, method)(app_label, editor, from_state, to_state)


@contextlib.contextmanager
def operations_restored(operations):
    """Django's RenameModel/RenameIndex.database_backwards swap the operation's own names
    and swap them back only if nothing raised; a failed render must not leave a migration
    (shared by every later render and state of this process) reversed."""
    saved = [(op, dict(op.__dict__)) for op in _with_nested(operations)]
    try:
        yield
    finally:
        for op, attributes in saved:
            if op.__dict__ != attributes:
                op.__dict__.clear()
                op.__dict__.update(attributes)


def _with_nested(operations):
    for op in operations:
        yield op
        for value in vars(op).values():
            if isinstance(value, (list, tuple)) and value and all(hasattr(v, "state_forwards") for v in value):
                yield from _with_nested(value)


def collect(migration, state, sides: dict, backwards: bool = False, trace: list | None = None):
    """``Migration.apply`` (or ``unapply``) with ``collect_sql=True`` on every side at once.

    ``state`` is the project state before the migration; it is consumed. A migration class
    with its own ``apply``/``unapply`` (django CMS checks the table before deciding) runs
    that method on each side instead. ``trace``: forwards, filled with the state before each
    operation and the state after the last (when they are Django's: see :func:`traceable`);
    backwards, those states, reused instead of computed again.
    """
    if isinstance(state, FastProjectState):
        mark, kept, visited = reverse_mark(), state.clone(), [state]
        outcome = _collect(migration, state, sides, backwards, trace, visited)
        if reverse_mark() == mark:
            return outcome
        # The SQL walked reverse relations, which only Django's own state keeps exact. What
        # Options cached of them on the classes these states share must not answer again.
        forget_reverse_relations(visited)
        for side in sides.values():
            side.discard_run()
        if trace is not None and not backwards:
            trace.clear()
        outcome = _collect(migration, kept.exact(), sides, backwards)
        for collected in outcome.values():
            collected.exact = True
        return outcome
    return _collect(migration, state, sides, backwards)


def traceable(migration) -> bool:
    """Whether collecting it forwards passes through the states make_state and unapply
    build: every operation's state change runs (RunPython has none)."""
    return not _overrides(migration, "apply") and not _overrides(migration, "unapply") and all(
        op.reduces_to_sql or isinstance(op, RunPython) for op in migration.operations)


def _collect(migration, state, sides: dict, backwards: bool, trace=None, visited=None) -> dict[str, Collected]:
    if _overrides(migration, "unapply" if backwards else "apply"):
        # Django's own Migration.apply runs there, on a state of each side's own. The fast
        # state is exact for it but in SQLite's column order (the first operation's render
        # order, which only _forwards_steps follows): SQLite gets Django's own state, as
        # sqlmigrate does. (collect() still falls back where reverse relations were read.)
        fast = isinstance(state, FastProjectState)
        exact = state.exact() if fast else state
        return {name: _collect_own_method(
                    migration, state.clone() if fast and side.connection.vendor != "sqlite" else exact.clone(),
                    side, backwards)
                for name, side in sides.items()}
    outcome: dict[str, Collected] = {}
    editors = {}
    for name, side in sides.items():
        with as_default(side.default):
            editor = side.connection.schema_editor(collect_sql=True, atomic=migration.atomic)
            try:
                editors[name] = editor.__enter__()
            except Exception as exc:
                outcome[name] = Collected(None, exc, 0, editor)

    def fail(name, exc, index):
        editor = editors.pop(name)
        with as_default(sides[name].default):
            try:
                editor.__exit__(type(exc), exc, exc.__traceback__)
            except Exception:
                pass
        outcome[name] = Collected(None, exc, index, editor)

    # Only SQLite's rebuilt tables order columns by the rendered fields' creation counters.
    counters = isinstance(state, FastProjectState) and any(
        side.connection.vendor == "sqlite" for side in sides.values())
    steps = (_backwards_steps if backwards else _forwards_steps)(migration, state, counters, trace)
    method = "database_backwards" if backwards else "database_forwards"
    try:
        for index, operation, from_state, to_state in steps:
            if visited is not None:
                visited += (from_state, to_state)
            for editor in editors.values():
                _describe(editor, operation)
            if not operation.reduces_to_sql:
                continue
            for name, editor in list(editors.items()):
                side = sides[name]
                before = len(editor.collected_sql)
                side.operation(index)
                with as_default(side.default):
                    try:
                        _run(operation, editor, migration, method, migration.app_label, from_state, to_state)
                    except Exception as exc:
                        fail(name, exc, index)
                        continue
                if before == len(editor.collected_sql):
                    editor.collected_sql.append("-- (no-op)")
    except IrreversibleError as exc:
        for name in list(editors):
            fail(name, exc, None)
    for name, editor in editors.items():
        side = sides[name]
        side.operation(len(migration.operations))  # deferred SQL runs when the editor exits
        with as_default(side.default):
            try:
                editor.__exit__(None, None, None)
                outcome[name] = Collected(editor.collected_sql, None, None, editor)
            except Exception as exc:
                outcome[name] = Collected(None, exc, len(migration.operations), editor)
    return outcome


def _overrides(migration, method: str) -> bool:
    return getattr(type(migration), method) is not getattr(Migration, method)


def _collect_own_method(migration, state, side, backwards) -> Collected:
    with as_default(side.default):
        editor = side.connection.schema_editor(collect_sql=True, atomic=migration.atomic)
        side.operation(0)
        try:
            with operations_restored(migration.operations), editor:
                method = migration.unapply if backwards else migration.apply
                method(state, editor, collect_sql=True)
        except Exception as exc:
            return Collected(None, exc, None, editor)
    return Collected(editor.collected_sql, None, None, editor)


def _forwards_steps(migration, state, counters: bool, trace=None):
    # Migration.apply: the state before each operation is a clone, the state moves on.
    # sqlmigrate's state is rendered when an operation first uses its models; until then
    # the models changed so far are rendered anew on first use (faststate.render_on_first_use).
    fresh = counters
    rendered = False  # whether Django's project state is rendered by now (an operation asked it)
    changed: set = set()
    for index, operation in enumerate(migration.operations):
        if not operation.reduces_to_sql:
            yield index, operation, None, None
            continue
        old_state = state.clone()
        if trace is not None:
            trace.append(old_state)
        if fresh:
            state.rerendered = frozenset()
        operation.state_forwards(migration.app_label, state)
        if fresh:
            changed |= state.rerendered
            state.apps.accessed = old_state.apps.accessed = False
            state.apps.render_on_first_use(state, changed)
            old_state.apps.render_on_first_use(old_state, changed)
        _rendered_afresh(old_state, state, not rendered)
        yield index, operation, old_state, state
        _rendered_afresh(old_state, state, False)
        rendered = rendered or getattr(state.__dict__.get("apps"), "accessed", True)
        if fresh and state.apps.accessed:  # the state before each operation is a clone
            fresh = False
    if trace is not None:
        trace.append(state)


def _backwards_steps(migration, state, counters: bool, trace=None):
    # Migration.unapply: phase 1 records every intermediate state (refusing an
    # irreversible operation before anything is rendered), phase 2 runs them in reverse.
    fast = counters
    to_run = []
    new_state = state
    states = trace if trace and len(trace) == len(migration.operations) + 1 else None
    for index, operation in enumerate(migration.operations):
        if not operation.reversible:
            raise IrreversibleError(f"Operation {operation} in {migration} is not reversible")
        if states is not None:  # the forwards render passed through these very states
            old_state, new_state = states[index], states[index + 1]
            to_run.insert(0, (index, operation, old_state, new_state, _changed(migration, index)))
            continue
        new_state = new_state.clone()
        old_state = new_state.clone()
        if fast:
            new_state.rerendered = frozenset()
        operation.state_forwards(migration.app_label, new_state)
        to_run.insert(0, (index, operation, old_state, new_state, getattr(new_state, "rerendered", ())))
    for index, operation, to_state, from_state, changed in to_run:
        if fast:
            # Each of these states is rendered when the operation first uses it.
            from_state.apps.render_on_first_use(from_state, changed)
            to_state.apps.render_on_first_use(to_state, changed)
        _rendered_afresh(from_state, to_state, True)  # Migration.unapply's states are clones
        yield index, operation, from_state, to_state
        _rendered_afresh(from_state, to_state, False)


def _rendered_afresh(from_state, to_state, afresh: bool) -> None:
    """Tell fast states' registries whether Django renders them afresh for the operation
    at hand (related.related_objects): not rendered before the operation asks for them."""
    for state in (from_state, to_state):
        if isinstance(state, FastProjectState) and "apps" in state.__dict__:
            state.apps.fresh = state if afresh else None


def _changed(migration, index: int) -> set:
    """The models an operation's state change touches (by its own account)."""
    operation = migration.operations[index]
    names = {getattr(operation, attr, None) for attr in ("name_lower", "model_name_lower", "old_name_lower",
                                                          "new_name_lower")}
    return {(migration.app_label, name) for name in names if isinstance(name, str)}


def sqlmigrate_text(statements: list[str], migration, connection) -> str:
    """What sqlmigrate writes to stdout: the statements, BEGIN/COMMIT where DDL is
    transactional, and a final newline; nothing at all when there are no statements."""
    if not statements:
        return ""
    text = "\n".join(statements)
    if migration.atomic and connection.features.can_rollback_ddl:
        text = "%s\n%s\n%s" % (
            connection.ops.start_transaction_sql(),
            text,
            connection.ops.end_transaction_sql(),
        )
    return text + "\n"


def rendering(collected: Collected, migration, side, direction: str = FORWARDS) -> Rendering:
    """The status, reason and text of what a side collected."""
    editor = collected.editor
    volatile = sorted(getattr(editor, "harness_volatile", {}).values(), key=lambda v: v.field)
    printed = list(getattr(editor, "harness_printed", {}).values())
    error = collected.error
    if error is None:
        sql = sqlmigrate_text(collected.statements, migration, side.connection)
        status, reason = OK, None
        if collected.sqlmigrate_error is not None:
            reason = (f"{'sqlmigrate --backwards' if direction == BACKWARDS else 'sqlmigrate'} itself "
                      f"fails here ({describe_error(collected.sqlmigrate_error, side.connection)}): "
                      "it introspects a table before the statements that create or rename it have "
                      "run; the SQL shown is what migrate runs")
        if ORACLE_GENERATED in sql:
            status = NEEDS_SERVER
            reason = (f"drops a constraint whose name Oracle generates at run time (SYS_C…); "
                      f"the SQL shows {ORACLE_GENERATED}_n in its place")
        return Rendering(sql, status, reason, list(collected.statements), volatile, printed)
    what = "sqlmigrate --backwards" if direction == BACKWARDS else "sqlmigrate"
    if isinstance(error, IrreversibleError):
        status, reason = IRREVERSIBLE, _irreversible(migration)
    elif isinstance(error, (NeedsData, ServerNeeded)):
        status, reason = NEEDS_SERVER, f"needs a server: {error}"
    else:
        status = ERROR
        where = ""
        if collected.failed_operation is not None and collected.failed_operation < len(migration.operations):
            where = f" (operation {collected.failed_operation + 1}: " \
                    f"{migration.operations[collected.failed_operation].describe()})"
        reason = f"{what} cannot render this migration{where}: {describe_error(error, side.connection)}"
    return Rendering(None, status, reason, [], volatile, printed)


def _irreversible(migration) -> str:
    """Which operation cannot be reversed (Django's message carries object addresses)."""
    for index, operation in enumerate(migration.operations, 1):
        if not operation.reversible:
            return f"operation {index} ({operation.describe()}) cannot be reversed"
    if _overrides(migration, "unapply"):
        return f"{type(migration).__module__}.{type(migration).__qualname__} refuses to be unapplied"
    return "the migration cannot be reversed"


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


_TABLE_OF_STATEMENT = re.compile(
    r"^\s*(?:CREATE TABLE|ALTER TABLE|DROP TABLE|COMMENT ON TABLE|"
    r"CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?\S+ ON|DROP INDEX \S+ ON)\s+[`\"]?([^`\"\s(]+)",
    re.IGNORECASE,
)


def statement_table(statement: str) -> str | None:
    """The table a DDL statement creates or alters (None for comments, BEGIN, PL/SQL …)."""
    match = _TABLE_OF_STATEMENT.match(statement)
    return match.group(1) if match else None


__all__ = ["collect", "rendering", "sqlmigrate_text"]
