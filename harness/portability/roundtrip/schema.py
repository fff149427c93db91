"""The real schema of a database, as its server reports it: tables, columns (server type,
NULL, default) and constraints, read with Django's introspection and the server's catalog.

A snapshot is plain JSON-able data, so it crosses process boundaries and compares as is:

    {table: {"columns": {column: {"type", "null", "default"}},
             "constraints": [{"name", "kind", "columns", "references"}]}}

``kind`` is one of "primary key", "unique", "foreign key", "check", "index"; one entry of
get_constraints() can give two (MySQL names a foreign key's index after the constraint).
"""

from __future__ import annotations

from ..comparisons.catalog import stored_columns

MIGRATIONS_TABLE = "django_migrations"


def snapshot(connection) -> dict:
    """Every table of ``connection``'s database but Django's migration records."""
    introspection = connection.introspection
    tables = {}
    with connection.cursor() as cursor:
        names = sorted(t.name for t in introspection.get_table_list(cursor) if t.type == "t")
        for table in names:
            if table.lower() == MIGRATIONS_TABLE:
                continue
            tables[table] = {
                "columns": _columns(connection, cursor, table),
                "constraints": constraints(introspection.get_constraints(cursor, table)),
            }
    return tables


def _columns(connection, cursor, table) -> dict:
    stored = stored_columns(connection.alias, table)
    described = {info.name.lower(): info for info in
                 connection.introspection.get_table_description(cursor, table)}
    columns = {}
    for name, column in stored.items():
        info = described.get(name.lower())
        columns[name] = {"type": column.type, "null": column.nullable,
                         "default": _default(info.default if info else None)}
    return columns


def _default(value) -> str | None:
    if value is None:
        return None
    text = str(value)
    # MariaDB reports the NULL default of a nullable column as the text NULL.
    return None if text.upper() == "NULL" else text


def constraints(introspected: dict) -> list[dict]:
    """get_constraints() as facts: one entry per (name, kind), sorted."""
    out = []
    for name, entry in introspected.items():
        columns = [c for c in entry.get("columns") or [] if c is not None]
        references = None
        if entry.get("foreign_key"):
            references = ".".join(str(part) for part in entry["foreign_key"])
        kinds = []
        if entry.get("primary_key"):
            kinds.append("primary key")
        elif entry.get("unique"):
            kinds.append("unique")
        if entry.get("foreign_key"):
            kinds.append("foreign key")
        if entry.get("check"):
            kinds.append("check")
        if entry.get("index") and not entry.get("primary_key") and not entry.get("unique"):
            kinds.append("index")
        for kind in kinds:
            out.append({"name": name, "kind": kind, "columns": columns,
                        "references": references if kind == "foreign key" else None})
    return sorted(out, key=lambda c: (c["kind"], c["columns"], c["name"]))
