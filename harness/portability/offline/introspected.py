"""The order (and names) in which each server's catalog returns a table's constraints.

Django's ``get_constraints`` builds its dict in the order its catalog queries return rows,
and where one operation drops several constraints it drops them in that order. Observed on
the live servers (the fidelity tests compare whole migrations):

* PostgreSQL: ``pg_constraint`` rows (primary key, unique, foreign key, check) in the order
  they were created — a CREATE TABLE stores its CHECKs before its PRIMARY KEY and UNIQUE
  constraints — then the indexes that back no constraint, sorted by name (the query groups
  with a sort).
* MySQL/MariaDB: the primary key, unique keys and foreign keys (KEY_COLUMN_USAGE), the
  CHECKs, then the other indexes in the table's key order (unique keys before the rest, a
  fulltext index last, otherwise in the order they were added).
* SQLite: constraints written in CREATE TABLE (unnamed ones numbered per table), indexes
  newest first (``PRAGMA index_list``), then the primary key and the foreign keys.
"""

from __future__ import annotations


def ordered(vendor: str, table) -> list[tuple[str, object]]:
    """(name, Constraint) pairs of ``table`` in the order its server's catalog returns them."""
    items = list(table.constraints.items())
    if vendor in ("postgresql", "cockroachdb"):
        backed = [item for item in items if item[1].catalog == "constraint"]
        indexes = sorted((item for item in items if item[1].catalog == "index"), key=lambda i: i[0].encode())
        return backed + indexes
    if vendor == "mysql":
        keys = mysql_key_order(table)
        in_kcu = [item for item in keys if item[1].primary_key or item[1].unique]
        in_kcu += [item for item in items if item[1].foreign_key]
        checks = [item for item in items if item[1].check]
        listed = {name for name, _ in in_kcu + checks}
        return in_kcu + checks + [item for item in keys if item[0] not in listed]
    if vendor == "sqlite":
        inline = [item for item in items if item[1].catalog == "inline"]
        indexes = [item for item in items if item[1].catalog == "index"][::-1]
        rest = [item for item in items if item[1].catalog not in ("inline", "index")]
        return inline + indexes + rest
    return items


def mysql_key_order(table) -> list[tuple[str, object]]:
    """The table's indexes as SHOW INDEX lists them (InnoDB's sort_keys order)."""

    def key_class(item):
        constraint = item[1]
        if constraint.primary_key:
            return 0
        if constraint.unique:
            return 2 if any(c in table.nullable for c in constraint.columns) else 1
        return 4 if constraint.type in ("fulltext", "spatial") else 3

    indexes = [item for item in table.constraints.items() if item[1].index]
    return sorted(indexes, key=key_class)  # stable: the order they were added within a class


def introspected_names(vendor: str, pairs) -> list[tuple[str, object]]:
    """The names Django's introspection reports for ``pairs`` (already in server order)."""
    renamed, unnamed = [], 0
    for name, constraint in pairs:
        if vendor == "mysql" and constraint.check and [name] == constraint.columns:
            unnamed += 1  # MariaDB names a column CHECK after the column; Django renames it
            name = f"__unnamed_constraint_{unnamed}__"
        elif vendor == "sqlite" and constraint.unnamed:
            unnamed += 1  # constraints without a name in the CREATE TABLE text
            name = f"__unnamed_constraint_{unnamed}__"
        renamed.append((name, constraint))
    return renamed
