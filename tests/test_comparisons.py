"""The three comparisons and default-vs-routed: concrete outcomes per backend.

Collection creates and drops its own scratch tables, so every live test is transactional
(SQLite's schema editor refuses to run inside atomic(), MySQL commits on DDL).
"""

import importlib

import pytest
from django.db import connections
from django.db.backends.utils import truncate_name

from harness.portability.comparisons import collect_live, declared, default_vs_routed
from harness.portability.comparisons.expected import (
    DOCS_NULL_EMPTY,
    EXPECTED_DETAIL,
    expected_outcomes,
    oracle_default_vs_routed,
)
from harness.portability.comparisons.scratch import SCRATCH_APP_LABEL
from harness.portability import databases
from pots.bases import FieldZooBase
from routers import APP_DATABASES

LIVE_ALIASES = ("default", "postgresql", "mysql")
_collected: dict[str, dict] = {}


def collected(alias):
    """One collection per alias per session: each is a few hundred statements."""
    if alias not in _collected:
        _collected[alias] = collect_live(alias)
    return _collected[alias]


def on(*aliases):
    return pytest.mark.parametrize(
        "alias",
        [pytest.param(a, marks=pytest.mark.backend(a, transaction=True), id=a) for a in aliases],
    )


def outcomes(rows):
    return {row.case: row.outcome for row in rows}


def zoo_rows(rows):
    return {row.field: row for row in rows if row.model == "FieldZoo"}


def scratch_tables(alias):
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
    return [name for name in names if name.startswith(SCRATCH_APP_LABEL)]


# -- offline: declared() never connects ------------------------------------------------------


def test_declared_on_a_never_connected_oracle_wrapper(monkeypatch):
    connection = connections["oracle"]

    def refuse(*args, **kwargs):
        raise AssertionError("declared() tried to reach the Oracle server")

    monkeypatch.setattr(connection, "connect", refuse)
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    rows = declared(connection, "oracle-19")
    assert connection.connection is None

    zoo = zoo_rows(rows["types"])
    assert (zoo["char_text"].declared, zoo["char_text"].nullable) == ("NVARCHAR2(40)", True)
    assert zoo["body"].nullable is True  # the empty-string rule, though null=False
    assert zoo["count"].nullable is False
    assert (zoo["flag"].declared, zoo["flag"].check) == ("NUMBER(1)", '"FLAG" IN (0,1)')
    assert zoo["document"].check == '"DOCUMENT" IS JSON'
    assert all(row.stored is None and "offline" in row.notes[0] for row in rows["types"])

    null_empty = {row.case: row for row in rows["null_empty"]}
    column = null_empty["CharField(null=False): column"]
    assert column.outcome == "NULL" and DOCS_NULL_EMPTY in column.detail
    read_back = null_empty["CharField(null=False): save None → ORM reads"]
    assert read_back.outcome == "''" and read_back.detail.startswith(EXPECTED_DETAIL)
    assert null_empty["CharField(null=True): save '' → raw SELECT reads"].outcome == "None"
    assert null_empty["CharField(unique=True, null=False): save '' twice"].outcome == "both saved"
    booleans = outcomes(rows["booleans"])
    assert booleans["declared column"] == "NUMBER(1)"
    assert booleans["raw write of 2"] == "IntegrityError"


def test_declared_on_sqlite_has_no_expectations_and_says_offline():
    rows = declared(connections["default"], "sqlite-3")
    zoo = zoo_rows(rows["types"])
    assert (zoo["char_text"].declared, zoo["char_text"].nullable) == ("varchar(40)", False)
    assert zoo["amount"].declared == "decimal"
    assert outcomes(rows["null_empty"])["CharField(null=False): column"] == "NOT NULL"
    assert not any(EXPECTED_DETAIL in (row.detail or "") for row in rows["null_empty"])
    assert outcomes(rows["booleans"]) == {"declared column": "bool", "declared CHECK": "none"}


# -- type mapping ----------------------------------------------------------------------------


@on(*LIVE_ALIASES)
def test_type_rows_cover_every_field_and_leave_no_tables(alias):
    rows = collected(alias)["types"]
    expected = [f.name for f in FieldZooBase._meta.fields]
    assert [r.field for r in rows if r.model == "FieldZoo"] == ["id", *expected]
    assert [(r.model, r.field) for r in rows if r.model != "FieldZoo"] == [
        ("BigAutoPk", "id"), ("BigAutoPk", "label"), ("SmallAutoPk", "id"), ("SmallAutoPk", "label"),
    ]
    assert all(r.stored and r.orm_type and r.raw_type for r in rows)
    assert scratch_tables(alias) == []


@on("default")
def test_sqlite_decimal_has_numeric_affinity_and_reads_raw_as_float(alias):
    amount = zoo_rows(collected(alias)["types"])["amount"]
    assert amount.stored == "decimal (NUMERIC affinity)"
    assert "SQLite has no decimal type: NUMERIC affinity, value stored as real" in amount.notes
    assert (amount.orm_value, amount.orm_type) == ("Decimal('12.3456')", "Decimal")
    assert (amount.raw_value, amount.raw_type) == ("12.3456", "float")
    assert "ORM reads Decimal, raw SELECT reads float" in amount.notes


@on("postgresql")
def test_postgresql_stores_what_django_declares(alias):
    zoo = zoo_rows(collected(alias)["types"])
    assert (zoo["flag"].stored, zoo["flag"].raw_type) == ("boolean", "bool")
    assert (zoo["document"].stored, zoo["document"].raw_type, zoo["document"].orm_type) == (
        "jsonb", "str", "dict",
    )
    assert zoo["char_text"].stored == "character varying(40)" and not zoo["char_text"].notes


@on("mysql")
def test_mariadb_turns_json_into_longtext_and_bool_into_tinyint(alias):
    zoo = zoo_rows(collected(alias)["types"])
    document = zoo["document"]
    assert document.declared == "json"
    assert document.stored == "longtext CHECK (json_valid(`document`))"
    assert "declared json, server stores longtext" in document.notes
    assert "server adds CHECK (json_valid(`document`))" in document.notes
    flag = zoo["flag"]
    assert (flag.declared, flag.stored) == ("bool", "tinyint(1)")
    assert (flag.raw_type, flag.orm_type) == ("int", "bool")
    assert "declared bool, server stores tinyint(1)" in flag.notes
    assert not zoo["count"].notes  # int(11) is integer: display widths are not flagged


# -- null and empty strings ------------------------------------------------------------------

# The same on SQLite, PostgreSQL and MariaDB (Oracle is the one that differs).
SHARED_NULL_EMPTY = {
    "CharField(null=False): column": "NOT NULL",
    "CharField(null=False): save ''": "saved",
    "CharField(null=False): save '' → raw SELECT reads": "''",
    "CharField(null=False): save None": "IntegrityError",
    "CharField(null=True): save None → ORM reads": "None",
    "CharField(null=True): filter(value='')": "['empty']",
    "CharField(null=True): filter(value__isnull=True)": "['none']",
    "TextField(null=False): save None": "IntegrityError",
    # FieldFile(None) saves as str(FieldFile) == '': never NULL, even with null=True.
    "FileField(null=False): save None": "saved",
    "FileField(null=True): save None → raw SELECT reads": "''",
    "FileField(null=True): filter(value__isnull=True)": "[]",
    "BinaryField(null=True): save b'' → raw SELECT reads": "b''",
    "BinaryField(null=True): filter(value=b'')": "['empty']",
    "CharField(unique=True, null=False): save '' twice": "IntegrityError",
    "CharField(unique=True, null=True): save '' twice": "IntegrityError",
}


@on(*LIVE_ALIASES)
def test_null_and_empty_strings_agree_off_oracle(alias):
    observed = outcomes(collected(alias)["null_empty"])
    assert {case: observed[case] for case in SHARED_NULL_EMPTY} == SHARED_NULL_EMPTY


@on("default")
def test_oracle_expectations_name_cases_the_collectors_write(alias):
    live = collected(alias)
    for section, cases in expected_outcomes("oracle").items():
        assert set(cases) <= set(outcomes(live[section])), section
    assert set(oracle_default_vs_routed()) <= set(default_vs_routed.observe(alias))


# -- boolean emulation -----------------------------------------------------------------------

BOOLEANS = {
    # Django's SQLite backend registers a "bool" converter (b"1".__eq__) with the driver,
    # so a raw SELECT of a bool column is already a bool, and a stored 2 reads as False
    # while WHERE "flag" (no "= 1") still matches it.
    "default": {
        "stored column": "bool",
        "stored CHECK": "none",
        "raw SELECT of True": "True (bool)",
        "raw write of 2": "accepted",
        "raw SELECT after writing 2": "False (bool)",
        "ORM reads after writing 2": "False (bool)",
        "filter(flag=True) matches": "['foreign', 'true']",
        "filter(flag=False) matches": "['false']",
        "raw SELECT of count > 1": "1 (int)",
    },
    "postgresql": {
        "stored column": "boolean",
        "stored CHECK": "none",
        "raw SELECT of True": "True (bool)",
        "raw write of 2": "ProgrammingError",
        "filter(flag=True) matches": "['foreign', 'true']",
        "raw SELECT of count > 1": "True (bool)",
    },
    # A stored 2 is neither True nor False to the ORM: filters match it on neither side.
    "mysql": {
        "stored column": "tinyint(1)",
        "stored CHECK": "none",
        "raw SELECT of True": "1 (int)",
        "raw write of 2": "accepted",
        "raw SELECT after writing 2": "2 (int)",
        "ORM reads after writing 2": "2 (int)",
        "filter(flag=True) matches": "['true']",
        "filter(flag=False) matches": "['false']",
        "raw SELECT of count > 1": "1 (int)",
    },
}
ANNOTATED = "annotate(ExpressionWrapper(Q(count__gt=1), output_field=BooleanField()))"


@on(*LIVE_ALIASES)
def test_boolean_emulation(alias):
    observed = outcomes(collected(alias)["booleans"])
    assert {case: observed[case] for case in BOOLEANS[alias]} == BOOLEANS[alias]
    assert observed[ANNOTATED] == "True (bool)"
    assert observed[f"filter on {ANNOTATED}"] == "['true']"


# -- Oracle: the documented rule, checked live where a server answers ------------------------


@pytest.mark.backend("oracle", transaction=True)
def test_oracle_matches_its_expected_outcomes():
    live = collect_live("oracle")
    for section, cases in expected_outcomes("oracle").items():
        observed = outcomes(live[section])
        wrong = {
            case: (observed.get(case), e.outcome)
            for case, e in cases.items()
            if observed.get(case) != e.outcome
        }
        assert not wrong, f"{section}: (observed, expected) {wrong}"
    rows = {row.case: row for row in default_vs_routed.compare("oracle")}
    for case, (as_default, as_routed, _reference) in oracle_default_vs_routed().items():
        assert (rows[case].as_default, rows[case].as_routed) == (as_default, as_routed), case


# -- default vs routed -----------------------------------------------------------------------

LONG_TABLE = f"{SCRATCH_APP_LABEL}_{default_vs_routed.LONG_MODEL_NAME.lower()}"
DERIVED, HELD = default_vs_routed.TABLE_NAME_CASES


@pytest.mark.backend("postgresql", transaction=True)
def test_postgresql_long_table_name_differs_as_default_and_routed():
    rows = {row.case: row for row in default_vs_routed.compare("postgresql")}
    name = default_vs_routed.table_outcome
    hashed = truncate_name(LONG_TABLE, 63)  # Django's own truncation, with its hash suffix
    assert (rows[DERIVED].as_routed, rows[DERIVED].as_default) == (name(LONG_TABLE), name(hashed))
    # Routed, Django sends the full name and PostgreSQL cuts it silently to 63 characters.
    assert (rows[HELD].as_routed, rows[HELD].as_default) == (name(LONG_TABLE[:63]), name(hashed))
    assert rows[DERIVED].differs and rows[HELD].differs
    assert not rows["filter(value='') on CharField(null=True)"].differs
    assert not rows[default_vs_routed.NEW_INSTANCE_CASE].differs
    # The as-default process dropped its own test database.
    with connections["postgresql"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE %s",
                       [f"test_harness_{databases.test_database_suffix()}d"])
        assert cursor.fetchone()[0] == 0


@pytest.mark.backend("default", transaction=True)
def test_sqlite_is_the_default_both_ways_so_nothing_differs():
    rows = default_vs_routed.compare("default")
    assert {row.case for row in rows} == set(default_vs_routed.observe("default"))
    assert [row for row in rows if row.differs] == []


@pytest.mark.backend("mysql", transaction=True)
def test_mariadb_refuses_the_long_table_name_only_when_routed():
    rows = {row.case: row for row in default_vs_routed.compare("mysql")}
    assert rows[HELD].as_routed.startswith("create failed: ProgrammingError")
    assert rows[HELD].as_default == default_vs_routed.table_outcome(truncate_name(LONG_TABLE, 64))
    assert rows[HELD].differs
    assert scratch_tables("mysql") == []


# -- one settings module per engine ----------------------------------------------------------


@pytest.mark.parametrize("vendor,alias", [("postgresql", "postgresql"), ("mysql", "mysql"),
                                          ("oracle", "oracle"), ("sqlite", "default")])
def test_engine_settings_make_the_backend_default(vendor, alias):
    routed = importlib.import_module("harness.settings")
    module = importlib.import_module(f"harness.settings.{vendor}")

    def server(config):  # not NAME: test-database setup rewrites it in place
        return {k: config.get(k) for k in ("ENGINE", "HOST", "PORT", "USER", "PASSWORD")}

    assert server(module.DATABASES["default"]) == server(routed.DATABASES[alias])  # same URL variable
    assert list(module.DATABASES)[0] == "default"
    vendor_app = next(app for app, a in APP_DATABASES.items() if a == alias)
    assert module.HARNESS_APP_DATABASES[vendor_app] == "default"
    # The alias keeps its name (same server); nothing is routed to it, it migrates nothing.
    assert server(module.DATABASES[alias]) == server(routed.DATABASES[alias])
    assert set(module.HARNESS_APP_DATABASES.values()) | {alias} <= set(module.DATABASES)
