"""What the server's own catalog says a table's columns are (live targets only).

Each vendor keeps this in a different place; all of them answer with a ``StoredColumn``
per column name (lower-case), so the comparisons can set it beside what Django declared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connections


@dataclass
class StoredColumn:
    type: str
    nullable: bool
    check: str | None = None
    affinity: str | None = None  # SQLite only: the type the column really converts to

    def describe(self) -> str:
        text = self.type
        if self.affinity:
            text += f" ({self.affinity} affinity)"
        if self.check:
            text += f" CHECK ({self.check})"
        return text


def stored_columns(alias: str, table: str) -> dict[str, StoredColumn]:
    connection = connections[alias]
    reader = {
        "postgresql": _postgresql,
        "mysql": _mysql,
        "sqlite": _sqlite,
        "oracle": _oracle,
    }[connection.vendor]
    with connection.cursor() as cursor:
        return reader(connection, cursor, table)


def _postgresql(connection, cursor, table):
    cursor.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull "
        "FROM pg_attribute a WHERE a.attrelid = %s::regclass "
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        [connection.ops.quote_name(table)],
    )
    columns = {name: StoredColumn(kind, nullable) for name, kind, nullable in cursor.fetchall()}
    cursor.execute(
        "SELECT a.attname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) "
        "WHERE c.conrelid = %s::regclass AND c.contype = 'c'",
        [connection.ops.quote_name(table)],
    )
    for name, definition in cursor.fetchall():
        columns[name].check = _strip_check_keyword(definition)
    return columns


def _mysql(connection, cursor, table):
    cursor.execute(
        "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE = 'YES' FROM information_schema.COLUMNS "
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s ORDER BY ORDINAL_POSITION",
        [table],
    )
    columns = {name.lower(): StoredColumn(kind, bool(n)) for name, kind, n in cursor.fetchall()}
    if connection.mysql_is_mariadb:
        # MariaDB names a column's CHECK after the column and records its table.
        cursor.execute(
            "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
            "WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = %s",
            [table],
        )
    else:
        cursor.execute(
            "SELECT tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE "
            "FROM information_schema.TABLE_CONSTRAINTS tc "
            "JOIN information_schema.CHECK_CONSTRAINTS cc "
            "ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME "
            "WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.TABLE_NAME = %s "
            "AND tc.CONSTRAINT_TYPE = 'CHECK'",
            [table],
        )
    for _name, clause in cursor.fetchall():
        for column_name, column in columns.items():
            if f"`{column_name}`" in clause.lower():
                column.check = clause
    return columns


def _sqlite(connection, cursor, table):
    cursor.execute(f"PRAGMA table_info({connection.ops.quote_name(table)})")
    columns = {
        row[1].lower(): StoredColumn(row[2], not row[3], affinity=sqlite_affinity(row[2]))
        for row in cursor.fetchall()
    }
    cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
    (create_sql,) = cursor.fetchone()
    for definition in _sqlite_column_definitions(create_sql):
        name = definition.split()[0].strip('"`[]').lower()
        check = re.search(r"\bCHECK\s*\((.*)\)\s*$", definition, re.IGNORECASE | re.DOTALL)
        if name in columns and check:
            columns[name].check = check.group(1).strip()
    return columns


def _oracle(connection, cursor, table):
    stored_name = connection.ops.quote_name(table).strip('"')
    cursor.execute(
        "SELECT column_name, data_type, data_precision, data_scale, char_length, nullable "
        "FROM user_tab_columns WHERE table_name = %s ORDER BY column_id",
        [stored_name],
    )
    columns = {
        name.lower(): StoredColumn(_oracle_type(kind, precision, scale, length), nullable == "Y")
        for name, kind, precision, scale, length, nullable in cursor.fetchall()
    }
    cursor.execute(
        "SELECT cc.column_name, c.search_condition_vc FROM user_constraints c "
        "JOIN user_cons_columns cc ON cc.constraint_name = c.constraint_name "
        "WHERE c.table_name = %s AND c.constraint_type = 'C'",
        [stored_name],
    )
    for name, condition in cursor.fetchall():
        if condition and not condition.rstrip().upper().endswith("IS NOT NULL"):
            columns[name.lower()].check = condition
    return columns


def _oracle_type(kind, precision, scale, length):
    if kind in ("NVARCHAR2", "VARCHAR2", "CHAR", "NCHAR"):
        return f"{kind}({length})"
    if kind == "NUMBER" and precision is not None:
        return f"NUMBER({precision},{scale})" if scale else f"NUMBER({precision})"
    if kind == "FLOAT" and precision is not None:
        return f"FLOAT({precision})"
    return kind


def _strip_check_keyword(definition: str) -> str:
    match = re.fullmatch(r"CHECK\s*\((.*)\)", definition.strip(), re.DOTALL)
    return match.group(1) if match else definition


def _sqlite_column_definitions(create_sql: str) -> list[str]:
    """The comma-separated items inside CREATE TABLE's parentheses, respecting nesting."""
    body = create_sql[create_sql.index("(") + 1 : create_sql.rindex(")")]
    items, depth, current = [], 0, []
    for char in body:
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        current.append(char)
    items.append("".join(current).strip())
    return items


def sqlite_affinity(declared: str) -> str:
    """SQLite's column-affinity rules (sqlite.org/datatype3.html, section 3.1), in order."""
    name = declared.upper()
    if "INT" in name:
        return "INTEGER"
    if any(word in name for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in name or not name:
        return "BLOB"
    if any(word in name for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def normalize_type(vendor: str, type_name: str | None) -> str:
    """A spelling-neutral form, so only real differences (bool vs tinyint(1)) are flagged."""
    text = " ".join((type_name or "").lower().split())
    text = re.sub(r",\s+", ",", text)
    if vendor == "postgresql":
        text = text.replace("character varying", "varchar").replace("time without time zone", "time")
    elif vendor == "mysql":
        text = text.replace(" auto_increment", "").replace("double precision", "double")
        text = re.sub(r"^integer\b", "int", text).replace("numeric", "decimal")
        # Display widths are cosmetic for every integer type but tinyint(1), the bool stand-in.
        text = re.sub(r"\b(smallint|mediumint|int|bigint)\(\d+\)", r"\1", text)
    elif vendor == "oracle":
        # Identity is a column property, TIMESTAMP defaults to (6), DOUBLE PRECISION is FLOAT(126).
        text = text.replace(" generated by default on null as identity", "")
        text = {"timestamp": "timestamp(6)", "double precision": "float(126)"}.get(text, text)
    return text


def normalize_check(check: str | None) -> str:
    """A check clause without quoting, brackets, spacing or case."""
    return re.sub(r"[\s\"`()\[\]]", "", (check or "")).lower()
