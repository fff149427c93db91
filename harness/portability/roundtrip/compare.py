"""Drift: where a real schema (schema.snapshot) differs from what the migration state says
(expected.expected_schema), each difference attributed to the migration that caused it."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..comparisons.catalog import normalize_type
from ..results import Drift

# Spellings the servers store for what Django declares, that mean the same type.
_SYNONYMS = {"mysql": {"bool": "tinyint(1)", "integer": "int"}}
# Why a difference is there, when it is one a server is known to make.
INNODB_FK_INDEX = "InnoDB creates an index for every foreign key (named after the constraint)"
MYSQL_KEPT_FK_INDEX = ("Django's MySQL schema editor adds an index for the foreign key when the index "
                       "covering it goes (_create_missing_fk_index); the state does not record it")
MARIADB_JSON = "MariaDB stores JSON as longtext with a CHECK (json_valid(…))"
TRUNCATED = "the server truncated the identifier"
LISTED_TWICE = "the migration state lists it twice (a RenameIndex of an index already named so)"
SQLITE_FTS_SHADOW = "SQLite keeps a full-text (FTS5) virtual table's data in shadow tables"
_FTS_SHADOW = re.compile(r"^(.+)_(config|content|data|docsize|idx)$")

# (table, object name) -> (app, migration) that caused it, or (None, None).
Attribution = Callable[[str, "str | None"], "tuple[str | None, str | None]"]


def same_type(vendor: str, declared: str, stored: str) -> bool:
    def spelled(text):
        text = normalize_type(vendor, text)
        return _SYNONYMS.get(vendor, {}).get(text, text)
    return spelled(declared) == spelled(stored)


def compare(actual: dict, expected: dict, *, vendor: str, target: str, phase: str,
            attribute: Attribution, mariadb: bool = False, left_behind: bool = False) -> list[Drift]:
    """Every difference between ``actual`` and ``expected`` (both snapshot-shaped);
    ``left_behind``: the database was migrated back to zero, what is unexpected was left."""
    out: list[Drift] = []
    actual, expected = _folded(actual, vendor), _folded(expected, vendor)

    def drift(obj, change, table, name, want, got, note=None, named_as=None):
        if left_behind and change == "unexpected":
            change = "left behind"
        app, migration = attribute(named_as or table, name)  # named_as: as the statements name it
        out.append(Drift(target, phase, obj, change, table, name, want, got, app, migration, note))

    missing = [t for t in expected if t not in actual]
    extra = [t for t in actual if t not in expected]
    for table in list(missing):
        cut = next((t for t in extra if len(t) < len(table) and table.startswith(t)), None)
        if cut:
            drift("table", "truncated", cut, None, table, cut, TRUNCATED, named_as=table)
            missing.remove(table)
            extra.remove(cut)
            _compare_table(actual[cut], expected[table], cut, vendor, mariadb, drift)
    for table in missing:
        drift("table", "missing", table, None, table, None)
    for table in extra:
        shadow = _FTS_SHADOW.match(table)
        fts = vendor == "sqlite" and shadow is not None and shadow.group(1) in actual
        drift("table", "unexpected", table, None, None, table, SQLITE_FTS_SHADOW if fts else None,
              named_as=shadow.group(1) if fts else None)
    for table in expected:
        if table in actual:
            _compare_table(actual[table], expected[table], table, vendor, mariadb, drift)
    return out


def _folded(schema: dict, vendor: str) -> dict:
    """Names as the server compares them: only PostgreSQL keeps the case of quoted columns
    (and MySQL of tables, on Linux); introspection lower-cases Oracle's."""
    if vendor == "postgresql":
        return schema
    fold_tables = vendor in ("sqlite", "oracle")
    return {(t.lower() if fold_tables else t): {**v, "columns": {c.lower(): x for c, x in v["columns"].items()}}
            for t, v in schema.items()}


def _compare_table(actual: dict, expected: dict, table: str, vendor: str, mariadb: bool, drift) -> None:
    have, want = actual["columns"], expected["columns"]
    for name in want:
        if name not in have:
            drift("column", "missing", table, name, want[name]["type"], None)
    for name in have:
        if name not in want:
            drift("column", "unexpected", table, name, None, have[name]["type"])
    json_columns = set()
    for name in want.keys() & have.keys():
        w, h = want[name], have[name]
        if not same_type(vendor, w["type"], h["type"]):
            json = mariadb and w["type"].lower() == "json" and h["type"].lower() == "longtext"
            if json:
                json_columns.add(name)
            drift("type", "different", table, name, w["type"], h["type"], MARIADB_JSON if json else None)
        if w["null"] != h["null"]:
            drift("null", "different", table, name, _null(w["null"]), _null(h["null"]))
        if (w["default"] is None) != (h["default"] is None):
            drift("default", "missing" if h["default"] is None else "unexpected", table, name,
                  w["default"], h["default"])
    _compare_constraints(actual["constraints"], expected["constraints"], table, vendor, json_columns, drift)


def _null(nullable: bool) -> str:
    return "NULL" if nullable else "NOT NULL"


def _key(entry, with_name=False):
    columns = tuple(dict.fromkeys(c.lower() for c in entry["columns"]))
    return (entry["kind"], columns, entry["references"]) + ((entry["name"],) if with_name else ())


def _compare_constraints(have: list, want: list, table: str, vendor: str, json_columns: set, drift) -> None:
    fks = {h["name"] for h in have if h["kind"] == "foreign key"}
    fk_columns = {_key(h)[1] for h in have if h["kind"] == "foreign key"}
    have, want = list(have), list(want)
    # By name where the state names it (Meta.indexes / Meta.constraints), then by what it covers.
    matched = set()
    for w in [w for w in want if w["name"]]:
        h = next((h for h in have if h["kind"] == w["kind"] and h["name"] == w["name"]), None)
        if h is None:
            continue
        matched.add((w["kind"], w["name"]))
        if w["columns"] and _key(w) != _key(h):
            drift(w["kind"], "different", table, w["name"], _describe(w), _describe(h))
        have.remove(h)
        want.remove(w)
    for w in list(want):
        h = next((h for h in have if _key(h) == _key(w)), None)
        if h is not None:
            have.remove(h)
            want.remove(w)
    for w in list(want):  # a named object the server cut short
        h = next((h for h in have if w["name"] and h["kind"] == w["kind"] and h["name"] != w["name"]
                  and w["name"].startswith(h["name"])), None)
        if h is not None:
            drift(w["kind"], "truncated", table, h["name"], w["name"], h["name"], TRUNCATED)
            have.remove(h)
            want.remove(w)
    for w in want:
        twice = LISTED_TWICE if (w["kind"], w["name"]) in matched else None
        drift(w["kind"], "missing", table, w["name"] or _columns(w), _describe(w), None, twice)
    for h in have:
        note = None
        if vendor == "mysql" and h["kind"] == "index" and h["name"] in fks:
            note = INNODB_FK_INDEX
        elif vendor == "mysql" and h["kind"] == "index" and _key(h)[1] in fk_columns:
            note = MYSQL_KEPT_FK_INDEX
        if h["kind"] == "check" and set(c.lower() for c in h["columns"]) & json_columns:
            note = MARIADB_JSON
        drift(h["kind"], "unexpected", table, h["name"], None, _describe(h), note)


def _columns(entry) -> str:
    return ", ".join(dict.fromkeys(entry["columns"])) or "-"


def _describe(entry) -> str:
    text = f"{entry['kind']} ({_columns(entry)})"
    if entry["references"]:
        text += f" → {entry['references']}"
    return text


_TABLE_NAME = re.compile(r"^new__")


def table_of(name: str | None) -> str | None:
    """A statement's table, without SQLite's remake prefix (new__<table>)."""
    return _TABLE_NAME.sub("", name) if name else None
