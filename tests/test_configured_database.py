"""Django's own commands on a fresh server: the configured database is created once when
missing (seed 003's ``sqlmigrate … --database X``), never dropped, and test names untouched."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVERS = {
    "postgresql": ("HARNESS_POSTGRESQL_URL", "postgres://postgres:postgres@127.0.0.1:5432/{}",
                   "pots_pos"),
    "mysql": ("HARNESS_MYSQL_URL", "mysql://root:@127.0.0.1:3306/{}", "pots_mys"),
}


def manage(alias, name, *args):
    variable, url, _ = SERVERS[alias]
    env = {**os.environ, variable: url.format(name), "DJANGO_SETTINGS_MODULE": "harness.settings"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def database_exists(alias, name) -> bool:
    from django.db import connections

    with connections[alias]._nodb_cursor() as cursor:
        if alias == "mysql":
            cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [name])
        else:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def drop(alias, name):
    from django.db import connections

    with connections[alias]._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connections[alias].ops.quote_name(name)}")


@pytest.mark.parametrize("alias", [pytest.param("postgresql", marks=pytest.mark.backend("postgresql")),
                                   pytest.param("mysql", marks=pytest.mark.backend("mysql"))])
def test_sqlmigrate_and_migrate_create_the_missing_configured_database_once(alias):
    name = f"harness_fresh_{os.getpid()}"
    app = SERVERS[alias][2]
    assert not database_exists(alias, name)
    try:
        first = manage(alias, name, "sqlmigrate", app, "0001", "--database", alias)
        assert first.returncode == 0, first.stderr
        assert "CREATE TABLE" in first.stdout
        assert f"Created the database {name!r} of alias {alias!r}" in first.stderr
        assert database_exists(alias, name)
        again = manage(alias, name, "migrate", app, "--database", alias)
        assert again.returncode == 0, again.stderr
        assert "Created the database" not in again.stderr  # it existed: said once, not again
        assert database_exists(alias, name)
    finally:
        drop(alias, name)


@pytest.mark.backend("postgresql")
def test_a_missing_test_database_is_not_created_behind_django():
    name = f"test_harness_absent_{os.getpid()}"
    result = manage("postgresql", name, "sqlmigrate", "pots_pos", "0001", "--database", "postgresql")
    assert result.returncode != 0 and "does not exist" in result.stderr
    assert not database_exists("postgresql", name)
