"""An incremental render (``portability report --since REV``): only the migrations whose
files changed since a git revision, against the database the whole walk would hold.

The walk is the whole report's walk, cut after the last changed migration. Of the
migrations before, only those that act on a table the changed ones may introspect are
replayed into the offline catalog (:func:`relevant`); the rest are skipped — the project
state is built from every ancestor all the same, without rendering their SQL. The catalog
knows which tables it holds the whole history of: asking about any other one
(``offline.catalog.Partial``) starts the render again, replaying everything, so what is
printed is always what the whole walk prints.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.db.migrations import operations as ops


class SinceError(Exception):
    """--since cannot be honoured: what went wrong and what to do."""


@dataclass(frozen=True)
class Selection:
    """The migrations to render and those to replay before them."""

    rendered: frozenset  # (app_label, name) nodes
    replayed: frozenset | None  # None: every migration before them
    # Tables whose every migration is replayed: where the catalog has none, there is none.
    covered: frozenset = frozenset()


def changed_files(rev: str, cwd: Path) -> set[Path]:
    """Files added, copied, modified or renamed since ``rev``, and untracked ones."""
    def git(*args) -> str:
        try:
            proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise SinceError("--since needs git, which is not installed (or not on PATH)") from None
        if proc.returncode != 0:
            message = " ".join(proc.stderr.split()) or f"git {' '.join(args)} failed"
            raise SinceError(f"--since {rev}: {message}")
        return proc.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    try:
        git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except SinceError:
        raise SinceError(f"--since {rev}: no such commit in the repository at {top}") from None
    names = git("diff", "--name-only", "--diff-filter=ACMR", "-z", rev, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    return {(top / name).resolve() for name in names if name}


def changed_nodes(rev: str, loader, cwd: Path) -> set[tuple[str, str]]:
    """The migrations of ``loader`` whose files changed since ``rev``."""
    files = changed_files(rev, cwd)
    found = set()
    for node, migration in loader.disk_migrations.items():
        module = sys.modules.get(type(migration).__module__)
        path = getattr(module, "__file__", None)
        if path and Path(path).resolve() in files:
            found.add(node)
    return found


def changed_migrations(rev: str, loader, app_labels, cwd: Path) -> set[tuple[str, str]]:
    """The migrations of ``app_labels`` changed since ``rev`` (a typo'd rev: SinceError)."""
    return {node for node in changed_nodes(rev, loader, cwd) if node[0] in set(app_labels)}


def touched_models(loader, nodes) -> dict[str, set[str] | None]:
    """For each app, the models (lower-case names) the migrations ``nodes`` change; None:
    any model of the app (raw SQL and the like)."""
    touched: dict[str, set[str] | None] = {}
    for node in nodes:
        for operation in loader.graph.nodes[node].operations:
            acted = _acts_on(operation)
            if acted is None or touched.get(node[0], set()) is None:
                touched[node[0]] = None
            else:
                touched.setdefault(node[0], set()).update(acted)
    return touched


def _is_django(operation) -> bool:
    return type(operation).__module__.startswith("django.db.migrations.operations")


def _state_pass(walk, nodes, loader):
    """One pass of the project state over ``nodes`` (never rendered: cheap). Returns the
    models each migration with operations from outside Django changes in the state (None
    where it changes none, or the pass cannot tell: its SQL may act on any table), and
    the models that ever pointed at each model (:func:`_ever_pointing`), the models that had each
    model's table, and the tables each model had."""
    from .faststate import FastProjectState

    state = FastProjectState(real_apps=loader.unmigrated_apps)  # Django's, with indexed references
    custom: dict = {}
    tables: dict[str, set] = {}  # db_table -> the models that ever had it
    table_of: dict = {}  # model -> the tables it ever had
    for node in nodes:
        for key, model in state.models.items():
            table = model.options.get("db_table") or "%s_%s" % key
            if table not in table_of.setdefault(key, set()):
                table_of[key].add(table)
                tables.setdefault(table, set()).add(key)
        migration = walk.migration(node)
        foreign = not all(_is_django(op) for op in migration.operations)
        before = _fingerprint(state) if foreign else None
        try:
            for operation in migration.operations:
                operation.state_forwards(node[0], state)
        except Exception:  # a branch the pass cannot follow: the catalog is the judge
            custom[node] = None
            continue
        if foreign:
            after = _fingerprint(state)
            changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
            custom[node] = changed or None
    same_table: dict = {}  # models that had another model's table (squashed apps, moved models)
    for keys in tables.values():
        for key in keys:
            same_table.setdefault(key, set()).update(keys - {key})
    return custom, _ever_pointing(walk, nodes), same_table, table_of


def _fingerprint(state) -> dict:
    """What identifies each model's state: its ModelState, fields and options objects."""
    return {key: (id(model), tuple((name, id(f)) for name, f in model.fields.items()),
                  tuple((name, id(v)) for name, v in model.options.items()))
            for key, model in state.models.items()}


def _ever_pointing(walk, nodes) -> dict:
    """{model: {model pointing at it: {field name: field}}} over every field any operation
    of ``nodes`` declares: who pointed at a model at any time (deleted models included)."""
    from django.db.migrations.utils import resolve_relation

    found: dict = {}
    for node in nodes:
        for operation in walk.migration(node).operations:
            if isinstance(operation, ops.CreateModel):
                source, fields = operation.name_lower, operation.fields
            elif isinstance(operation, (ops.AddField, ops.AlterField)):
                source, fields = operation.model_name_lower, [(operation.name, operation.field)]
            else:
                continue
            for name, field in fields:
                target = getattr(field.remote_field, "model", None) if field.remote_field else None
                if target is None:
                    continue
                try:
                    key = resolve_relation(target, node[0], source)
                except (TypeError, ValueError):  # a model class, or a setting not resolved yet
                    key = (target._meta.app_label, target._meta.model_name) if hasattr(target, "_meta") else None
                if key:
                    found.setdefault(key, {}).setdefault((node[0], source), {})[name] = field
    return found


def _followed_by_pointing(operation):
    """What the foreign keys pointing at a model follow, as {model: field name, or None
    for any field}: a renamed or dropped table (all of them), an altered primary key or unique field
    (those whose target is that field: BaseDatabaseSchemaEditor._alter_field)."""
    if isinstance(operation, ops.RenameModel):
        return {operation.old_name_lower: None, operation.new_name_lower: None}
    if isinstance(operation, ops.DeleteModel):  # DROP … CASCADE drops their constraints
        return {operation.name_lower: None}
    if isinstance(operation, ops.AlterField) and (operation.field.primary_key or operation.field.unique):
        return {operation.model_name_lower: "" if operation.field.primary_key else operation.name}
    return {}


def _pointing_at(found: dict, field_name) -> set:
    """Of ``found`` ({model: {name: field}} from ProjectState.relations), the models whose
    foreign keys target ``field_name`` ("": the primary key; None: any)."""
    keys = set()
    for key, fields in found.items():
        for field in fields.values():
            target = (getattr(field, "to_fields", None) or [None])[0] or ""
            if field_name is None or target == field_name or (field_name == "" and not target):
                keys.add(key)
    return keys


def _acts_on(operation) -> set[str] | None:
    """The models (lower-case names) whose tables the operation's SQL changes; None where
    that could be any table (raw SQL, custom operations, what alters referring tables)."""
    if isinstance(operation, ops.RunPython):
        return set()  # sqlmigrate runs no Python
    if isinstance(operation, ops.SeparateDatabaseAndState):
        found: set[str] = set()
        for inner in operation.database_operations:
            acted = _acts_on(inner)
            if acted is None:
                return None
            found |= acted
        return found
    if isinstance(operation, ops.RenameModel):
        return {operation.old_name_lower, operation.new_name_lower}  # and see _followed_by_pointing
    if isinstance(operation, (ops.AlterField, ops.AddField, ops.RemoveField, ops.RenameField)):
        return {operation.model_name_lower}
    if isinstance(operation, (ops.AddIndex, ops.RemoveIndex, ops.RenameIndex, ops.AddConstraint,
                              ops.RemoveConstraint)) or type(operation).__name__ == "AlterConstraint":
        return {operation.model_name_lower}
    if type(operation).__module__.startswith("django.db.migrations.operations.models"):
        return {operation.name_lower}
    return None


def relevant(walk, rendered: set, loader) -> Selection:
    """Which migrations before ``rendered`` (in ``walk``'s order) to replay: every one that
    acts on a model whose table a replayed or rendered migration acts on (or that had its
    table), to a fixed point, and every one whose tables cannot be told (raw SQL). An
    operation whose change the foreign keys pointing at a model follow acts on theirs too.
    What this misses the catalog notices (``Partial``): the render starts again whole."""
    last = max(walk.order.index(node) for node in rendered)
    custom, pointing, same_table, table_of = _state_pass(walk, walk.order[:last], loader)

    def models_of(node):
        """(the models its operations act on, whether some act on tables none can tell)."""
        if node in custom:
            return custom[node] or set(), custom[node] is None
        found: set[tuple[str, str]] = set()
        raw = False
        for operation in walk.migration(node).operations:
            for name, field_name in _followed_by_pointing(operation).items():
                found |= _pointing_at(pointing.get((node[0], name), {}), field_name)
            acted = _acts_on(operation)
            if acted is None:
                raw = True
            else:
                found |= {(node[0], name) for name in acted}
        return found, raw

    wanted: set[tuple[str, str]] = set()

    def want(models):
        for key in models - wanted:
            wanted.add(key)
            wanted.update(same_table.get(key, ()))

    for node in rendered:
        models, raw = models_of(node)
        if raw:
            return Selection(frozenset(rendered), None)
        want(models)
    before = {node: models_of(node) for node in walk.order[:last] if node not in rendered}
    replayed: set = set()
    grew = True
    while grew:
        grew = False
        for node, (models, raw) in before.items():
            if node not in replayed and (raw or models & wanted):
                replayed.add(node)
                want(models)
                grew = True
    covered = {table for key in wanted for table in table_of.get(key, ())}
    return Selection(frozenset(rendered), frozenset(replayed), frozenset(covered))
