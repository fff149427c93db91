"""The harness writes only to the test databases it creates, and drops them all.

Other tests (pytest-xdist workers, tox -p) create and drop their own ``test_*`` databases on
the same servers at the same time, so only names carrying this run's suffix are compared.
"""

from __future__ import annotations

import contextlib
from urllib.parse import quote

import pytest
from django.db import connections

from harness.portability.live import UnsafeDatabase, ensure_test_database, looks_like_test_database

from .harness_run import explain, harness_env, load_report, run_manage, target, unique_suffix

# -- server-level access, outside Django (which would only ever show its own connections) --


def _server(alias: str) -> dict:
    s = connections[alias].settings_dict
    return {"host": s["HOST"], "port": int(s["PORT"]), "user": s["USER"], "password": s["PASSWORD"]}


@contextlib.contextmanager
def server_cursor(alias: str, database: str | None = None):
    """A cursor on ``alias``'s server (its maintenance database, or ``database``), autocommit."""
    s = _server(alias)
    if alias == "postgresql":
        import psycopg

        with psycopg.connect(host=s["host"], port=s["port"], user=s["user"],
                             password=s["password"], dbname=database or "postgres",
                             autocommit=True, connect_timeout=3) as conn:
            yield conn.cursor()
        return
    import MySQLdb

    conn = MySQLdb.connect(host=s["host"], port=s["port"], user=s["user"], password=s["password"],
                           connect_timeout=3, **({"database": database} if database else {}))
    conn.autocommit(True)
    try:
        yield conn.cursor()
    finally:
        conn.close()


LIST_DATABASES = {"postgresql": "SELECT datname FROM pg_database", "mysql": "SHOW DATABASES"}
LIST_TABLES = {  # every table, view and sequence of the connected database
    "postgresql": "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                  "AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'",
    "mysql": "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
}
CREATE = {"postgresql": 'CREATE DATABASE "{}"',
          "mysql": "CREATE DATABASE `{}` CHARACTER SET utf8mb4"}
DROP = {"postgresql": 'DROP DATABASE IF EXISTS "{}"', "mysql": "DROP DATABASE IF EXISTS `{}`"}


def fetch(alias: str, sql: str, database: str | None = None) -> set[str]:
    with server_cursor(alias, database) as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def url(alias: str, name: str) -> str:
    s = _server(alias)
    scheme = {"postgresql": "postgres", "mysql": "mysql"}[alias]
    return (f"{scheme}://{quote(s['user'], safe='')}:{quote(s['password'] or '', safe='')}"
            f"@{s['host']}:{s['port']}/{name}")


@pytest.fixture
def non_test_database(request):
    """A database named like a real one (not test_*) on the alias's server; dropped afterwards."""
    alias, name = request.param, f"harness_safety_{unique_suffix()}"
    try:
        with server_cursor(alias) as cursor:
            cursor.execute(CREATE[alias].format(name))
        yield alias, name
    finally:
        with contextlib.suppress(Exception), server_cursor(alias) as cursor:
            cursor.execute(DROP[alias].format(name))


@pytest.mark.parametrize("non_test_database", [
    pytest.param(alias, marks=pytest.mark.backend(alias), id=alias)
    for alias in ("postgresql", "mysql")
], indirect=True)
def test_report_leaves_no_database_behind_and_never_touches_a_real_one(non_test_database,
                                                                       tmp_path):
    alias, real_name = non_test_database
    suffix = unique_suffix()
    before = fetch(alias, LIST_DATABASES[alias])
    assert fetch(alias, LIST_TABLES[alias], real_name) == set()

    out = tmp_path / "out"
    variable = {"postgresql": "HARNESS_POSTGRESQL_URL", "mysql": "HARNESS_MYSQL_URL"}[alias]
    env = harness_env(HARNESS_TEST_DB_SUFFIX=suffix, **{variable: url(alias, real_name)})
    # Every app, with DDL, comparisons, default vs routed (a subprocess) and probes on the server.
    proc = run_manage("portability", "report", "--targets", alias, "--output", str(out), env=env)
    assert proc.returncode == 0, explain(proc)
    report = load_report(out)
    assert target(report, alias)["status"] == "ok", target(report, alias)
    assert any(d["target"] == alias and d["sql"] for d in report["ddl"])
    assert any(p["target"] == alias and p["observed"] is not None for p in report["probes"])

    after = fetch(alias, LIST_DATABASES[alias])
    assert [n for n in after if suffix in n] == []  # scratch and as-default test databases dropped
    assert {n for n in after if not n.startswith("test_")} == {
        n for n in before if not n.startswith("test_")}
    assert fetch(alias, LIST_TABLES[alias], real_name) == set()


# -- the name check behind every write ------------------------------------------------------


def wrapper(alias: str, **settings):
    """A DatabaseWrapper of ``alias``'s backend with other settings; it never connects here."""
    original = connections[alias]
    return original.__class__({**original.settings_dict, **settings}, alias)


@pytest.mark.parametrize("alias,settings", [
    ("postgresql", {"NAME": "production"}),
    ("postgresql", {"NAME": "harness"}),
    ("postgresql", {"NAME": "harness_test_1"}),
    ("postgresql", {"NAME": ""}),
    ("mysql", {"NAME": "production"}),
    ("mysql", {"NAME": "testing"}),
    ("oracle", {"NAME": "test_db", "USER": "system"}),  # Oracle's test database is its user
    ("default", {"NAME": "/srv/data/production.sqlite3"}),
    ("default", {"NAME": "test_production.sqlite3"}),  # a file: only in-memory ones are scratch
])
def test_a_database_not_named_like_a_test_one_is_refused(alias, settings):
    connection = wrapper(alias, **settings)
    assert not looks_like_test_database(connection)
    with pytest.raises(UnsafeDatabase, match=f"refusing to write to '{alias}'"):
        ensure_test_database(connection)


@pytest.mark.parametrize("alias,settings", [
    ("postgresql", {"NAME": "test_harness_p123_ddl"}),
    ("mysql", {"NAME": "TEST_harness_gw0"}),
    ("oracle", {"USER": "test_harness_p1"}),
    ("default", {"NAME": ":memory:"}),
    ("default", {"NAME": "file:memorydb_ddl_1?mode=memory&cache=shared"}),
])
def test_test_databases_are_accepted(alias, settings):
    connection = wrapper(alias, **settings)
    assert looks_like_test_database(connection)
    ensure_test_database(connection)  # no exception
