"""The constraints and indexes an offline profile's database would hold, kept in step with
the migrations as they are rendered, so introspection has an answer without a server.

Like a live ``sqlmigrate`` against a database migrated up to the previous migration, what
one migration records becomes visible only when that migration ends (``commit``).

Names Django chooses (indexes, foreign keys, ``unique_together``) come from the statements
themselves; names the *server* chooses for inline constraints follow each vendor's rule
(``NAMING``). Oracle's are generated at run time (SYS_C…): they get a placeholder the
report flags (``ORACLE_GENERATED``).
"""

from __future__ import annotations

import copy
import re
import sys
from dataclasses import dataclass, field

from django.db.backends.ddl_references import Statement
from django.db.migrations.operations import RunSQL
from django.db.models import CheckConstraint, UniqueConstraint

from ..declared import server_identifier, unquote
from .introspected import introspected_names, ordered

ORACLE_GENERATED = "SYS_C_GENERATED_BY_ORACLE"
PG_NAME_LENGTH = 63


@dataclass
class Constraint:
    columns: list[str]
    primary_key: bool = False
    unique: bool = False
    foreign_key: tuple[str, str] | None = None
    check: bool = False
    index: bool = False
    type: str | None = None
    # "constraint": in the server's constraint catalog (pg_constraint, KEY_COLUMN_USAGE);
    # "index": an index only; "inline": written in SQLite's CREATE TABLE text.
    catalog: str = "constraint"
    unnamed: bool = False  # SQLite: no name in the CREATE TABLE text
    implicit: bool = False  # MySQL: the index InnoDB made for a foreign key

    def as_introspected(self) -> dict:
        return {
            "columns": list(self.columns),
            "primary_key": self.primary_key,
            "unique": self.unique,
            "foreign_key": self.foreign_key,
            "check": self.check,
            "index": self.index,
            "type": self.type,
            "orders": [],
            "definition": None,
            "options": None,
        }


@dataclass
class Table:
    columns: list[str] = field(default_factory=list)
    identity: set[str] = field(default_factory=set)
    constraints: dict[str, Constraint] = field(default_factory=dict)
    nullable: set[str] = field(default_factory=set)
    unnamed: int = 0  # constraints the server named for this table (SQLite, Oracle number them)


def pg_object_name(name1: str, name2: str, label: str) -> str:
    """PostgreSQL's makeObjectName: shorten the longer part until the name fits 63 bytes."""
    overhead = len(label) + 1 + (1 if name2 else 0)
    keep1, keep2 = len(name1), len(name2)
    while keep1 + keep2 > PG_NAME_LENGTH - overhead:
        if keep1 > keep2:
            keep1 -= 1
        else:
            keep2 -= 1
    return "_".join(part for part in (name1[:keep1], name2[:keep2], label) if part)


# Who names an inline PRIMARY KEY / UNIQUE / CHECK, per vendor: (table, column, taken) -> name.
NAMING = {
    "postgresql": {
        "pk": lambda t, c, n: pg_object_name(t, "", "pkey"),
        "unique": lambda t, c, n: pg_object_name(t, c, "key"),
        "check": lambda t, c, n: pg_object_name(t, c, "check"),
    },
    "mysql": {
        "pk": lambda t, c, n: "PRIMARY",
        "unique": lambda t, c, n: c,  # MySQL names a column's unique index after it
        "check": lambda t, c, n: c,  # MariaDB names a column CHECK after the column
    },
    "sqlite": {
        "pk": lambda t, c, n: "__primary__",
        "unique": lambda t, c, n: f"__unnamed_constraint_{n}__",
        "check": lambda t, c, n: f"__unnamed_constraint_{n}__",
    },
    "oracle": {
        "pk": lambda t, c, n: f"{ORACLE_GENERATED}_{n}",
        "unique": lambda t, c, n: f"{ORACLE_GENERATED}_{n}",
        "check": lambda t, c, n: f"{ORACLE_GENERATED}_{n}",
    },
}
# CockroachDB follows PostgreSQL except for column CHECKs, which it names check_<column>.
NAMING["cockroachdb"] = {**NAMING["postgresql"], "check": lambda t, c, n: f"check_{c}"}

# MySQL 8 (not MariaDB) numbers column CHECKs per table.
MYSQL_CHECK = lambda t, c, n: f"{t}_chk_{n}"  # noqa: E731


class Partial(BaseException):
    """An incremental render asked about a table no replayed migration named: only the
    whole walk knows it (the render starts again, replaying everything). A BaseException,
    so that no render records it as the migration's own error."""

    def __init__(self, table: str):
        super().__init__(f"the incremental render needs table {table!r}, which no replayed migration named")
        self.table = table


class _PartialNames(list):
    """``table_names()`` of a partial catalog: ``name in`` it answers for the tables whose
    whole history was replayed; any other question is one only the whole walk can answer."""

    def __init__(self, catalog: "Catalog"):
        super().__init__()
        self._catalog = catalog

    def __contains__(self, name) -> bool:
        return self._catalog._lookup(self._catalog._norm(str(name))) is not None

    def __iter__(self):
        raise Partial("*")

    def __len__(self):
        raise Partial("*")


class Catalog:
    def __init__(self, connection):
        self.connection = connection
        self.reset()

    def reset(self) -> None:
        """An empty database (the walk starts a fresh one)."""
        self.tables: dict[str, Table] = {}
        self.tainted: dict[str, str] = {}  # table -> why only a server knows what it holds
        self._undo, self._kept = [], set()
        self._pending: list[tuple] = []
        # Tables a pending event changes; introspecting one makes the migration *sensitive*:
        # what it prints (collected, nothing run yet) may differ from what running it does.
        self._pending_tables: set[str] = set()
        self.sensitive = False
        self.immediate = False  # running a migration: each event is visible at once
        self.operation = 0  # index of the operation whose statements are being recorded
        self._step: dict | None = None  # what the current step changed (see begin_step)
        # Only some migrations were replayed (an incremental render): the tables their
        # events named; asking about any other table is asking what is not known here.
        self._covered: set[str] = getattr(self, "_covered", set())  # kept across a reset
        self.replayed: set[str] | None = None if getattr(self, "replayed", None) is None else set(self._covered)

    def replay_only(self, covered=()) -> None:
        """From now on hold only what replayed migrations record (see :class:`Partial`);
        of the ``covered`` tables every migration is replayed."""
        self._covered = {self._norm(table) for table in covered}
        self.replayed = set(self._covered)

    def copy_to(self, connection) -> "Catalog":
        """The same committed database, as ``connection``'s catalog (a fork of the walk)."""
        other = Catalog(connection)
        other.tables, other.tainted = copy.deepcopy((self.tables, self.tainted))
        other.replayed = None if self.replayed is None else set(self.replayed)
        other._covered = set(self._covered)
        connection.catalog = other
        return other

    def begin_step(self) -> None:
        """Keep each table as it was before the step first changes it, so that a copy can
        be taken as the database stood before the step (:meth:`copy_before_step`)."""
        self._step = {}

    def _save_for_step(self, event) -> None:
        if self.replayed is not None:
            self.replayed.update(t if t == "*" else self._norm(t) for t in _tables_of(event))
        if self._step is None or "*" in self._step:
            return
        for name in (t if t == "*" else self._norm(t) for t in _tables_of(event)):
            if name == "*":  # raw SQL may change any table: keep them all (older entries stay)
                self._step["*"] = copy.deepcopy((self.tables, self.tainted))
                return
            if name not in self._step:
                self._step[name] = (copy.deepcopy(self.tables.get(name)), self.tainted.get(name))

    def copy_before_step(self, connection) -> "Catalog":
        """The committed database as it was when :meth:`begin_step` was last called, as
        ``connection``'s catalog."""
        other = self.copy_to(connection)
        saved = dict(self._step or {})
        if "*" in saved:
            other.tables, other.tainted = copy.deepcopy(saved.pop("*"))
        for name, (table, taint) in saved.items():
            other.tables.pop(name, None) if table is None else other.tables.__setitem__(name, copy.deepcopy(table))
            other.tainted.pop(name, None) if taint is None else other.tainted.__setitem__(name, taint)
        return other

    # -- what introspection asks ---------------------------------------------------------
    def _lookup(self, name: str):
        found = self.tables.get(name)
        if found is None and self.replayed is not None and name not in self.replayed \
                and name not in self._pending_tables:
            raise Partial(name)
        return found

    def _known(self, table: str):
        name = self._norm(table)
        if name in self._pending_tables or "*" in self._pending_tables:
            self.sensitive = True
        if name in self.tainted:
            from .wrappers import ServerNeeded

            raise ServerNeeded(f"introspects {name}, which {self.tainted[name]}")
        return self._lookup(name)

    def constraints(self, table: str) -> dict[str, dict]:
        found = self._known(table)
        if found is None:
            if self.connection.vendor == "mysql":
                # SHOW INDEX FROM a missing table is an error; the other servers answer nothing.
                from django.db.utils import ProgrammingError

                raise ProgrammingError(1146, f"Table 'offline.{self._norm(table)}' doesn't exist")
            return {}
        convert = self.connection.introspection.identifier_converter
        vendor = self.connection.vendor
        introspected = {}
        for name, constraint in introspected_names(vendor, ordered(vendor, found)):
            info = constraint.as_introspected()
            info["columns"] = [convert(c) for c in info["columns"]]
            if info["foreign_key"]:
                info["foreign_key"] = tuple(convert(part) for part in info["foreign_key"])
            introspected[convert(name)] = info
        return introspected

    def sequences(self, table: str) -> list[dict]:
        found = self._lookup(self._norm(table))
        if found is None:
            return []
        return [
            {"name": pg_object_name(self._norm(table), column, "seq"), "table": table, "column": column}
            for column in sorted(found.identity)
        ]

    def is_identity(self, table: str, column: str) -> bool:
        found = self._lookup(self._norm(table))
        return bool(found and self._norm(column) in found.identity)

    def table_names(self) -> list[str]:
        return sorted(self.tables) if self.replayed is None else _PartialNames(self)

    def columns(self, table: str) -> list[str]:
        found = self._known(table)
        return list(found.columns) if found else []

    # -- what RunSQL statements change (see runsql.py) ----------------------------------------
    def table(self, name: str) -> Table:
        return self.tables.setdefault(name, Table())

    def taint(self, table: str, why: str) -> None:
        if table:
            self.tainted.setdefault(table, why)

    def drop_index_anywhere(self, name: str) -> None:
        for table in self.tables.values():
            if table.constraints.pop(name, None) is not None:
                return

    def _apply_sql(self, sql: str) -> None:
        from .runsql import interpret

        interpret(self, sql)

    # -- what schema editors record, visible after commit() --------------------------------
    def record(self, *event) -> None:
        if self.immediate:
            self._keep_for_undo(event)
            self._save_for_step(event)
            kind, *args = event
            getattr(self, f"_apply_{kind}")(*args)
            return
        self._pending.append((self.operation, event))
        self._pending_tables.update(t if t == "*" else self._norm(t) for t in _tables_of(event))

    # -- running a migration statement by statement, with an undo log ------------------------
    def begin_run(self) -> None:
        self.rollback()
        self.immediate, self._undo, self._kept = True, [], set()

    def end_run(self) -> None:
        self.immediate = False

    def _keep_for_undo(self, event) -> None:
        # Each table the first time an operation changes it ("*": raw SQL may change any).
        names = [t if t == "*" else self._norm(t) for t in _tables_of(event)]
        for name in names:
            if (self.operation, name) in self._kept:
                continue
            self._kept.add((self.operation, name))
            if name == "*":
                self._undo.append((self.operation, name, copy.deepcopy((self.tables, self.tainted))))
            else:
                self._undo.append((self.operation, name, (copy.deepcopy(self.tables.get(name)),
                                                          self.tainted.get(name))))

    def touched(self) -> set[str]:
        """The tables the current (or last) run changed ("*" expanded to every table)."""
        names = {name for _, name in self._kept}
        return (names - {"*"}) | (set(self.tables) if "*" in names else set())

    def undo(self, from_operation: int = 0) -> None:
        """The tables as they were before operation ``from_operation`` of the run."""
        for operation, name, saved in reversed(self._undo):
            if operation < from_operation:
                continue
            if name == "*":
                self.tables, self.tainted = saved
                continue
            table, taint = saved
            self.tables.pop(name, None) if table is None else self.tables.__setitem__(name, table)
            self.tainted.pop(name, None) if taint is None else self.tainted.__setitem__(name, taint)
        self._undo = [entry for entry in self._undo if entry[0] < from_operation]

    def commit(self, before_operation: int | None = None) -> None:
        """Make what was recorded visible; only the operations before ``before_operation``
        when a migration failed there (what a non-transactional server keeps)."""
        pending, self._pending = self._pending, []
        self._pending_tables, self.sensitive = set(), False
        for operation, event in pending:
            if before_operation is None or operation < before_operation:
                self._save_for_step(event)
                kind, *args = event
                getattr(self, f"_apply_{kind}")(*args)

    def rollback(self) -> None:
        self._pending, self._pending_tables, self.sensitive = [], set(), False

    # -- applying events --------------------------------------------------------------------
    def _norm(self, identifier) -> str:
        """An identifier as the server stores it (quoted, truncated, case-folded) and
        introspection compares it."""
        quoted = str(identifier)  # statement parts arrive quoted; field names do not
        return unquote(quoted) if quoted[:1] in ('"', "`") else server_identifier(self.connection, quoted)

    def _name(self, table: Table, kind: str, table_name: str, column: str) -> str:
        table.unnamed += 1
        vendor = self.connection.vendor
        if kind == "check" and vendor == "mysql" and not self.connection.mysql_is_mariadb:
            taken = sum(1 for c in table.constraints.values() if c.check) + 1
            return MYSQL_CHECK(table_name, column, taken)
        name = NAMING.get(vendor, NAMING["postgresql"])[kind](table_name, column, table.unnamed)
        base, n = name, 1
        while name in table.constraints:  # servers de-duplicate: key, key1 / col, col_2
            n += 1
            name = f"{base}_{n}" if vendor == "mysql" else f"{base}{n - 1}"
        return name

    def _columns_named(self, table: Table, sql: str) -> list[str]:
        quote = self.connection.ops.quote_name
        return [c for c in table.columns if quote(c) in sql or f'"{c}"' in sql or f"`{c}`" in sql]

    def _check_columns(self, model, constraint, table: Table) -> list[str]:
        """The columns a Meta CheckConstraint's condition names, as the server reports them."""
        try:
            with self.connection.schema_editor(collect_sql=True) as editor:
                sql = constraint._get_check_sql(model, editor)
        except Exception:
            return []
        return self._columns_named(table, sql)

    def _apply_create_table(self, model) -> None:
        name = self._norm(model._meta.db_table)
        table = self.tables[name] = Table()
        vendor = self.connection.vendor
        keys, checks, meta = [], [], []  # (name, Constraint), in the CREATE TABLE text's order
        for fld in model._meta.local_fields:
            key, check = self._add_column(table, name, model, fld)
            keys += [key] if key else []
            checks += [check] if check else []
            if vendor != "postgresql" and vendor != "cockroachdb":
                keys += [check] if check else []
        for constraint in model._meta.constraints:
            # Meta.constraints that CREATE TABLE writes inline; the rest arrive as statements.
            if isinstance(constraint, CheckConstraint) and self.connection.features.supports_table_check_constraints:
                meta.append((self._norm(constraint.name),
                             Constraint(self._check_columns(model, constraint, table), check=True)))
            elif isinstance(constraint, UniqueConstraint) and self._inline_unique(constraint):
                columns = [self._norm(model._meta.get_field(f).column) for f in constraint.fields]
                meta.append((self._norm(constraint.name), self.unique(columns)))
        if vendor in ("postgresql", "cockroachdb"):
            # PostgreSQL stores a new table's CHECKs before its index-backed constraints.
            entries = checks + [m for m in meta if m[1].check] + keys + [m for m in meta if not m[1].check]
        else:
            entries = keys + meta
        for key, constraint in entries:
            if vendor == "sqlite" and not constraint.primary_key:
                constraint.catalog = "inline"
            table.constraints[key] = constraint

    def _inline_unique(self, constraint) -> bool:
        # BaseDatabaseSchemaEditor._unique_sql: these become a separate unique index.
        if constraint.condition or constraint.include or constraint.opclasses or constraint.expressions:
            return False
        if constraint.deferrable and not self.connection.features.supports_deferrable_unique_constraints:
            return False
        return constraint.nulls_distinct is None or self.connection.features.supports_nulls_distinct_unique_constraints

    def unique(self, columns) -> Constraint:
        mysql = self.connection.vendor == "mysql"
        return Constraint(columns, unique=True, index=mysql, type="idx" if mysql else None)

    def _add_column(self, table: Table, table_name: str, model, fld):
        """Record the column; its inline key (PRIMARY KEY/UNIQUE) and CHECK, if any."""
        params = fld.db_parameters(connection=self.connection)
        if params["type"] is None:
            return None, None
        column = self._norm(fld.column)
        table.columns.append(column)
        if fld.null:
            table.nullable.add(column)
        if fld.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
            table.identity.add(column)
        vendor = self.connection.vendor
        key = check = None
        if fld.primary_key:
            constraint = self.unique([column])
            constraint.primary_key = True
            key = (self._name(table, "pk", table_name, column), constraint)
        elif fld.unique:
            constraint = self.unique([column])
            constraint.unnamed = vendor == "sqlite"
            key = (self._name(table, "unique", table_name, column), constraint)
        if params.get("check"):
            check = (self._name(table, "check", table_name, column),
                     Constraint([column], check=True, unnamed=vendor == "sqlite"))
        return key, check

    def _apply_add_column(self, model, fld, fk_name) -> None:
        name = self._norm(model._meta.db_table)
        table = self.tables.setdefault(name, Table())
        for entry in self._add_column(table, name, model, fld):
            if entry is not None:
                table.constraints[entry[0]] = entry[1]
        if fk_name:
            target = fld.target_field
            self.add_fk(table, self._norm(fk_name), [self._norm(fld.column)],
                         (self._norm(target.model._meta.db_table), self._norm(target.column)))

    def add_fk(self, table: Table, name: str, columns: list[str], target) -> None:
        constraint = Constraint(columns, foreign_key=target)
        if self.connection.vendor == "mysql" and not any(
            c.index and c.columns[: len(columns)] == columns for c in table.constraints.values()
        ):
            # InnoDB creates an index for the foreign key, named after the constraint.
            constraint.index, constraint.type, constraint.implicit = True, "idx", True
        table.constraints[name] = constraint

    def add_index(self, table: Table, name: str, constraint: Constraint) -> None:
        if self.connection.vendor == "mysql" and constraint.columns:
            for other in table.constraints.values():
                if other.implicit and constraint.columns[: len(other.columns)] == other.columns:
                    # InnoDB drops the index it made for a foreign key once another covers it.
                    other.index, other.type, other.implicit = False, None, False
        table.constraints[name] = constraint

    def _apply_drop_table(self, table_name) -> None:
        self.tables.pop(self._norm(table_name), None)

    def _apply_rename_table(self, old, new) -> None:
        table = self.tables.pop(self._norm(old), None)
        if table is not None:
            self.tables[self._norm(new)] = table

    def _apply_drop_column(self, table_name, column) -> None:
        table = self.tables.get(self._norm(table_name))
        if table is None:
            return
        column = self._norm(column)
        table.columns = [c for c in table.columns if c != column]
        table.identity.discard(column)
        for name, constraint in list(table.constraints.items()):
            if column in constraint.columns:
                constraint.columns = [c for c in constraint.columns if c != column]
                # PostgreSQL drops any constraint on the column; MySQL only empties indexes.
                if not constraint.columns or self.connection.vendor != "mysql":
                    del table.constraints[name]

    def _apply_rename_column(self, table_name, old, new) -> None:
        table = self.tables.get(self._norm(table_name))
        if table is None:
            return
        old, new = self._norm(old), self._norm(new)
        table.columns = [new if c == old else c for c in table.columns]
        if old in table.identity:
            table.identity = (table.identity - {old}) | {new}
        for constraint in table.constraints.values():
            constraint.columns = [new if c == old else c for c in constraint.columns]

    def _apply_modify_column(self, table_name, column) -> None:
        table = self.tables.get(self._norm(table_name))
        if table is not None and self.connection.mysql_is_mariadb:
            # MariaDB keeps a column's CHECK in the column definition: redefining drops it.
            column = self._norm(column)
            for name, constraint in list(table.constraints.items()):
                if constraint.check and name == column and constraint.columns == [column]:
                    del table.constraints[name]

    def _apply_identity(self, table_name, column, identity: bool) -> None:
        table = self.tables.get(self._norm(table_name))
        if table is not None:
            (table.identity.add if identity else table.identity.discard)(self._norm(column))

    def _apply_statement(self, editor, statement: Statement) -> None:
        kind = _statement_kind(editor, statement.template)
        parts = statement.parts
        if kind is None or "table" not in parts:
            return
        table_name = self._norm(getattr(parts["table"], "table", parts["table"]))
        table = self.tables.setdefault(table_name, Table())
        name = self._norm(parts["name"]) if "name" in parts else None
        # FK statements name their column part "column"; the others "columns".
        column_part = parts.get("columns", parts.get("column"))
        columns = [self._norm(c) for c in getattr(column_part, "columns", []) or []]
        mysql = self.connection.vendor == "mysql"
        if kind == "drop":
            if name is None and editor.connection.vendor == "mysql":  # DROP PRIMARY KEY
                name = next((n for n, c in table.constraints.items() if c.primary_key), None)
            table.constraints.pop(name, None)
        elif kind == "rename_index":
            old, new = self._norm(parts["old_name"]), self._norm(parts["new_name"])
            if old in table.constraints:
                table.constraints[new] = table.constraints.pop(old)
        elif kind == "fk":
            to_table = self._norm(getattr(parts["to_table"], "table", parts["to_table"]))
            to_column = self._norm(parts["to_column"].columns[0])
            self.add_fk(table, name, columns, (to_table, to_column))
        elif kind == "pk":
            self.add_index(table, name, Constraint(columns, primary_key=True, unique=True,
                                                    index=mysql, type="idx" if mysql else None))
        elif kind == "check":
            # The server lists the columns a CHECK's expression names (conkey, the clause).
            table.constraints[name] = Constraint(columns or self._columns_named(table, str(parts.get("check", ""))),
                                                 check=True)
        elif kind in ("index", "unique_index", "unique"):
            using = str(parts.get("using", "")).strip().lower()
            index_type = using.removeprefix("using ").strip() or "idx"
            unique = kind != "index"
            index = kind != "unique" or mysql or self.connection.vendor == "sqlite"
            self.add_index(table, name, Constraint(
                columns, unique=unique, index=index,
                type=("idx" if index_type == "btree" else index_type) if index else None,
                catalog="constraint" if kind == "unique" and self.connection.vendor != "sqlite" else "index",
            ))


_KINDS = {
    "sql_create_fk": "fk",
    "sql_create_pk": "pk",
    "sql_create_check": "check",
    "sql_create_unique": "unique",
    "sql_create_unique_index": "unique_index",
    "sql_create_index": "index",
    "sql_create_index_concurrently": "index",
    "sql_rename_index": "rename_index",
    "sql_delete_fk": "drop",
    "sql_delete_pk": "drop",
    "sql_delete_check": "drop",
    "sql_delete_unique": "drop",
    "sql_delete_index": "drop",
    "sql_delete_index_concurrently": "drop",
    "sql_delete_constraint": "drop",
}


def _statement_kind(editor, template) -> str | None:
    for attribute, kind in _KINDS.items():
        if template == getattr(editor, attribute, None):
            return kind
    return None


class CatalogIntrospectionMixin:
    """Introspection that reads the connection's catalog instead of a server."""

    def get_constraints(self, cursor, table_name):
        return self.connection.catalog.constraints(table_name)

    def get_sequences(self, cursor, table_name, table_fields=()):
        return self.connection.catalog.sequences(table_name)

    def get_table_description(self, cursor, table_name):
        # The columns the catalog knows of, by name (the rest of the backend's FieldInfo unknown).
        field_info = next(sys.modules[klass.__module__].FieldInfo for klass in type(self).__mro__
                          if hasattr(sys.modules[klass.__module__], "FieldInfo"))
        blanks = [None] * (len(field_info._fields) - 1)
        convert = self.identifier_converter
        return [field_info(convert(name), *blanks) for name in self.connection.catalog.columns(table_name)]

    def get_storage_engine(self, cursor, table_name):
        return self.connection.features._mysql_storage_engine

    def table_names(self, cursor=None, include_views=False):
        return self.connection.catalog.table_names()


def _tables_of(event) -> list[str]:
    """The tables (as written) an event changes; "*" when raw SQL may change any."""
    kind, *args = event
    if kind in ("create_table",):
        return [unquote(args[0]._meta.db_table)]
    if kind in ("add_column",):
        return [unquote(args[0]._meta.db_table)]
    if kind in ("drop_table", "drop_column", "rename_column", "identity", "modify_column"):
        return [unquote(str(args[0]))]
    if kind == "rename_table":
        return [unquote(str(args[0])), unquote(str(args[1]))]
    if kind == "statement":
        table = args[1].parts.get("table")
        return [unquote(str(getattr(table, "table", table)))] if table is not None else []
    return ["*"]


_RUN_SQL = RunSQL._run_sql.__code__
# A column redefined by MySQL's MODIFY/CHANGE (Django never writes a CHECK there).
_MODIFY = re.compile(r"^ALTER TABLE `([^`]+)` (?:MODIFY|CHANGE) `([^`]+)`(?!.*\bCHECK\b)", re.DOTALL)  # what executes a RunSQL operation's statements


class CatalogRecordingMixin:
    """Schema-editor hooks that tell the catalog what each migration creates or drops."""

    def execute(self, sql, params=()):
        if isinstance(sql, Statement):
            self.connection.catalog.record("statement", self, sql)
        elif sys._getframe(1).f_code is _RUN_SQL:
            self.connection.catalog.record("sql", str(sql))
        elif self.connection.vendor == "mysql" and (modified := _MODIFY.match(str(sql))):
            self.connection.catalog.record("modify_column", *modified.groups())
        return super().execute(sql, params)

    def create_model(self, model):
        super().create_model(model)
        self.connection.catalog.record("create_table", model)

    def delete_model(self, model, *args, **kwargs):
        super().delete_model(model, *args, **kwargs)
        self.connection.catalog.record("drop_table", model._meta.db_table)

    def alter_db_table(self, model, old_db_table, new_db_table):
        super().alter_db_table(model, old_db_table, new_db_table)
        if old_db_table != new_db_table:
            self.connection.catalog.record("rename_table", old_db_table, new_db_table)

    def add_field(self, model, field):
        super().add_field(model, field)
        if field.many_to_many:
            return  # the through table arrives through create_model
        fk_name = None
        if field.remote_field and field.db_constraint and self.sql_create_column_inline_fk:
            fk_name = str(self._fk_constraint_name(model, field, "_fk_%(to_table)s_%(to_column)s"))
        self.connection.catalog.record("add_column", model, field, fk_name)

    def remove_field(self, model, field):
        super().remove_field(model, field)
        if not field.many_to_many and field.column:
            self.connection.catalog.record("drop_column", model._meta.db_table, field.column)

    def alter_field(self, model, old_field, new_field, strict=False):
        super().alter_field(model, old_field, new_field, strict)
        table = model._meta.db_table
        if old_field.column != new_field.column and old_field.column and new_field.column:
            self.connection.catalog.record("rename_column", table, old_field.column, new_field.column)
        autos = ("AutoField", "BigAutoField", "SmallAutoField")
        was, now = old_field.get_internal_type() in autos, new_field.get_internal_type() in autos
        if was != now and new_field.column:
            self.connection.catalog.record("identity", table, new_field.column, now)
