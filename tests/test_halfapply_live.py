"""The half-apply prediction proved on real servers: migration edge_halfapply.0003 (five
statements, the fourth refused by the data) run with ``migrate`` on MariaDB keeps exactly
the statements predicted; on PostgreSQL (transactional DDL) it leaves nothing behind."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from harness.portability.as_default import launch

from .harness_run import ROOT, explain, harness_env, load_report, run_manage

EDGE_SETTINGS = "tests.edgecases.settings"
MIGRATION = "0003_unique_name"


def migrate_for_real(alias: str) -> dict:
    process = launch([sys.executable, "-m", "tests.edgecases.halfapply_run"], alias, single=True,
                     settings_module=EDGE_SETTINGS, cwd=ROOT, env=harness_env(), stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def prediction(tmp_path_factory):
    out = tmp_path_factory.mktemp("halfapply")
    proc = run_manage("portability", "report", "--offline", "--apps", "edge_halfapply", "--targets", "mariadb-10.11",
                      "--output", str(out), env=harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS))
    assert proc.returncode == 0, explain(proc)
    return next(h for h in load_report(out)["half_apply"] if h["migration"] == MIGRATION)


def stayed(statement: str, table: dict) -> bool:
    """Whether what ``statement`` does is in the introspected table."""
    columns, names = table["columns"], {c["name"] for c in table["constraints"]}
    if match := re.search(r"ADD COLUMN `(\w+)`", statement):
        return match.group(1) in columns
    if match := re.search(r"ALTER COLUMN `(\w+)` DROP DEFAULT", statement):
        return match.group(1) in columns and columns[match.group(1)]["default"] is None
    if match := re.search(r"(?:CREATE INDEX|ADD CONSTRAINT) `(\w+)`", statement):
        return match.group(1) in names
    raise AssertionError(f"no check for {statement!r}")


@pytest.mark.backend("mysql")
def test_mariadb_keeps_exactly_the_statements_before_the_one_that_failed(prediction):
    found = migrate_for_real("mysql")
    assert "Duplicate entry" in found["error"], found
    assert found["applied"] == ["0001_initial", "0002_duplicates"]  # 0003 is not recorded
    # The statement the server refused is one the prediction lists (sqlmigrate adds the ";").
    failed = [s.removesuffix(";") for s in prediction["statements"]].index(found["refused"][0]) + 1
    assert failed == 4
    kept = prediction["kept"][failed - 1]
    assert kept == [1, 2, 3] and prediction["hazard"]
    observed = [number for number, statement in enumerate(prediction["statements"], 1)
                if stayed(statement, found["table"])]
    assert observed == kept, (observed, found["table"])


@pytest.mark.backend("postgresql")
def test_postgresql_rolls_the_whole_migration_back(prediction):
    found = migrate_for_real("postgresql")
    assert "is duplicated" in found["error"], found
    assert found["applied"] == ["0001_initial", "0002_duplicates"]
    assert 'UNIQUE ("name")' in found["refused"][0]
    assert sorted(found["table"]["columns"]) == ["id", "name"]
    assert [c["kind"] for c in found["table"]["constraints"]] == ["primary key"]
