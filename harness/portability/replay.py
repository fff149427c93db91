"""Apply a migration by running again what its ``sqlmigrate`` pass sent to the schema editor.

The ground truth prints a migration with Django's collecting schema editor, then applies
it (``apply_as_printed``): ``Migration.apply`` with a live editor renders the same state
again and sends the same statements with the same parameters, because the code that
chooses them branches on the state, the server's features and what it reads from the
database, and on nothing else (``BaseDatabaseSchemaEditor.execute`` is the only place
that looks at ``collect_sql``). A pass that read nothing from the database (no query on
the connection but the boilerplate below) is therefore replayed: its statements, in the
transactions ``Migration.apply`` opens (the migration's, an atomic operation's). A pass
that introspected (constraint names, storage engines ...) is applied the slow way, since
what it read changes as the statements run. tests/test_replay.py runs both ways on every
live vendor and compares what reaches the server.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from itertools import groupby
from unittest import mock

# Queries a schema editor runs whatever the migration: SQLite's foreign key switch and
# check around every editor, savepoints of nested atomic blocks.
BOILERPLATE = re.compile(
    r"\s*(PRAGMA foreign_key(s|s = (ON|OFF)|_check)\b|BEGIN\b|(RELEASE |ROLLBACK TO )?SAVEPOINT )", re.IGNORECASE)
DEFERRED = -1  # the editor's deferred statements, run when it exits


@dataclass
class Capture:
    """What one collecting pass sent to its schema editor, and what it read."""

    # (operation index, or DEFERRED; None for an executing editor's), sql, params
    statements: list[tuple[int | None, str, object]] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # statements the server refused


def replayable(migration, capture: Capture, connection) -> bool:
    """The pass read nothing, and only Django's own code (Migration.apply, the operations'
    database_forwards, the backend's schema editor) stands between a statement that fails
    and the migration: custom code may catch the error and go on (django-celery-results'
    TryRemoveIndex), which a replay cannot know."""
    from django.db.migrations import Migration

    from .ddl import _with_nested

    def djangos(method) -> bool:
        return getattr(method, "__module__", "").startswith("django.")

    return (not capture.reads and type(migration).apply is Migration.apply
            and djangos(connection.SchemaEditorClass.execute)
            and connection.SchemaEditorClass.__module__.startswith("django.db.backends.")
            and all(djangos(type(op).database_forwards) for op in _with_nested(migration.operations)))


@contextlib.contextmanager
def capturing(connection, collecting: bool = True):
    """Record the statements (with their parameters) collecting editors (else executing
    ones) are sent, and every query that is not boilerplate, while the block runs."""
    capture = Capture()
    sending: list = []
    editor_class = connection.SchemaEditorClass
    execute, exit_ = editor_class.execute, editor_class.__exit__

    def recording_execute(editor, sql, params=()):
        if editor.collect_sql and collecting:
            # Migration.apply writes a "--", "-- <operation>", "--" header before each operation.
            index = DEFERRED if getattr(editor, "_exiting", False) else editor.collected_sql.count("--") // 2 - 1
            capture.statements.append((index, str(sql), params))
        elif not editor.collect_sql and not collecting:
            capture.statements.append((None, str(sql), params))
        sending.append(editor)  # what the editor sends is not a read
        try:
            return execute(editor, sql, params)
        except Exception as exc:
            capture.failed.append(f"{sql}: {type(exc).__name__}: {exc}")
            raise
        finally:
            sending.pop()

    def flagged_exit(editor, *exc_info):
        editor._exiting = True
        return exit_(editor, *exc_info)

    def reading(run, sql, params, many, context):
        if not sending and not BOILERPLATE.match(sql):
            capture.reads.append(sql)
        return run(sql, params, many, context)

    connection.ensure_connection()  # the queries a new connection runs are not the pass's
    with mock.patch.object(editor_class, "execute", recording_execute), \
            mock.patch.object(editor_class, "__exit__", flagged_exit), connection.execute_wrapper(reading):
        yield capture


def replay(migration, capture: Capture, connection) -> None:
    """Run the captured statements as ``Migration.apply`` runs them (its transactions)."""
    from .ddl import operation_transaction

    with connection.schema_editor(atomic=migration.atomic) as editor:
        for index, statements in groupby(capture.statements, key=lambda s: s[0]):
            if index == DEFERRED:  # run by the editor's own exit, where Django runs them
                editor.deferred_sql.extend(sql for _, sql, _ in statements)
                continue
            with operation_transaction(editor, migration, migration.operations[index]):
                for _, sql, params in statements:
                    editor.execute(sql, params)


_LITERAL = re.compile(r"('(?:[^']|'')*')")  # a quoted value inlined in a statement (SQLite's remakes)
PER_RUN = "<per run>"


def _comparable(params):
    # psycopg's Jsonb(...) has no __eq__: compare what it wraps.
    return None if params is None else [("Jsonb", repr(p.obj)) if hasattr(p, "obj") else p for p in params]


def _masked(statement, again):
    """``statement`` (sql, params) with the literals and parameters that ``again`` (the same
    statement from another pass) holds differently replaced by PER_RUN."""
    sql, params = statement[0], _comparable(statement[1])
    other_sql, other_params = again[0], _comparable(again[1])
    pieces, others = _LITERAL.split(sql), _LITERAL.split(other_sql)
    if len(pieces) == len(others):
        sql = "".join(PER_RUN if p != o else p for p, o in zip(pieces, others))
    if params is not None and other_params is not None and len(params) == len(other_params):
        params = [PER_RUN if p != o else p for p, o in zip(params, other_params)]
    return sql, params


def sent_the_same(replayed: Capture, applied: Capture, again: Capture) -> str:
    """"replayed" when the slow way sent its editor what the replay sends, else the first
    difference. ``again``: a second sqlmigrate pass; what it holds differently is computed
    per run (now(), uuid4(), a random token) and compared by position only."""
    if applied.reads:
        return f"differs: applying it read the database ({applied.reads[0]!r})"
    if applied.failed:  # and the migration's own code went on
        return f"differs: a statement failed and applying it went on ({applied.failed[0]!r})"
    if len(replayed.statements) != len(again.statements):
        return f"differs: two sqlmigrate passes sent {len(replayed.statements)} and {len(again.statements)} statements"
    for position, (ours, theirs, mask) in enumerate(zip(replayed.statements, applied.statements, again.statements)):
        one, other = _masked(ours[1:], mask[1:]), _masked(theirs[1:], mask[1:])
        if one != other:
            return f"differs at statement {position + 1}: replayed {one!r}, applied {other!r}"
    if len(replayed.statements) != len(applied.statements):
        return f"differs: replayed {len(replayed.statements)} statements, applied {len(applied.statements)}"
    return "replayed"


__all__ = ["Capture", "capturing", "replay", "replayable", "sent_the_same"]
