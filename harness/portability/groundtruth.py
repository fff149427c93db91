"""Ground truth: Django's own ``sqlmigrate``, on a live server that is the only (default) alias.

    python -m harness.portability.groundtruth --settings harness.settings.corpus \\
        --alias postgresql16 --apps auth wagtailcore --output truth.jsonl [--backwards]

In a process of its own, the alias's server becomes the project's one database (no other
alias, no routers: a single-database production), a scratch test database is created, and
the :class:`~harness.portability.walk.MigrationWalk` is followed: before each migration the
database holds what the walk applied (each migration applied as sqlmigrate prints it), then
``manage.py sqlmigrate`` itself runs — forwards before applying, ``--backwards`` after — and
its stdout is written as one JSON line per migration:

    {"app", "name", "sql", "error", "backwards_sql", "backwards_error", "apply_error",
     "ambiguous"}

``ambiguous``: the name is a prefix of another migration's, so the real command refuses it
("More than one migration matches"); here the exact name is looked up instead. The
migration files are read from disk once per process (sqlmigrate reads the same graph on
every call). This is what the offline profiles are compared with; nothing of the engine
renders here.

Applying a migration whose sqlmigrate read nothing from the database replays the statements
that sqlmigrate sent its schema editor (replay.py) instead of rendering Django's state
again; ``--check-replay`` applies every one the slow way and adds ``"replay"`` to each line:
"replayed" (the replay sends the same), "applied" (its sqlmigrate read the database), or
what differs.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import io
import json
import os
import sys

from .hashseed import restart_with_fixed_seed


def configure(settings_module: str, alias: str) -> None:
    """Settings of ``settings_module`` with ``alias``'s server as the only database."""
    from django.conf import global_settings, settings

    module = importlib.import_module(settings_module)
    values = {name: getattr(module, name) for name in dir(module) if name.isupper()}
    if alias not in values["DATABASES"]:
        raise SystemExit(f"no alias {alias!r} in {settings_module}.DATABASES "
                         f"(aliases: {', '.join(values['DATABASES'])})")
    database = copy.deepcopy(values["DATABASES"][alias])
    values["DATABASES"] = {"default": database}
    values["DATABASE_ROUTERS"] = []
    settings.configure(global_settings, **values)


@contextlib.contextmanager
def graph_read_once():
    """Each sqlmigrate call builds a MigrationLoader: reading the files and building the graph
    is half its time and gives the same graph every call (sqlmigrate ignores what is applied)."""
    from django.db.migrations.loader import MigrationLoader

    original = MigrationLoader.__init__
    built: dict = {}

    def init(self, connection, load=True, ignore_no_migrations=False, replace_migrations=True):
        key = (getattr(connection, "alias", None), load, ignore_no_migrations, replace_migrations)
        if key not in built:
            original(self, connection, load, ignore_no_migrations, replace_migrations)
            built[key] = dict(self.__dict__)
        else:
            self.__dict__.update(built[key])

    MigrationLoader.__init__ = init
    try:
        yield
    finally:
        MigrationLoader.__init__ = original


@contextlib.contextmanager
def exact_migration_names():
    """sqlmigrate looks migrations up by prefix, so "0001_initial" is ambiguous beside
    "0001_initial_squashed_0022"; the ground truth asks for the exact name instead."""
    from django.db.migrations.loader import MigrationLoader

    original = MigrationLoader.get_migration_by_prefix

    def by_exact_name(self, app_label, name_prefix):
        if (app_label, name_prefix) in self.disk_migrations:
            return self.disk_migrations[app_label, name_prefix]
        return original(self, app_label, name_prefix)

    MigrationLoader.get_migration_by_prefix = by_exact_name
    try:
        yield
    finally:
        MigrationLoader.get_migration_by_prefix = original


def sqlmigrate(app_label: str, name: str, migration, backwards: bool = False) -> tuple[str | None, str | None]:
    """(stdout, None) or (None, "ErrorClass: message") of ``manage.py sqlmigrate``.

    Each call behaves as in a process of its own: an operation a failed render left
    changed (RenameModel.database_backwards swaps its names) is restored.
    """
    from django.core.management import call_command

    from .ddl import operations_restored

    out = io.StringIO()
    try:
        with operations_restored(migration.operations):
            call_command("sqlmigrate", app_label, name, backwards=backwards, stdout=out,
                         stderr=io.StringIO(), no_color=True)
    except Exception as exc:
        return None, f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    return out.getvalue(), None


class ScratchDatabase:
    """A test database of the default alias, recreated on ``reset()``, dropped on ``close()``."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.original_name = connection.settings_dict["NAME"]
        test = connection.settings_dict.setdefault("TEST", {})
        if connection.vendor != "sqlite" and test.get("NAME"):
            test["NAME"] = f"{test['NAME']}_truth"
        self.name = None
        self.reset()

    def reset(self) -> None:
        self.close()
        self.connection.settings_dict["NAME"] = self.original_name
        if self.connection.vendor == "sqlite":
            self.name = ":memory:"
        else:
            self.name = self.connection.creation._create_test_db(verbosity=0, autoclobber=True,
                                                                 keepdb=False)
        self.connection.close()
        self.connection.settings_dict["NAME"] = self.name

    def close(self) -> None:
        if self.name is None:
            return
        self.connection.close()
        if self.connection.vendor != "sqlite":
            self.connection.settings_dict["NAME"] = self.original_name
            self.connection.creation._destroy_test_db(self.name, verbosity=0)
        self.name = None


def apply_as_printed(migration, state, connection) -> None:
    """Apply ``migration`` to the database the way sqlmigrate prints it: the state of its
    ancestors, and only the operations sqlmigrate can write as SQL (Migration.apply skips
    the others when collecting SQL, state changes included)."""
    from .ddl import operations_restored

    printable = copy.copy(migration)
    printable.operations = [op for op in migration.operations if op.reduces_to_sql]
    with operations_restored(migration.operations), connection.schema_editor(atomic=migration.atomic) as editor:
        printable.apply(state, editor)


def walk(app_labels, backwards: bool = False, check_replay: bool = False):
    """One dict per rendered migration, in walk order.

    A migration whose sqlmigrate read nothing from the database is applied by replaying
    what it printed (replay.py), else as Migration.apply runs it. ``check_replay``: apply
    every one the slow way and say in ``replay`` whether the replay would have sent the
    server the same statements."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from .replay import capturing, replay, replayable
    from .walk import RENDER, RESET, MigrationWalk, StateBuilder

    loader = MigrationLoader(None, replace_migrations=False)
    plan = MigrationWalk(app_labels, loader)
    states = StateBuilder(plan)
    ambiguous = {
        key for key in loader.disk_migrations
        if sum(1 for other in loader.disk_migrations if other[0] == key[0] and other[1].startswith(key[1])) > 1
    }
    replays: dict = {}  # node -> its sqlmigrate's Capture, where replaying it is applying it
    database = ScratchDatabase()
    try:
        with exact_migration_names(), graph_read_once():
            for step in plan.steps():
                if step.kind == RESET:
                    database.reset()
                    continue
                row = None
                migration = plan.migration(step.node)
                if step.kind == RENDER:
                    with capturing(connection) as capture:
                        sql, error = sqlmigrate(*step.node, migration)
                    if error is None and replayable(migration, capture, connection):
                        replays[step.node] = capture
                    row = {"app": step.node[0], "name": step.node[1], "sql": sql, "error": error,
                           "ambiguous": step.node in ambiguous}
                capture = replays.get(step.node)
                try:
                    if check_replay and row is not None:
                        row["replay"] = applied_and_checked(migration, states, step.node, capture, connection)
                    elif capture is not None:
                        replay(migration, capture, connection)
                    else:
                        # Django's own ProjectState: the ground truth runs nothing of the engine's.
                        apply_as_printed(migration, states.state_before(step.node).exact(), connection)
                    apply_error = None
                except Exception as exc:
                    apply_error = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
                if row is None:
                    if apply_error:
                        yield {"app": step.node[0], "name": step.node[1], "prepare_error": apply_error}
                    continue
                row["apply_error"] = apply_error
                if backwards:
                    row["backwards_sql"], row["backwards_error"] = sqlmigrate(*step.node, migration, backwards=True)
                yield row
    finally:
        database.close()


def applied_and_checked(migration, states, node, capture, connection) -> str:
    """Apply the slow way; "replayed" when the replay would have sent the same statements,
    "applied" when the migration is not replayed, else what differs."""
    from .replay import capturing, sent_the_same

    again = None
    if capture is not None:  # a second pass tells which values are computed per run
        with capturing(connection) as again:
            sqlmigrate(*node, migration)
    with capturing(connection, collecting=False) as applied:
        apply_as_printed(migration, states.state_before(node).exact(), connection)
    return "applied" if capture is None else sent_the_same(capture, applied, again)


def main(argv=None) -> int:
    # sqlmigrate's own output is repeatable under a fixed hash seed, as the engine's is.
    restart_with_fixed_seed(["-m", __spec__.name, *(argv or sys.argv[1:])])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=os.environ.get("DJANGO_SETTINGS_MODULE", "harness.settings"))
    parser.add_argument("--alias", required=True, help="the alias whose server becomes the default")
    parser.add_argument("--apps", nargs="+", required=True, help="app labels, or all (every migrated app)")
    parser.add_argument("--output", help="JSON lines file (default: stdout)")
    parser.add_argument("--backwards", action="store_true", help="also sqlmigrate --backwards")
    parser.add_argument("--check-replay", action="store_true",
                        help="apply every migration the slow way and check that replaying would match")
    args = parser.parse_args(argv)
    configure(args.settings, args.alias)
    import django

    stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):  # what migrations print goes to stderr
        django.setup()
        if args.apps == ["all"]:
            from django.db.migrations.loader import MigrationLoader

            args.apps = sorted(MigrationLoader(None).migrated_apps)
        sink = open(args.output, "w", encoding="utf-8") if args.output else stdout
        try:
            for row in walk(args.apps, backwards=args.backwards, check_replay=args.check_replay):
                sink.write(json.dumps(row) + "\n")
                sink.flush()
        finally:
            if sink is not stdout:
                sink.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
