"""Offline DDL: golden files, seed 003's table, no server or C driver needed, clear errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from harness.portability import profiles
from harness.portability.collect import build_report
from harness.portability.targets import select
from harness.portability.workers import render_offline

from .conftest import POTS_APPS

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def offline_ddl():
    return render_offline(POTS_APPS, list(profiles.PROFILES))


def test_golden_files_match_every_profile(offline_ddl, regenerate_golden):
    """Regenerate with: python -m pytest tests/test_ddl_offline.py --regenerate-golden"""
    expected = set()
    for target, rendered in offline_ddl.items():
        for result in rendered:
            sql = result.forwards.sql
            assert sql is not None, (target, result.name, result.forwards.reason)
            path = GOLDEN / target / result.app_label / f"{result.name}.sql"
            expected.add(path)
            if regenerate_golden:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(sql, encoding="utf-8")
            assert path.read_text(encoding="utf-8") == sql, path
    assert set(GOLDEN.rglob("*.sql")) == expected  # no stale golden file either


def test_every_pots_migration_renders_on_every_profile(offline_ddl):
    assert set(offline_ddl) == set(profiles.PROFILES)
    for target, rendered in offline_ddl.items():
        assert len(rendered) == 3 * len(POTS_APPS)
        for result in rendered:
            # Oracle names inline constraints at run time; everything else renders whole.
            status = result.forwards.status
            assert status == "ok" or (status == "needs-server" and target.startswith("oracle")), \
                (target, result.forwards.reason)


def test_introspecting_migration_renders_offline_from_the_catalog(offline_ddl):
    sql = {t: next(r.forwards.sql for r in rendered if r.name == "0003_quote_introspected"
                   and r.app_label == "pots") for t, rendered in offline_ddl.items()}
    assert 'ALTER INDEX "pots_quote_ticker_venue_b8297eec_idx" RENAME TO "pots_quote_tv_idx"' in sql["postgresql-15"]
    assert 'ALTER TABLE "pots_quote" DROP CONSTRAINT "pots_quote_ticker_key"' in sql["postgresql-15"]
    assert 'DROP CONSTRAINT "pots_quote_volume_check"' in sql["postgresql-15"]
    assert "DROP FOREIGN KEY `pots_quote_customer_id_ff34b001_fk_pots_customer_id`" in sql["mariadb-10.11"]
    # Django's MySQL introspection renames MariaDB's column-named CHECK; MySQL 8 numbers them.
    assert "DROP CONSTRAINT IF EXISTS `__unnamed_constraint_1__`" in sql["mariadb-10.11"]
    assert "DROP CHECK `pots_quote_chk_1`" in sql["mysql-8.4"]
    assert 'DROP CONSTRAINT "check_volume"' in sql["cockroachdb-25"]


def test_oracle_generated_names_are_reported_not_hidden(offline_ddl):
    result = next(r for r in offline_ddl["oracle-23"] if r.name == "0003_quote_introspected").forwards
    assert "SYS_C_GENERATED_BY_ORACLE" in result.sql
    assert result.status == "needs-server"
    assert "Oracle generates" in result.reason


def column(report, target, model, name):
    return next(c for c in report.columns
                if (c.target, c.app, c.model, c.column) == (target, "pots", model, name))


def test_seed_003_comparison_table():
    report = build_report(["pots"], select(["oracle-23", "postgresql-15", "sqlite"]))
    for name in ("TYPE", "SIZE"):
        oracle = column(report, "oracle-23", "Pot", name)
        assert (oracle.declared, oracle.nullable) == ("NVARCHAR2(20)", True)
        postgres = column(report, "postgresql-15", "Pot", name)
        assert (postgres.declared, postgres.nullable) == ("varchar(20)", False)
    for name in ("AVAILABLE", "DIRTY"):
        oracle = column(report, "oracle-23", "Pot", name)
        assert (oracle.declared, oracle.nullable) == ("NUMBER(1)", False)
        assert oracle.check == f'"{name}" IN (0,1)'
        assert column(report, "postgresql-15", "Pot", name).declared == "boolean"
    pot_ddl = {t.target: "\n".join(t.statements) for t in report.tables if t.model == "Pot"}
    assert '"TYPE" NVARCHAR2(20) NULL' in pot_ddl["oracle-23"]
    assert '"AVAILABLE" NUMBER(1) NOT NULL CHECK ("AVAILABLE" IN (0,1))' in pot_ddl["oracle-23"]
    assert '"TYPE" varchar(20) NOT NULL' in pot_ddl["postgresql-15"]


def test_unknown_app_and_target_are_refused_with_the_closest_name(tmp_path):
    with pytest.raises(CommandError, match=r"Unknown app label 'pots_po'.*Did you mean 'pots_pos'.*Valid app labels: .*pots_mys"):
        call_command("portability", "report", "--apps", "pots_po", "--offline", "--output", str(tmp_path))
    with pytest.raises(CommandError, match=r"Unknown target 'mariadb-10'.*Did you mean 'mariadb-10.11'"):
        call_command("portability", "report", "--targets", "mariadb-10", "--output", str(tmp_path))
    with pytest.raises(CommandError, match="app without migrations 'staticfiles'"):
        call_command("portability", "report", "--apps", "staticfiles", "--output", str(tmp_path))
    assert not any(tmp_path.iterdir())  # nothing written for a refused run


# Runs the offline report in a fresh interpreter where sockets, SQLite connections and
# mysqlclient are unavailable: offline generation must need none of them.
NO_SERVER_BOOTSTRAP = """
import socket, sqlite3, sys
def refuse(*args, **kwargs):
    raise AssertionError("offline rendering tried to connect")
socket.socket.connect = refuse
sqlite3.connect = refuse
sys.modules["MySQLdb"] = None  # as if mysqlclient (a C extension) were not installed
sys.argv = ["manage.py", "portability", "report", "--offline", "--output", sys.argv[1],
            "--apps", "contenttypes", "auth", "pots", "pots_mys", "pots_ora"]
import runpy
runpy.run_path("manage.py", run_name="__main__")
"""


def test_offline_report_needs_no_server_and_no_mysqlclient(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "HARNESS_POSTGRESQL_URL": "postgres://u:p@127.0.0.1:1/x"}
    proc = subprocess.run([sys.executable, "-c", NO_SERVER_BOOTSTRAP, str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text())
    assert report["format"] == 4
    assert {t["mode"] for t in report["targets"]} == {"offline"}
    assert all(t["status"] == "ok" for t in report["targets"])
    mysql = (out / "ddl" / "mysql-8.4" / "pots_mys" / "0001_initial.sql").read_text()
    assert "CREATE TABLE `pots_mys_pot`" in mysql


def test_two_runs_write_byte_identical_files(tmp_path):
    trees = []
    for run in ("a", "b"):
        call_command("portability", "report", "--offline", "--output", str(tmp_path / run))
        root = tmp_path / run
        trees.append({p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    # report.json/.md, index.html, summary.md, then every .sql and .backwards.sql
    assert len(trees[0]) == 4 + len(profiles.PROFILES) * 4 * 3 * 2


def test_report_json_carries_format_targets_and_ddl(tmp_path):
    call_command("portability", "report", "--offline", "--apps", "pots",
                 "--targets", "sqlite", "oracle-19", "--output", str(tmp_path))
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["format"] == 4
    assert [t["name"] for t in report["targets"]] == ["sqlite", "oracle-19"]
    assert set(report["targets"][0]) >= {"name", "vendor", "version", "mode", "status", "reason"}
    row = next(r for r in report["ddl"] if r["target"] == "oracle-19" and r["migration"] == "0001_initial")
    assert set(row) == {"target", "app", "migration", "sql", "status", "reason", "backwards_sql",
                        "backwards_status", "backwards_error", "volatile", "printed_values",
                        "routed_sql", "routed_backwards_sql", "routed_status", "statement_lines"}
    assert (row["status"], row["backwards_status"]) == ("ok", "ok")
    assert row["sql"] == (tmp_path / "ddl" / "oracle-19" / "pots" / "0001_initial.sql").read_text()
    md = (tmp_path / "report.md").read_text()
    assert "NVARCHAR2(20)" in md and "DDL side by side" in md
