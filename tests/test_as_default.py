"""One way to run something with a chosen alias as the default alias (harness.portability.as_default)."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from harness.portability import as_default
from harness.portability.as_default import (
    AsDefaultError,
    databases_as_default,
    launch,
    private_test_databases,
    routes_as_default,
    settings_as_default,
)

from .harness_run import ROOT

SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "app.sqlite3", "TEST": {}}
PG = {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "HOST": "pg", "PORT": "5432",
      "TEST": {"NAME": "test_app", "DEPENDENCIES": []}, "OPTIONS": {"connect_timeout": 3}}
MARIA = {"ENGINE": "django.db.backends.mysql", "NAME": "app", "HOST": "maria",
         "TEST": {"NAME": "test_app", "DEPENDENCIES": [], "CHARSET": "utf8mb4"}}
REPLICA = {"ENGINE": "django.db.backends.sqlite3", "NAME": "app.sqlite3", "TEST": {"MIRROR": "default"}}


def databases():
    return {"default": copy.deepcopy(SQLITE), "postgresql": copy.deepcopy(PG),
            "mysql": copy.deepcopy(MARIA), "replica": copy.deepcopy(REPLICA)}


def server(config):
    return {k: v for k, v in config.items() if k not in ("TEST", "OPTIONS")}


def test_the_target_becomes_default_and_keeps_its_own_name():
    before = databases()
    after = databases_as_default(before, "postgresql")
    assert list(after) == ["default", "previous_default", "postgresql", "mysql", "replica"]
    assert server(after["default"]) == server(PG)
    # Same server and test database under its own name: Django's test setup sees one
    # test-database signature and creates one test database for both aliases.
    assert after["postgresql"] == after["default"]
    assert after["postgresql"] is not after["default"]
    assert after["postgresql"]["TEST"] is not after["default"]["TEST"]
    assert after["postgresql"]["TEST"]["NAME"] == "test_app"
    assert server(after["previous_default"]) == server(SQLITE)
    assert after["mysql"] == MARIA
    # A mirror keeps naming the alias "default": it now mirrors the target.
    assert after["replica"]["TEST"] == {"MIRROR": "default"}
    assert before == databases()  # the input is never mutated


def test_the_default_alias_depends_on_nothing_and_mirrors_nothing():
    dbs = databases()
    after = databases_as_default(dbs, "replica")
    assert "MIRROR" not in after["default"]["TEST"]
    assert "DEPENDENCIES" not in databases_as_default(dbs, "postgresql")["default"]["TEST"]


def test_single_keeps_only_the_target():
    after = databases_as_default(databases(), "mysql", single=True)
    assert list(after) == ["default"]
    assert server(after["default"]) == server(MARIA)
    assert after["default"]["TEST"] == {"NAME": "test_app", "CHARSET": "utf8mb4"}


def test_default_as_default_changes_nothing_unless_single():
    dbs = databases()
    assert databases_as_default(dbs, "default") == dbs
    assert list(databases_as_default(dbs, "default", single=True)) == ["default"]


def test_previous_default_never_replaces_an_existing_alias():
    dbs = {**databases(), "previous_default": copy.deepcopy(SQLITE)}
    after = databases_as_default(dbs, "mysql")
    assert "previous_default_2" in after and server(after["previous_default_2"]) == server(SQLITE)


def test_an_unknown_alias_is_refused_with_the_valid_ones():
    with pytest.raises(AsDefaultError, match=r"no database alias 'oracle'.*default, postgresql"):
        databases_as_default(databases(), "oracle")


def test_routes_follow_the_servers():
    routes = {"pots": "default", "pots_pos": "postgresql", "pots_mys": "mysql", "other": "gone"}
    assert routes_as_default(routes, databases(), "postgresql") == {
        "pots": "previous_default", "pots_pos": "default", "pots_mys": "mysql", "other": "gone"}
    assert set(routes_as_default(routes, databases(), "postgresql", single=True).values()) == {"default"}


def test_settings_as_default_rewrites_routes_only_when_defined():
    assert set(settings_as_default({"DATABASES": databases()}, "mysql")) == {"DATABASES"}
    out = settings_as_default({"DATABASES": databases(), "HARNESS_APP_DATABASES": {"a": "mysql"}},
                              "mysql")
    assert out["HARNESS_APP_DATABASES"] == {"a": "default"}
    with pytest.raises(AsDefaultError, match="no DATABASES"):
        settings_as_default({}, "mysql")


def test_private_test_databases_add_the_suffix_once():
    out = private_test_databases(databases(), "matrix_p1")
    assert out["postgresql"]["TEST"]["NAME"] == "test_app_matrix_p1"
    assert out["mysql"]["TEST"]["NAME"] == "test_app_matrix_p1"
    assert "NAME" not in out["default"]["TEST"]  # SQLite: in-memory, private already
    assert private_test_databases(out, "matrix_p1") == out


PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'aliases': list(s.DATABASES), "
    "'engines': {a: c['ENGINE'] for a, c in s.DATABASES.items()}, "
    "'test_names': {a: c['TEST'].get('NAME') for a, c in s.DATABASES.items()}, "
    "'routes': getattr(s, 'HARNESS_APP_DATABASES', None), 'module': s.SETTINGS_MODULE}))"
)


def run_python(code: str, alias: str, **kwargs) -> dict:
    process = launch([sys.executable, "-c", code], alias, cwd=str(ROOT),
                     settings_module="harness.settings", stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True, **kwargs)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def test_launch_runs_the_project_settings_through_the_shim():
    seen = run_python(PRINT_SETTINGS, "mysql", suffix="astest")
    assert seen["module"] == as_default.SHIM_MODULE
    assert seen["aliases"][:2] == ["default", "previous_default"]
    assert seen["engines"]["default"] == "django.db.backends.mysql"
    assert seen["engines"]["previous_default"] == "django.db.backends.sqlite3"
    assert seen["routes"]["pots_mys"] == "default" and seen["routes"]["pots"] == "previous_default"
    # The suffix names this process's test databases (harness settings: test_harness_<suffix>).
    assert seen["test_names"]["default"].startswith("test_harness_astest_p")


def test_the_engine_settings_modules_agree_with_the_shim():
    import importlib

    module = importlib.import_module("harness.settings.mysql")
    seen = run_python(PRINT_SETTINGS, "mysql")
    assert seen["aliases"] == list(module.DATABASES)
    assert seen["routes"] == module.HARNESS_APP_DATABASES


def test_a_launch_from_a_process_under_the_shim_chains_the_aliases():
    # The child of a child: its alias names mean what they mean in its parent.
    code = ("import subprocess, sys; from harness.portability.as_default import launch; "
            f"p = launch([sys.executable, '-c', {PRINT_SETTINGS!r}], 'previous_default', "
            "stdout=subprocess.PIPE, text=True); print(p.communicate()[0])")
    seen = run_python(code, "postgresql")
    # postgresql became default, SQLite previous_default; then previous_default became
    # default, keeping its name, and PostgreSQL moved to the next free name.
    assert seen["engines"]["default"] == "django.db.backends.sqlite3"
    assert seen["engines"]["previous_default"] == "django.db.backends.sqlite3"
    assert seen["engines"]["previous_default_2"] == "django.db.backends.postgresql"
    assert seen["engines"]["postgresql"] == "django.db.backends.postgresql"


def test_the_shim_without_its_variables_says_how_to_start_it():
    env = {"DJANGO_SETTINGS_MODULE": as_default.SHIM_MODULE, "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "HARNESS_AS_DEFAULT_SETTINGS" in proc.stderr and "launch" in proc.stderr
