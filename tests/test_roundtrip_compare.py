"""Drift between a real schema and the migration state, as a pure comparison (no server)."""

from __future__ import annotations

from harness.portability.roundtrip.compare import TRUNCATED, compare, same_type


def table(columns, constraints=()):
    return {"columns": {name: {"type": kind, "null": False, "default": None} for name, kind in columns.items()},
            "constraints": [{"name": n, "kind": k, "columns": list(c), "references": r} for n, k, c, r in constraints]}


def drift(actual, expected, vendor="postgresql", left_behind=False):
    return [(d.object, d.change, d.table, d.name, d.app, d.migration)
            for d in compare(actual, expected, vendor=vendor, target="t", phase="forwards",
                             attribute=lambda t, n: ("app", f"for {t}.{n}"), left_behind=left_behind)]


def test_spellings_of_one_type_are_no_drift_other_types_are():
    assert same_type("postgresql", "varchar(20)", "character varying(20)")
    assert same_type("postgresql", "numeric(12, 4)", "numeric(12,4)")
    assert same_type("mysql", "bool", "tinyint(1)") and same_type("mysql", "integer", "int(11)")
    assert not same_type("mysql", "json", "longtext") and not same_type("postgresql", "integer", "bigint")


def test_constraints_match_by_what_they_cover_whatever_the_server_names_them():
    pk = ("id",)
    expected = {"t": table({"id": "integer"}, [(None, "primary key", pk, None)])}
    actual = {"t": table({"id": "integer"}, [("t_pkey", "primary key", pk, None)])}
    assert drift(actual, expected) == []
    actual["t"]["constraints"].append({"name": "t_extra", "kind": "index", "columns": ["id"], "references": None})
    assert drift(actual, expected) == [("index", "unexpected", "t", "t_extra", "app", "for t.t_extra")]
    assert drift(actual, expected, left_behind=True)[0][1] == "left behind"


def test_a_name_the_server_cut_short_is_truncated_and_attributed_as_the_statements_name_it():
    long_name = "a" * 70
    rows = compare({long_name[:63]: table({"id": "integer"})}, {long_name: table({"id": "integer"})},
                   vendor="postgresql", target="t", phase="forwards", attribute=lambda t, n: ("app", t))
    assert [(d.change, d.expected, d.actual, d.migration, d.note) for d in rows] == [
        ("truncated", long_name, long_name[:63], long_name, TRUNCATED)]


def test_column_type_null_and_default_differences():
    expected = {"t": table({"a": "integer", "b": "varchar(5)"})}
    actual = {"t": table({"a": "bigint", "c": "text"})}
    actual["t"]["columns"]["a"]["null"] = True
    actual["t"]["columns"]["a"]["default"] = "0"
    assert sorted(drift(actual, expected)) == [
        ("column", "missing", "t", "b", "app", "for t.b"), ("column", "unexpected", "t", "c", "app", "for t.c"),
        ("default", "unexpected", "t", "a", "app", "for t.a"), ("null", "different", "t", "a", "app", "for t.a"),
        ("type", "different", "t", "a", "app", "for t.a")]
