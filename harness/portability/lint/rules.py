"""Key and name rules, and the helpers every rule uses.

One small function per warning, each ``(model, backends) -> findings``.

A rule asks the target's wrapper (``features``, ``ops``, ``field.db_type``) and groups the
targets that share one outcome into one :class:`Finding`, whose message names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from .targets import Backend, names


@dataclass
class Finding:
    id: str
    obj: Any  # a model or a field
    targets: list[str]
    message: str
    hint: str


def label(obj) -> str:
    if isinstance(obj, models.Field):
        return f"{obj.model._meta.label}.{obj.name}"
    return obj._meta.label


def group(backends: Iterable[Backend], outcome: Callable[[Backend], Any]):
    """``[(outcome, [backends])]`` for the backends whose outcome is not None, in order."""
    groups: dict[Any, list[Backend]] = {}
    for b in backends:
        result = outcome(b)
        if result is not None:
            groups.setdefault(result, []).append(b)
    return list(groups.items())


def finding(id, obj, backends, message, hint) -> Finding:
    return Finding(id, obj, [b.name for b in backends], message, hint)


def columns(model) -> list[models.Field]:
    return [f for f in model._meta.local_fields if f.concrete and f.column]


def db_type(field, b: Backend) -> str | None:
    try:
        return field.db_type(b.connection)
    except Exception:  # a custom field that needs more than the offline wrapper has
        return None


def base_type(field, b: Backend) -> str:
    return (db_type(field, b) or "").split("(")[0].strip().lower()


def kind(field) -> str:
    return f"{type(field).__name__} {field.name!r}"


# --- keys: every index or unique set a model declares --------------------------------------


@dataclass
class Key:
    fields: list
    unique: bool
    what: str  # how the model declares it
    obj: Any


def keys(model) -> list[Key]:
    opts = model._meta
    found = []
    for f in columns(model):
        if f.primary_key:
            found.append(Key([f], True, "the primary key", f))
        elif f.unique:
            found.append(Key([f], True, "unique", f))
        elif f.db_index:
            found.append(Key([f], False, "indexed", f))

    def fields_of(field_names):
        return [opts.get_field(n) for n in field_names]

    sets = [(fs, True, f"in unique_together {tuple(fs)}") for fs in opts.unique_together]
    for index in opts.indexes:
        if not index.contains_expressions:
            sets.append(([n for n, _ in index.fields_orders], False, f"in index {index.name!r}"))
    for c in opts.constraints:
        if isinstance(c, models.UniqueConstraint) and c.fields:
            sets.append((c.fields, True, f"in UniqueConstraint {c.name!r}"))
    for field_names, unique, what in sets:
        try:
            found.append(Key(fields_of(field_names), unique, what, model))
        except FieldDoesNotExist:  # Django's own checks report it
            continue
    return found


def key_subject(key: Key) -> str:
    if len(key.fields) == 1 and key.obj is key.fields[0]:
        return f"{kind(key.fields[0])} is {key.what}"
    return f"({', '.join(f.name for f in key.fields)}) {key.what}"


# --- W001 InnoDB index key length ----------------------------------------------------------

_KEY_LIMITS = {"InnoDB": 3072, "MyISAM": 1000}  # bytes per index key (16K InnoDB pages)
_UTF8MB4 = 4  # bytes per character
_FIXED_BYTES = {"integer": 4, "bigint": 8, "smallint": 2, "bool": 1, "date": 3, "uuid": 16}
_LOB_TYPES = {"text", "tinytext", "mediumtext", "longtext", "blob", "tinyblob", "mediumblob",
              "longblob", "json", "clob", "nclob"}


def _key_bytes(field, b: Backend) -> tuple[int, bool] | None:
    """(bytes in the key, whether a string column counts); None for LOBs (W002's case)."""
    declared = (db_type(field, b) or "").lower()
    match = re.match(r"(?:var)?char\((\d+)\)", declared)
    if match:
        return int(match[1]) * _UTF8MB4, True
    if declared.split("(")[0] in _LOB_TYPES:
        return None
    return _FIXED_BYTES.get(declared.split("(")[0].split()[0] if declared else "", 8), False


def innodb_key_length(model, backends):
    """W001: a unique/indexed string key longer than MySQL/MariaDB's index key limit."""
    for key in keys(model):

        def outcome(b, key=key):
            if b.vendor != "mysql":
                return None
            engine = b.profile.server.get("mysql_server_data", {}).get("default_storage_engine")
            limit = _KEY_LIMITS.get(engine or "InnoDB")
            sizes = [_key_bytes(f, b) for f in key.fields]
            if limit is None or None in sizes or not any(s for _, s in sizes):
                return None
            total = sum(n for n, _ in sizes)
            return (total, engine or "InnoDB", limit) if total > limit else None

        for (total, engine, limit), group_ in group(backends, outcome):
            yield finding(
                "portability.W001", key.obj, group_,
                f"{key_subject(key)}: the key needs {total} bytes in utf8mb4 (4 bytes per "
                f"character), over the {engine} index key limit of {limit} bytes on "
                f"{names(group_)}.",
                "CREATE INDEX fails there with 'Specified key was too long'. Keep indexed "
                f"strings within {limit // _UTF8MB4} characters in total (max_length), or "
                "index a shorter derived column such as a hash.",
            )


def unindexable_lob(model, backends):
    """W002: a TextField/BinaryField/JSONField (a LOB column) that is unique or indexed."""
    for key in keys(model):
        for field in key.fields:

            def outcome(b, field=field):
                if b.feature("supports_index_on_text_field"):
                    return None
                declared = base_type(field, b)
                return db_type(field, b) if declared in _LOB_TYPES else None

            groups = group(backends, outcome)
            if not groups:
                continue
            stored = "; ".join(f"{t} on {names(g)}" for t, g in groups)
            yield finding(
                "portability.W002", key.obj, [b for _, g in groups for b in g],
                f"{key_subject(key)}, but {field.name!r} is a large-object column ({stored}), "
                "which these backends cannot index as a whole.",
                "MySQL/MariaDB reject TEXT/BLOB keys without a prefix length ('BLOB/TEXT column "
                "used in key specification without a key length') and index JSON only through "
                "generated columns; Oracle cannot index an NCLOB/BLOB, nor use it in distinct() "
                "or ORDER BY. Use a CharField with a max_length, or index a hash of the value.",
            )


# --- W003/W004 identifier length, W005 Oracle reserved words --------------------------------


def identifiers(model) -> list[tuple[str, str, Any]]:
    """(kind, name, obj) for every name the model puts in the database schema."""
    opts = model._meta
    found = [("table", opts.db_table, model)]
    found += [("column", f.column, f) for f in columns(model)]
    for f in opts.local_many_to_many:
        if f.remote_field.through._meta.auto_created:
            found.append(("table", f.m2m_db_table(), f))
    found += [("index", i.name, model) for i in opts.indexes if i.name]
    found += [("constraint", c.name, model) for c in opts.constraints if c.name]
    return found


def _quoted_by_user(name: str) -> bool:
    return name.startswith('"') and name.endswith('"')


def name_truncated(model, backends):
    """W003: Django shortens the name (with a hash) on the target, e.g. Oracle's 30."""
    for what, name, obj in identifiers(model):
        if _quoted_by_user(name):
            continue

        def outcome(b, name=name):
            shown = b.connection.ops.quote_name(name).strip('"`[]')
            return shown if shown.lower() != name.lower() else None

        for shown, group_ in group(backends, outcome):
            limit = group_[0].connection.ops.max_name_length()
            yield finding(
                "portability.W003", obj, group_,
                f"The {what} name {name!r} ({len(name)} characters) becomes {shown!r} on "
                f"{names(group_)}: Django shortens names over {limit} characters there, "
                "replacing the end with a hash.",
                "Raw SQL, views and database tools must use the shortened name. Choose a name "
                f"of at most {limit} characters (db_table, db_column, name=) to keep one name "
                "everywhere; see Django's Oracle notes, 'Naming issues'.",
            )


_OVERLONG = {
    "postgresql": "the server silently truncates it, so names sharing their first "
    "{limit} bytes collide",
    "mysql": "the server rejects it ('Identifier name ... is too long')",
}
_OVERLONG_OTHER = "the server may truncate or reject it"


def name_too_long(model, backends):
    """W004: a name over the server's identifier limit that Django passes on unchanged."""
    for what, name, obj in identifiers(model):
        if _quoted_by_user(name):
            continue

        def outcome(b, name=name):
            limit = b.connection.ops.max_name_length()
            shown = b.connection.ops.quote_name(name).strip('"`[]')
            if limit is None or shown.lower() != name.lower():
                return None  # no limit, or Django shortens it (W003)
            return (b.vendor, limit) if len(name.encode()) > limit else None

        for (vendor, limit), group_ in group(backends, outcome):
            effect = _OVERLONG.get(vendor, _OVERLONG_OTHER).format(limit=limit)
            yield finding(
                "portability.W004", obj, group_,
                f"The {what} name {name!r} is {len(name.encode())} bytes, over the {limit}-byte "
                f"identifier limit of {names(group_)}: {effect}.",
                f"Use a name of at most {limit} bytes (db_table, db_column, name=).",
            )


# Oracle's reserved words (Oracle SQL Language Reference, "Oracle SQL Reserved Words")
# and the datatype names most often used as field names.
ORACLE_RESERVED = frozenset("""
    ACCESS ADD ALL ALTER AND ANY AS ASC AUDIT BETWEEN BY CHAR CHECK CLUSTER COLUMN COMMENT
    COMPRESS CONNECT CREATE CURRENT DATE DECIMAL DEFAULT DELETE DESC DISTINCT DROP ELSE
    EXCLUSIVE EXISTS FILE FLOAT FOR FROM GRANT GROUP HAVING IDENTIFIED IMMEDIATE IN INCREMENT
    INDEX INITIAL INSERT INTEGER INTERSECT INTO IS LEVEL LIKE LOCK LONG MAXEXTENTS MINUS
    MLSLABEL MODE MODIFY NOAUDIT NOCOMPRESS NOT NOWAIT NULL NUMBER OF OFFLINE ON ONLINE OPTION
    OR ORDER PCTFREE PRIOR PUBLIC RAW RENAME RESOURCE REVOKE ROW ROWID ROWNUM ROWS SELECT
    SESSION SET SHARE SIZE SMALLINT START SUCCESSFUL SYNONYM SYSDATE TABLE THEN TO TRIGGER UID
    UNION UNIQUE UPDATE USER VALIDATE VALUES VARCHAR VARCHAR2 VIEW WHENEVER WHERE WITH
    TIMESTAMP INTERVAL CLOB NCLOB BLOB NCHAR NVARCHAR2 BINARY_FLOAT BINARY_DOUBLE
""".split())


def oracle_reserved_name(model, backends):
    """W005: a table or column named with an Oracle reserved word or datatype name."""
    oracle = [b for b in backends if b.vendor == "oracle"]
    for what, name, obj in identifiers(model):
        if what in ("table", "column") and name.upper() in ORACLE_RESERVED and oracle:
            yield finding(
                "portability.W005", obj, oracle,
                f"The {what} name {name!r} is an Oracle reserved word or datatype name on "
                f"{names(oracle)}.",
                "Django quotes it, but raw SQL, views and database tools must write "
                f'"{name.upper()}" quoted, in upper case. Rename it (db_column, db_table) to '
                "avoid that; see Oracle's list of SQL reserved words and Django's Oracle notes, "
                "'Naming issues'.",
            )


RULES: tuple[Callable[[Any, list[Backend]], Iterator[Finding]], ...] = (
    innodb_key_length, unindexable_lob, name_truncated, name_too_long, oracle_reserved_name,
)
