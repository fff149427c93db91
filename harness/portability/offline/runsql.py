"""What a RunSQL statement does to the offline catalog, read with sqlglot.

Indexes, constraints and tables that raw SQL creates, renames or drops are followed (wagtail
adds MySQL FULLTEXT indexes this way; a later migration's introspection sees them). DML,
triggers, SET, COMMENT … change nothing the catalog holds. A statement that does change a
known table in a way not followed here — or that cannot be parsed — *taints* the table:
rendering a later migration that introspects it needs a server, and says why.
"""

from __future__ import annotations

import logging
import re

import sqlglot
from sqlglot import exp

from ..declared import unquote

logging.getLogger("sqlglot").setLevel(logging.ERROR)  # "falling back to Command" is expected

DIALECTS = {"postgresql": "postgres", "cockroachdb": "postgres", "mysql": "mysql",
            "sqlite": "sqlite", "oracle": "oracle"}
# Statement types that never change tables, indexes or constraints.
_FULLTEXT = re.compile(r"^CREATE\s+(FULLTEXT|SPATIAL)\s+INDEX\s+(\S+)\s+ON\s+(\S+)\s*\(([^)]*)\)\s*$",
                       re.IGNORECASE | re.DOTALL)
HARMLESS = (exp.Select, exp.Insert, exp.Update, exp.Delete, exp.Set, exp.Comment, exp.Use,
            exp.Transaction, exp.Commit, exp.Rollback)


def interpret(catalog, sql: str) -> None:
    vendor = catalog.connection.vendor
    try:
        statements = [s for s in sqlglot.parse(sql, read=DIALECTS.get(vendor)) if s is not None]
    except sqlglot.errors.SqlglotError as exc:
        _taint_mentioned(catalog, sql, f"RunSQL the offline catalog cannot read ({exc.__class__.__name__})")
        return
    for statement in statements:
        try:
            _apply(catalog, statement, sql)
        except _Unfollowed as exc:
            catalog.taint(exc.table, f"RunSQL changed it in a way the offline catalog does not follow: "
                                     f"{' '.join(sql.split())[:120]}")


class _Unfollowed(Exception):
    def __init__(self, table: str):
        self.table = table


def _name(catalog, identifier) -> str:
    """An identifier as the server stores it: quoted as written, unquoted case-folded."""
    if isinstance(identifier, (exp.Table, exp.Column)):
        identifier = identifier.this
    if isinstance(identifier, exp.Identifier):
        if identifier.quoted:
            return identifier.name
        name = identifier.name
    else:
        name = unquote(str(identifier))
    vendor = catalog.connection.vendor
    if vendor in ("postgresql", "cockroachdb"):
        return name.lower()
    if vendor == "oracle":
        return name.upper()
    return name


def _columns(catalog, nodes) -> list[str]:
    names = []
    for node in nodes or []:
        node = node.this if isinstance(node, exp.Ordered) else node
        if isinstance(node, (exp.Column, exp.Identifier)):
            names.append(_name(catalog, node))
        else:
            return []  # an expression index: no plain columns
    return names


def _apply(catalog, statement, sql: str) -> None:
    from .catalog import Constraint, Table

    if isinstance(statement, HARMLESS):
        return
    if isinstance(statement, exp.Command):
        if fulltext := _FULLTEXT.match(f"{statement.this} {statement.expression}"):
            # MySQL's CREATE FULLTEXT|SPATIAL INDEX, which sqlglot reads as a bare command.
            kind, name, table_name, columns = fulltext.groups()
            catalog.add_index(catalog.table(_name(catalog, exp.to_identifier(table_name.strip("`")))),
                              name.strip("`"), Constraint(
                                  [c.strip().strip("`") for c in columns.split(",")], index=True,
                                  type=kind.lower(), catalog="index"))
            return
        words = f"{statement.this} {statement.expression}".upper().split()
        harmless = {"TRIGGER", "EXTENSION", "FUNCTION", "PROCEDURE", "TYPE", "SEQUENCE", "COLLATION"}
        if words[:1] in (["CREATE"], ["DROP"], ["ALTER"]) and not harmless & set(words[1:5]):
            _taint_mentioned(catalog, sql, "RunSQL the offline catalog cannot read")
        return
    if isinstance(statement, exp.Create):
        kind = (statement.args.get("kind") or "").upper()
        if kind == "INDEX":
            index = statement.this
            table = catalog.table(_name(catalog, index.args["table"]))
            params = index.args.get("params")
            columns = _columns(catalog, params.args.get("columns") if params else [])
            using = params.args.get("using") if params else None
            kind_name = str(using.name if hasattr(using, "name") else using or "").lower()
            catalog.add_index(table, _name(catalog, index.this), Constraint(
                columns, unique=bool(statement.args.get("unique")), index=True,
                type="idx" if kind_name in ("", "btree") else kind_name, catalog="index"))
        elif kind in ("TABLE", "VIEW"):
            schema = statement.this
            table_expr = schema.this if isinstance(schema, exp.Schema) else schema
            name = _name(catalog, table_expr)
            created = catalog.tables[name] = Table()
            if isinstance(schema, exp.Schema):
                created.columns = [_name(catalog, c.this) for c in schema.expressions if isinstance(c, exp.ColumnDef)]
        return
    if isinstance(statement, exp.Drop):
        kind = (statement.args.get("kind") or "").upper()
        for target in statement.args.get("tables") or []:
            if kind == "TABLE":
                catalog.tables.pop(_name(catalog, target), None)
            elif kind == "INDEX":
                catalog.drop_index_anywhere(_name(catalog, target))
        return
    if isinstance(statement, exp.Alter):
        table_name = _name(catalog, statement.this)
        table = catalog.tables.get(table_name)
        for action in statement.args.get("actions") or []:
            if table is None:
                return
            _alter(catalog, table_name, table, action)
        return
    raise _Unfollowed(next((_name(catalog, t) for t in statement.find_all(exp.Table)), ""))


def _alter(catalog, table_name, table, action) -> None:
    from .catalog import Constraint

    if isinstance(action, exp.AddConstraint):
        for item in action.expressions:
            if isinstance(item, exp.IndexColumnConstraint):
                kind = str(item.args.get("kind") or "").lower()
                catalog.add_index(table, _name(catalog, item.this), Constraint(
                    _columns(catalog, item.expressions), index=True, type=kind or "idx", catalog="index"))
            elif isinstance(item, exp.UniqueColumnConstraint) and isinstance(item.this, exp.Schema):
                catalog.add_index(table, _name(catalog, item.this.this), catalog.unique(
                    _columns(catalog, item.this.expressions)))
            elif isinstance(item, exp.Constraint):
                name = _name(catalog, item.this)
                body = item.expressions[0] if item.expressions else None
                if isinstance(body, exp.ForeignKey):
                    reference = body.args["reference"].this
                    catalog.add_fk(table, name, _columns(catalog, body.expressions),
                                   (_name(catalog, reference.this), _columns(catalog, reference.expressions)[0]))
                elif isinstance(body, exp.CheckColumnConstraint):
                    table.constraints[name] = Constraint([], check=True)
                elif isinstance(body, (exp.UniqueColumnConstraint, exp.PrimaryKey)):
                    columns = _columns(catalog, getattr(body, "expressions", None) or
                                       (body.this.expressions if isinstance(body.this, exp.Schema) else []))
                    constraint = catalog.unique(columns)
                    constraint.primary_key = isinstance(body, exp.PrimaryKey)
                    catalog.add_index(table, name, constraint)
                else:
                    raise _Unfollowed(table_name)
            else:
                raise _Unfollowed(table_name)
    elif isinstance(action, exp.Drop):
        for target in action.args.get("tables") or []:
            table.constraints.pop(_name(catalog, target), None)
    elif isinstance(action, exp.AlterRename):
        catalog.tables[_name(catalog, action.this)] = catalog.tables.pop(table_name)
    elif isinstance(action, exp.ColumnDef):
        table.columns.append(_name(catalog, action.this))
    elif isinstance(action, exp.RenameColumn):
        old, new = _name(catalog, action.this), _name(catalog, action.args["to"])
        table.columns = [new if c == old else c for c in table.columns]
    elif not isinstance(action, (exp.AlterColumn, exp.Comment)):
        raise _Unfollowed(table_name)


def _taint_mentioned(catalog, sql: str, why: str) -> None:
    lowered = sql.lower()
    for name in list(catalog.tables):
        if name.lower() in lowered:
            catalog.taint(name, f"{why}: {' '.join(sql.split())[:120]}")
