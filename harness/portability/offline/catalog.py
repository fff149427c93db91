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

from dataclasses import dataclass, field

from django.db.backends.ddl_references import Statement
from django.db.models import CheckConstraint, UniqueConstraint

from ..declared import server_identifier, unquote

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


class Catalog:
    def __init__(self, connection):
        self.connection = connection
        self.tables: dict[str, Table] = {}
        self._pending: list[tuple] = []
        self._counter = 0

    # -- what introspection asks ---------------------------------------------------------
    def constraints(self, table: str) -> dict[str, dict]:
        found = self.tables.get(self._norm(table))
        if found is None:
            return {}
        convert = self.connection.introspection.identifier_converter
        introspected, unnamed = {}, 0
        for name, constraint in found.constraints.items():
            if self.connection.vendor == "mysql" and constraint.check and [name] == constraint.columns:
                # Django's MySQL introspection renames a check named after its column.
                unnamed += 1
                name = f"__unnamed_constraint_{unnamed}__"
            info = constraint.as_introspected()
            info["columns"] = [convert(c) for c in info["columns"]]
            if info["foreign_key"]:
                info["foreign_key"] = tuple(convert(part) for part in info["foreign_key"])
            introspected[convert(name)] = info
        return introspected

    def sequences(self, table: str) -> list[dict]:
        found = self.tables.get(self._norm(table))
        if found is None:
            return []
        return [
            {"name": pg_object_name(self._norm(table), column, "seq"), "table": table, "column": column}
            for column in sorted(found.identity)
        ]

    def is_identity(self, table: str, column: str) -> bool:
        found = self.tables.get(self._norm(table))
        return bool(found and self._norm(column) in found.identity)

    def table_names(self) -> list[str]:
        return sorted(self.tables)

    # -- what schema editors record, visible after commit() --------------------------------
    def record(self, *event) -> None:
        self._pending.append(event)

    def commit(self) -> None:
        pending, self._pending = self._pending, []
        for kind, *args in pending:
            getattr(self, f"_apply_{kind}")(*args)

    def rollback(self) -> None:
        self._pending = []

    # -- applying events --------------------------------------------------------------------
    def _norm(self, identifier) -> str:
        """An identifier as the server stores it (quoted, truncated, case-folded) and
        introspection compares it."""
        quoted = str(identifier)  # statement parts arrive quoted; field names do not
        return unquote(quoted) if quoted[:1] in ('"', "`") else server_identifier(self.connection, quoted)

    def _name(self, table: Table, kind: str, table_name: str, column: str) -> str:
        self._counter += 1
        vendor = self.connection.vendor
        if kind == "check" and vendor == "mysql" and not self.connection.mysql_is_mariadb:
            taken = sum(1 for c in table.constraints.values() if c.check) + 1
            return MYSQL_CHECK(table_name, column, taken)
        name = NAMING.get(vendor, NAMING["postgresql"])[kind](table_name, column, self._counter)
        base, n = name, 1
        while name in table.constraints:  # servers de-duplicate: key, key1 / col, col_2
            n += 1
            name = f"{base}_{n}" if vendor == "mysql" else f"{base}{n - 1}"
        return name

    def _apply_create_table(self, model) -> None:
        name = self._norm(model._meta.db_table)
        table = self.tables[name] = Table()
        for fld in model._meta.local_fields:
            self._add_column(table, name, model, fld)
        mysql = self.connection.vendor == "mysql"
        for constraint in model._meta.constraints:
            # Meta.constraints that CREATE TABLE writes inline; the rest arrive as statements.
            if isinstance(constraint, CheckConstraint):
                table.constraints[self._norm(constraint.name)] = Constraint([], check=True)
            elif isinstance(constraint, UniqueConstraint) and not (
                constraint.condition or constraint.expressions or constraint.include
            ):
                columns = [self._norm(model._meta.get_field(f).column) for f in constraint.fields]
                table.constraints[self._norm(constraint.name)] = Constraint(
                    columns, unique=True, index=mysql, type="idx" if mysql else None
                )

    def _add_column(self, table: Table, table_name: str, model, fld) -> None:
        params = fld.db_parameters(connection=self.connection)
        if params["type"] is None:
            return
        column = self._norm(fld.column)
        table.columns.append(column)
        if fld.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField"):
            table.identity.add(column)
        mysql = self.connection.vendor == "mysql"
        if fld.primary_key:
            table.constraints[self._name(table, "pk", table_name, column)] = Constraint(
                [column], primary_key=True, unique=True, index=mysql, type="idx" if mysql else None
            )
        elif fld.unique:
            table.constraints[self._name(table, "unique", table_name, column)] = Constraint(
                [column], unique=True, index=mysql, type="idx" if mysql else None
            )
        if params.get("check"):
            table.constraints[self._name(table, "check", table_name, column)] = Constraint(
                [column], check=True
            )

    def _apply_add_column(self, model, fld, fk_name) -> None:
        name = self._norm(model._meta.db_table)
        table = self.tables.setdefault(name, Table())
        self._add_column(table, name, model, fld)
        if fk_name:
            target = fld.target_field
            self._add_fk(table, self._norm(fk_name), [self._norm(fld.column)],
                         (self._norm(target.model._meta.db_table), self._norm(target.column)))

    def _add_fk(self, table: Table, name: str, columns: list[str], target) -> None:
        constraint = Constraint(columns, foreign_key=target)
        if self.connection.vendor == "mysql" and not any(
            c.index and c.columns[:1] == columns[:1] for c in table.constraints.values()
        ):
            # InnoDB creates an index for the foreign key, named after the constraint.
            constraint.index, constraint.type = True, "idx"
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
            self._add_fk(table, name, columns, (to_table, to_column))
        elif kind == "pk":
            table.constraints[name] = Constraint(columns, primary_key=True, unique=True,
                                                 index=mysql, type="idx" if mysql else None)
        elif kind == "check":
            table.constraints[name] = Constraint(columns, check=True)
        elif kind in ("index", "unique_index", "unique"):
            using = str(parts.get("using", "")).strip().lower()
            index_type = using.removeprefix("using ").strip() or "idx"
            unique = kind != "index"
            index = kind != "unique" or mysql or self.connection.vendor == "sqlite"
            table.constraints[name] = Constraint(
                columns, unique=unique, index=index,
                type=("idx" if index_type == "btree" else index_type) if index else None,
            )


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

    def get_storage_engine(self, cursor, table_name):
        return self.connection.features._mysql_storage_engine

    def table_names(self, cursor=None, include_views=False):
        return self.connection.catalog.table_names()


class CatalogRecordingMixin:
    """Schema-editor hooks that tell the catalog what each migration creates or drops."""

    def execute(self, sql, params=()):
        if isinstance(sql, Statement):
            self.connection.catalog.record("statement", self, sql)
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
